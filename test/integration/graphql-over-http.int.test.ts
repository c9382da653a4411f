import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestServer, type TestServer } from '../helpers/server';

// The official GraphQL-over-HTTP audit suite of graphql-http, run against the real server.
describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  let server: TestServer;
  const results: AuditResult[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    for (const audit of serverAudits({ url: `${server.base}/graphql`, fetchFn: fetch })) results.push(await audit.fn());
  });

  afterAll(async () => {
    const should = results.filter((result) => result.name.startsWith('SHOULD'));
    const passed = should.filter((result) => result.status === 'ok').length;
    console.log(
      `GraphQL-over-HTTP audits: ${results.filter((r) => r.status === 'ok').length}/${results.length} ok; SHOULD ${passed}/${should.length} ok`,
    );
    await server?.close();
  });

  it('runs the whole suite: 13 MUST and 20 SHOULD audits among 60, every one ok', () => {
    const count = (level: string) => results.filter((result) => result.name.startsWith(level)).length;
    expect({ all: results.length, must: count('MUST'), should: count('SHOULD') }).toEqual({
      all: 60,
      must: 13,
      should: 20,
    });
    const notOk = results.filter((result) => result.status !== 'ok').map((result) => `${result.status} ${result.name}`);
    expect(notOk).toEqual([]);
  });

  it('passes every MUST audit', () => {
    const failed = results
      .filter((result) => result.name.startsWith('MUST') && result.status !== 'ok')
      .map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failed).toEqual([]);
  });

  it('passes the SHOULD audits too', () => {
    const failed = results
      .filter((result) => result.name.startsWith('SHOULD') && result.status !== 'ok')
      .map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failed).toEqual([]);
  });
});
