import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '../helpers/eventually';
import { FIXTURES_DIR } from '../helpers/graph';
import { parsePrometheusText, samplesOf, sumOf, type Sample } from '../helpers/prometheus-text';
import { startSeededTestServer, startTestServer, type TestServer } from '../helpers/server';

const KEY = 'metrics-key-0123456789abcdef01234567';
const BRIEFING = readFileSync(path.join(FIXTURES_DIR, 'briefing-report.yaml'), 'utf8');
const SOURCE_ID = 'test-briefing-report';

/** The route labels the app may use: Express route patterns and the fixed fallbacks. */
const KNOWN_ROUTE = /^(\/[A-Za-z0-9/:._-]*|\/(feeds|widget|vendor|export|author|graphiql|health)\/\.\.\.|other)$/;

describe('/metrics after a short load', () => {
  let server: TestServer;
  let before: Sample[];
  let after: Sample[];
  let whileSubscribed: Sample[];
  let retractedVersion: number;

  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(`${server.metricsBase}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  };
  const moved = (name: string, labels: Record<string, string>) =>
    sumOf(after, name, labels) - sumOf(before, name, labels);
  const post = (body: string) =>
    fetch(`${server.base}/bundles`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', authorization: `Bearer ${KEY}` },
      body,
    });

  beforeAll(async () => {
    server = await startSeededTestServer({ INGEST_API_KEYS: `metrics:${KEY}` }, { metrics: true });
    await fetch(`${server.base}/bundles/${SOURCE_ID}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEY}` },
    });
    before = await scrape();

    // GraphQL: two named queries, one anonymous, one refused by validation, one failing in a resolver.
    for (let i = 0; i < 2; i += 1)
      expect((await server.graphql('query EntityList { entities(first: 2) { id } }')).status).toBe(200);
    await server.graphql('{ entities(first: 1) { id } }');
    await server.graphql('query Broken { noSuchField }');
    const unknown = await server.graphql(
      'query UnknownEntity { timeline(filter: {entityIds: ["no-such-entity"]}) { totalCount } }',
    );
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Ingest: an invalid bundle, a load, and its retraction.
    expect((await post('source: {}')).status).toBe(400);
    expect((await post(BRIEFING)).status).toBe(201);
    const retraction = await fetch(`${server.base}/bundles/${SOURCE_ID}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(retraction.status).toBe(200);
    retractedVersion = (await retraction.json()).version as number;

    // A live subscriber, open while one scrape is taken.
    const query = 'subscription Follow { timelineChanged(filter: {entityIds: ["vladimir-putin"]}) { version } }';
    const controller = new AbortController();
    const stream = await fetch(`${server.base}/graphql/stream?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    await eventually(async () => server.changes.subscribers === 1, 10_000, 'the subscription to open');
    whileSubscribed = await scrape();
    controller.abort();
    await eventually(async () => server.changes.subscribers === 0, 10_000, 'the subscription to close');
    await eventually(
      async () => sumOf(await scrape(), 'graphql_operations_total', { operation_type: 'subscription' }) > 0,
      10_000,
      'the closed stream to be counted',
    );
    after = await scrape();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts HTTP requests by method, route pattern and status code, never by raw URL', () => {
    const count = 'http_server_request_duration_seconds_count';
    // application/graphql-response+json: a validation failure is a 400, a resolver's error a 200.
    expect(moved(count, { method: 'POST', route: '/graphql', status_code: '200' })).toBe(4);
    expect(moved(count, { method: 'POST', route: '/graphql', status_code: '400' })).toBe(1);
    expect(moved(count, { method: 'POST', route: '/bundles', status_code: '201' })).toBe(1);
    expect(moved(count, { method: 'POST', route: '/bundles', status_code: '400' })).toBe(1);
    expect(moved(count, { method: 'DELETE', route: '/bundles/:sourceId', status_code: '200' })).toBe(1);
    expect(moved(count, { method: 'GET', route: '/graphql/stream', status_code: '200' })).toBe(1);
    // A histogram: its buckets hold every request and end at +Inf.
    const buckets = samplesOf(after, 'http_server_request_duration_seconds_bucket', { route: '/graphql', le: '+Inf' });
    expect(buckets.length).toBeGreaterThan(0);
    const routes = new Set(samplesOf(after, count).map((sample) => sample.labels.route as string));
    for (const route of routes) expect(route).toMatch(KNOWN_ROUTE);
    expect([...routes].some((route) => route.includes(SOURCE_ID))).toBe(false);
  });

  it('counts GraphQL operations by name, type and outcome code', () => {
    const total = 'graphql_operations_total';
    expect(moved(total, { operation_name: 'EntityList', operation_type: 'query', outcome: 'OK' })).toBe(2);
    expect(moved(total, { operation_name: 'anonymous', operation_type: 'query', outcome: 'OK' })).toBe(1);
    expect(
      moved(total, { operation_name: 'Broken', operation_type: 'query', outcome: 'GRAPHQL_VALIDATION_FAILED' }),
    ).toBe(1);
    expect(moved(total, { operation_name: 'UnknownEntity', operation_type: 'query', outcome: 'NOT_FOUND' })).toBe(1);
    expect(moved(total, { operation_name: 'Follow', operation_type: 'subscription', outcome: 'OK' })).toBe(1);
    expect(
      moved('graphql_operation_duration_seconds_count', { operation_name: 'EntityList', operation_type: 'query' }),
    ).toBe(2);
  });

  it('measures Neo4j transactions by purpose, mode and outcome', () => {
    const count = 'neo4j_transaction_duration_seconds_count';
    expect(moved(count, { purpose: 'entity-list', mode: 'read', outcome: 'OK' })).toBeGreaterThanOrEqual(3);
    expect(moved(count, { purpose: 'load', mode: 'write', outcome: 'OK' })).toBe(1);
    expect(moved(count, { purpose: 'retract', mode: 'write', outcome: 'OK' })).toBe(1);
    const purposes = samplesOf(after, count).map((sample) => sample.labels.purpose as string);
    for (const purpose of purposes) expect(purpose).toMatch(/^[a-z-]+$/);
  });

  it('measures the API loads and retractions with their outcomes', () => {
    const count = 'ingest_duration_seconds_count';
    expect(moved(count, { operation: 'load', outcome: 'OK' })).toBe(1);
    expect(moved(count, { operation: 'load', outcome: 'INVALID_BUNDLE' })).toBe(1);
    expect(moved(count, { operation: 'retract', outcome: 'OK' })).toBe(1);
    expect(moved('ingest_duration_seconds_sum', { operation: 'load', outcome: 'OK' })).toBeGreaterThan(0);
  });

  it('reports open subscriptions, the data version and the driver pool', () => {
    expect(sumOf(whileSubscribed, 'graphql_subscriptions_open')).toBe(1);
    expect(sumOf(after, 'graphql_subscriptions_open')).toBe(0);
    expect(sumOf(whileSubscribed, 'graph_data_version')).toBe(retractedVersion);
    expect(sumOf(after, 'graph_data_version')).toBe(retractedVersion);
    const idle = sumOf(after, 'neo4j_pool_connections', { state: 'idle' });
    const inUse = sumOf(after, 'neo4j_pool_connections', { state: 'in_use' });
    expect(idle).toBeGreaterThanOrEqual(1);
    expect(Number.isFinite(inUse) && inUse >= 0).toBe(true);
    expect(sumOf(after, 'neo4j_pool_acquisitions_waiting')).toBe(0);
  });

  it("includes the process's default metrics", () => {
    expect(sumOf(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sumOf(after, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('keeps the series of each app apart (one registry per app)', async () => {
    const other = await startTestServer({}, { metrics: true });
    try {
      const samples = parsePrometheusText(await (await fetch(`${other.metricsBase}/metrics`)).text());
      expect(sumOf(samples, 'graphql_operations_total')).toBe(0);
      expect(samplesOf(samples, 'graphql_operations_total')).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
