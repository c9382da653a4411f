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

  /** The audits of one level (MUST, SHOULD, MAY) that are not ok, with graphql-http's reason. */
  const failing = (level: string): string[] => {
    const audits = results.filter((result) => result.name.startsWith(level));
    expect(audits.length).toBeGreaterThan(0);
    return audits
      .filter((result) => result.status !== 'ok')
      .map((result) => `${result.status} ${result.name}: ${'reason' in result ? result.reason : ''}`);
  };

  it('passes every MUST audit', () => {
    expect(failing('MUST')).toEqual([]);
  });

  it('passes the SHOULD audits too', () => {
    expect(failing('SHOULD')).toEqual([]);
  });

  it('passes the MAY audits as well', () => {
    expect(failing('MAY')).toEqual([]);
  });

  it('leaves no audit unchecked: each is a MUST, SHOULD or MAY', () => {
    const levels = new Set(results.map((result) => result.name.split(' ')[0]));
    expect([...levels].sort()).toEqual(['MAY', 'MUST', 'SHOULD']);
  });
});
