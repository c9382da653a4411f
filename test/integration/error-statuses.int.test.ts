import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Neo4jError, type Driver } from 'neo4j-driver';
import { ERROR_STATUS, type ErrorCode } from '../../src/errors';
import { retractSource, seedBundles } from '../../src/ingest/seed-loader';
import { findFreePort } from '../../src/localdb/ports';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, startTestServer, type TestServer } from '../helpers/server';

const KEY = `statuses-${randomBytes(16).toString('hex')}`;
const ARTICLE = 'baoquocte-279309';
const SECOND = 'fixture-second-report';
const json = { 'content-type': 'application/json' };
const graphqlJson = { ...json, accept: 'application/graphql-response+json' };
const bearer = { authorization: `Bearer ${KEY}` };

/** A driver whose every transaction fails with `error`, as a Neo4j that times out or a defect would. */
function failingDriver(error: Error): Driver {
  const session = {
    executeRead: () => Promise.reject(error),
    executeWrite: () => Promise.reject(error),
    close: async () => undefined,
  };
  return { session: () => session, close: async () => undefined } as unknown as Driver;
}

/**
 * Every error code a client can meet, each produced by a request of its own, with the HTTP status
 * it is answered with and the one body shape `{errors: [{message, extensions: {code}}]}`.
 */
describe('error codes over HTTP', () => {
  let server: TestServer;
  let writesOff: TestServer;
  let limited: TestServer;
  let neo4jAway: TestServer;
  let timingOut: TestServer;
  let defective: TestServer;

  beforeAll(async () => {
    server = await startSeededTestServer({ INGEST_API_KEYS: `statuses:${KEY}`, BODY_LIMIT: '8kb' });
    writesOff = await startTestServer();
    limited = await startTestServer({ RATE_LIMIT_PER_MINUTE: '1' });
    neo4jAway = await startTestServer({
      NEO4J_URI: `bolt://127.0.0.1:${await findFreePort()}`,
      NEO4J_CONNECTION_TIMEOUT_MS: '1000',
      NEO4J_MAX_RETRY_TIME_MS: '1000',
    });
    timingOut = await startTestServer(
      {},
      {
        driver: failingDriver(
          new Neo4jError(
            'The transaction has been terminated: it ran past its timeout',
            'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
            '25N05',
            'transaction timed out',
          ),
        ),
      },
    );
    defective = await startTestServer(
      {},
      { driver: failingDriver(new TypeError("Cannot read properties of undefined (reading 'secret detail')")) },
    );
    // A second source whose relationships need the article's nodes: the article cannot be retracted.
    await seedBundles(server.database, [path.join(FIXTURES_DIR, 'second-report.yaml')]);
  });

  afterAll(async () => {
    await retractSource(server.database, SECOND).catch(() => undefined);
    for (const each of [server, writesOff, limited, neo4jAway, timingOut, defective]) await each?.close();
  });

  const cases: [ErrorCode, number, () => Promise<Response>][] = [
    ['BAD_USER_INPUT', 400, () => fetch(`${server.base}/feeds/vis-timeline.json?from=2024-13`)],
    ['BAD_REQUEST', 400, () => fetch(`${server.base}/graphql`, { method: 'POST', headers: json })],
    [
      'UNAUTHENTICATED',
      401,
      () => fetch(`${server.base}/bundles`, { method: 'POST', headers: { 'content-type': 'application/yaml' } }),
    ],
    [
      'FORBIDDEN',
      403,
      () =>
        fetch(`${writesOff.base}/bundles`, {
          method: 'POST',
          headers: { 'content-type': 'application/yaml', ...bearer },
          body: 'source: {}',
        }),
    ],
    [
      'INVALID_BUNDLE',
      400,
      () =>
        fetch(`${server.base}/bundles`, {
          method: 'POST',
          headers: { 'content-type': 'application/yaml', ...bearer },
          body: 'source: {}',
        }),
    ],
    ['CONFLICT', 409, () => fetch(`${server.base}/bundles/${ARTICLE}`, { method: 'DELETE', headers: bearer })],
    ['NOT_FOUND', 404, () => fetch(`${server.base}/no-such-route`)],
    [
      'PAYLOAD_TOO_LARGE',
      413,
      () =>
        fetch(`${server.base}/graphql`, {
          method: 'POST',
          headers: graphqlJson,
          body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(10_000)}` }),
        }),
    ],
    [
      'UNSUPPORTED_MEDIA_TYPE',
      415,
      () =>
        fetch(`${server.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: '{ __typename }',
        }),
    ],
    [
      'RATE_LIMITED',
      429,
      async () => {
        await fetch(`${limited.base}/feeds/vis-timeline.json`);
        return fetch(`${limited.base}/feeds/vis-timeline.json`);
      },
    ],
    [
      'GRAPHQL_PARSE_FAILED',
      400,
      () => fetch(`${server.base}/graphql`, { method: 'POST', headers: graphqlJson, body: '{"query": "{"}' }),
    ],
    [
      'GRAPHQL_VALIDATION_FAILED',
      400,
      () => fetch(`${server.base}/graphql`, { method: 'POST', headers: graphqlJson, body: '{"query": "{ nope }"}' }),
    ],
    ['SERVICE_UNAVAILABLE', 503, () => fetch(`${neo4jAway.base}/feeds/vis-timeline.json`)],
    ['QUERY_TIMEOUT', 504, () => fetch(`${timingOut.base}/feeds/vis-timeline.json`)],
    ['INTERNAL_SERVER_ERROR', 500, () => fetch(`${defective.base}/feeds/vis-timeline.json`)],
  ];

  it('has a request here for every code of the error model', () => {
    expect(cases.map(([code]) => code).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  });

  it.each(cases)('answers %s with HTTP %i and a coded error body', async (code, status, send) => {
    const response = await send();
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect({ code, status: response.status }).toEqual({ code, status });
    expect(body.errors).toEqual([
      expect.objectContaining({ message: expect.any(String), extensions: expect.objectContaining({ code }) }),
    ]);
  });

  it('shows nothing of an unexpected failure but "Unexpected error"', async () => {
    const response = await fetch(`${defective.base}/feeds/vis-timeline.json`);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Unexpected error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });
});
