import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '../helpers/eventually';
import { FIXTURES_DIR } from '../helpers/graph';
import { parsePrometheusText, sumOf } from '../helpers/prometheus-text';
import { startSeededTestServer, startTestServer, type TestServer } from '../helpers/server';

const KEY = 'cache-key-0123456789abcdef0123456789';
const BRIEFING = readFileSync(path.join(FIXTURES_DIR, 'briefing-report.yaml'), 'utf8');
const SOURCE_ID = 'test-briefing-report';
/** How many events the whole graph has: any load or retraction changes it. */
const COUNT = '{ timeline(first: 1) { totalCount } }';
const LOOKUPS = 'graphql_response_cache_lookups_total';

/**
 * The query answer cache with its real parts: two replicas on one database, one with the cache
 * (RESPONSE_CACHE_MB) and one without, writes through each, and the cache's own counts on /metrics.
 */
describe('query answer cache (RESPONSE_CACHE_MB)', () => {
  let cached: TestServer;
  let other: TestServer;
  const env = { INGEST_API_KEYS: `cache:${KEY}` };
  const authorization = `Bearer ${KEY}`;

  const lookups = async (server: TestServer) => {
    const samples = parsePrometheusText(await (await fetch(`${server.metricsBase}/metrics`)).text());
    return {
      hits: sumOf(samples, LOOKUPS, { result: 'HIT' }),
      misses: sumOf(samples, LOOKUPS, { result: 'MISS' }),
      joined: sumOf(samples, LOOKUPS, { result: 'JOINED' }),
      bypassed: sumOf(samples, LOOKUPS, { result: 'BYPASS' }),
      series: samples.filter((sample) => sample.name === LOOKUPS).length,
    };
  };
  const totalCount = async (server: TestServer) => {
    const { status, body } = await server.graphql(COUNT);
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    return body.data?.timeline.totalCount as number;
  };
  const retract = (server: TestServer) =>
    fetch(`${server.base}/bundles/${SOURCE_ID}`, { method: 'DELETE', headers: { authorization } });

  beforeAll(async () => {
    other = await startSeededTestServer(env, { metrics: true });
    await retract(other); // left by an earlier run, or absent (404)
    cached = await startTestServer({ ...env, RESPONSE_CACHE_MB: '4', CHANGE_POLL_MS: '200' }, { metrics: true });
    // The cache keeps answers once it knows the data version (its first poll).
    await eventually(
      async () => (await totalCount(cached), (await lookups(cached)).misses > 0),
      10_000,
      'the first answer to be kept',
    );
  });
  afterAll(async () => {
    if (other) await retract(other);
    await cached?.close();
    await other?.close();
  });

  it('answers a repeated query from the cache, with the answer the database gives', async () => {
    const before = await lookups(cached);
    const answers = [await totalCount(cached), await totalCount(cached)];
    const after = await lookups(cached);
    expect(answers).toEqual([await totalCount(other), await totalCount(other)]);
    expect({ hits: after.hits - before.hits, misses: after.misses - before.misses }).toEqual({ hits: 2, misses: 0 });
  });

  it('runs a query asked by many at once one time, the others given its answer or a kept one', async () => {
    // A query no earlier test asked (the alias makes the document new), sent six times at once.
    const query = '{ burst: timeline(first: 3) { totalCount nodes { id } } }';
    const before = await lookups(cached);
    const answers = await Promise.all(Array.from({ length: 6 }, () => cached.graphql(query)));
    const after = await lookups(cached);
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    expect(answers[0]?.body.data?.burst.nodes).toHaveLength(3);
    const shared = after.joined - before.joined + (after.hits - before.hits);
    expect({ misses: after.misses - before.misses, shared }).toEqual({ misses: 1, shared: 5 });
  });

  it('answers from the new data at once after a write through its own replica', async () => {
    const before = await totalCount(cached);
    const load = await fetch(`${cached.base}/bundles`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', authorization },
      body: BRIEFING,
    });
    expect(load.status).toBe(201);
    const now = await totalCount(cached);
    expect(now).toBeGreaterThan(before);
    expect(now).toBe(await totalCount(other));
  });

  it('answers from the new data within CHANGE_POLL_MS after a write through another replica', async () => {
    const loaded = await totalCount(cached);
    expect((await retract(other)).status).toBe(200);
    const retracted = await totalCount(other);
    expect(retracted).toBeLessThan(loaded);
    await eventually(async () => (await totalCount(cached)) === retracted, 10_000, 'the retraction to be seen');
  });

  it('keeps no answer with errors and never a mutation', async () => {
    const before = await lookups(cached);
    for (let i = 0; i < 2; i += 1) {
      const refused = await cached.graphql('{ timeline(first: -1) { totalCount } }');
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const mutation = await cached.graphql(`mutation { retractSource(sourceId: "${SOURCE_ID}") { sourceId } }`);
    expect(mutation.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const after = await lookups(cached);
    expect({
      hits: after.hits - before.hits,
      misses: after.misses - before.misses,
      bypassed: after.bypassed - before.bypassed,
    }).toEqual({ hits: 0, misses: 2, bypassed: 1 });
  });

  it('takes no place among the live subscriptions (LIVE_MAX_SUBSCRIPTIONS)', () => {
    expect(cached.changes.subscribers).toBe(0);
    expect(cached.changes.followedVersion).toBeGreaterThan(0);
  });

  it('is off unless asked for: no cache, no series', async () => {
    expect((await lookups(other)).series).toBe(0);
  });
});
