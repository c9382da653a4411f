import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { parse, stringify } from 'yaml';
import { readConfig } from '../../src/config';
import { ApiKeys } from '../../src/ingest/api-keys';
import { BundleApi } from '../../src/ingest/bundle-api';
import { ChangeFeed } from '../../src/services/change-feed';
import { retractSource, seedBundleInputs } from '../../src/ingest/seed-loader';
import { eventually } from '../helpers/eventually';
import { FIXTURES_DIR, snapshotGraph } from '../helpers/graph';
import { startSeededTestServer, startTestServer, type TestServer } from '../helpers/server';

const KEY = 'test-key-0123456789abcdef0123456789';
const OTHER_KEY = 'other-key-0123456789abcdef012345678';
const BRIEFING = readFileSync(path.join(FIXTURES_DIR, 'briefing-report.yaml'), 'utf8');
const SOURCE_ID = 'test-briefing-report';
const EVENT_ID = '2024-07-20-krivoruchko-briefs-putin';

describe('ingest through the API', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startSeededTestServer({ INGEST_API_KEYS: `ci:${KEY},editor:${OTHER_KEY}`, BODY_LIMIT: '8kb' });
  });
  afterAll(async () => {
    await fetch(`${server.base}/bundles/${SOURCE_ID}`, { method: 'DELETE', headers: auth(KEY) });
    await server?.close();
  });

  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  const post = (body: string, headers: Record<string, string> = {}, query = '') =>
    fetch(`${server.base}/bundles${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', ...headers },
      body,
    });
  const eventExists = async () =>
    (await server.graphql(`{ event(id: "${EVENT_ID}") { id } }`)).body.data?.event !== null;
  const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

  it('refuses a write without a key, or with a wrong one, writing nothing', async () => {
    const before = await snapshotGraph(server.database);
    for (const headers of [{}, auth('not-a-key'), { authorization: KEY }]) {
      const response = await post(BRIEFING, headers);
      expect(response.status).toBe(401);
      expect(codeOf(await response.json())).toBe('UNAUTHENTICATED');
    }
    const mutation = await server.graphql('mutation ($b: String!) { ingestBundle(bundle: $b) { sourceId } }', {
      b: BRIEFING,
    });
    expect(codeOf(mutation.body)).toBe('UNAUTHENTICATED');
    const retraction = await fetch(`${server.base}/bundles/baoquocte-279309`, { method: 'DELETE' });
    expect(retraction.status).toBe(401);
    expect(await snapshotGraph(server.database)).toEqual(before);
  });

  it('answers an invalid bundle with 400 and every problem (path and message), writing nothing', async () => {
    const before = await snapshotGraph(server.database);
    const broken = parse(BRIEFING);
    broken.events[0].date.iso = '2024-02-30';
    broken.relationships[0].role = 'spokesman';
    delete broken.source.text;
    broken.source.textFile = '../../etc/passwd';
    const response = await post(stringify(broken), auth(KEY));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(codeOf(body)).toBe('INVALID_BUNDLE');
    // The text a bundle names by file is never read from the server's disk.
    expect(body.errors[0].extensions.problems).toEqual([
      { path: 'source.text', message: expect.stringMatching(/send the source text inline/) },
    ]);
    delete broken.source.textFile;
    broken.source.text = parse(BRIEFING).source.text;
    const second = await (await post(stringify(broken), auth(KEY))).json();
    expect(second.errors[0].extensions.problems).toEqual([
      { path: 'events[0].date.iso', message: expect.stringMatching(/not a real date/) },
      { path: 'relationships[0].role', message: expect.stringMatching(/unknown role "spokesman"/) },
    ]);
    const notYaml = await post('source: [unclosed', auth(KEY));
    expect(notYaml.status).toBe(400);
    expect(await snapshotGraph(server.database)).toEqual(before);
  });

  it('refuses a body over the limit with 413, and a body of another type with 415', async () => {
    const large = `${BRIEFING}\n# ${'x'.repeat(9000)}\n`;
    const response = await post(large, auth(KEY));
    expect(response.status).toBe(413);
    expect(codeOf(await response.json())).toBe('PAYLOAD_TOO_LARGE');
    const form = await post(BRIEFING, { ...auth(KEY), 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
  });

  it('reports a dry run exactly as the load, and writes nothing', async () => {
    const before = await snapshotGraph(server.database);
    const dry = await post(BRIEFING, auth(KEY), '?dryRun=true');
    expect(dry.status).toBe(200);
    const dryReport = await dry.json();
    expect(dryReport).toMatchObject({ sourceId: SOURCE_ID, dryRun: true, version: null });
    expect(dryReport.nodes).toEqual({ created: 1, updated: 3, unchanged: 0, deleted: 0 });
    expect(await snapshotGraph(server.database)).toEqual(before);
    expect(await eventExists()).toBe(false);

    const load = await post(BRIEFING, auth(KEY));
    expect(load.status).toBe(201);
    const report = await load.json();
    expect({ ...report, dryRun: true, version: null }).toEqual(dryReport);
    expect(report.version).toEqual(expect.any(Number));
    expect(await eventExists()).toBe(true);

    const retraction = await fetch(`${server.base}/bundles/${SOURCE_ID}`, { method: 'DELETE', headers: auth(KEY) });
    expect(retraction.status).toBe(200);
    expect((await retraction.json()).nodes).toMatchObject({ deleted: 1 });
    expect(await snapshotGraph(server.database)).toEqual(before);
  });

  it('loads idempotently, as JSON or YAML, through POST /bundles and the mutation, and retracts back to the graph before', async () => {
    const before = await snapshotGraph(server.database);
    const first = await (await post(BRIEFING, auth(KEY))).json();
    const afterFirst = await snapshotGraph(server.database);

    // The same bundle as JSON, its text as a field: nothing changes.
    const { text, ...source } = parse(BRIEFING).source;
    const envelope = JSON.stringify({ bundle: { ...parse(BRIEFING), source }, text });
    const again = await post(envelope, { ...auth(OTHER_KEY), 'content-type': 'application/json' });
    expect(again.status).toBe(201);
    expect((await again.json()).nodes).toEqual({
      created: 0,
      updated: 0,
      unchanged: first.nodes.created + first.nodes.updated,
      deleted: 0,
    });
    expect(await snapshotGraph(server.database)).toEqual(afterFirst);

    const mutation = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(KEY) },
      body: JSON.stringify({
        query:
          'mutation ($b: String!) { ingestBundle(bundle: $b) { sourceId dryRun nodes { created unchanged } coverage { covered total } } }',
        variables: { b: BRIEFING },
      }),
    });
    expect((await mutation.json()).data.ingestBundle).toEqual({
      sourceId: SOURCE_ID,
      dryRun: false,
      nodes: { created: 0, unchanged: 4 },
      coverage: { covered: 2, total: 2 },
    });
    expect(await snapshotGraph(server.database)).toEqual(afterFirst);

    const { body } = await server.graphql(
      `{ timeline(filter: {entityIds: ["vladimir-putin"], from: "2024-07"}) { nodes { id place { id } } } }`,
    );
    expect(body.data?.timeline.nodes).toEqual([{ id: EVENT_ID, place: { id: 'moscow' } }]);

    const retract = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(KEY) },
      body: JSON.stringify({
        query: `mutation { retractSource(sourceId: "${SOURCE_ID}") { sourceId nodes { deleted } } }`,
      }),
    });
    expect((await retract.json()).data.retractSource).toEqual({ sourceId: SOURCE_ID, nodes: { deleted: 1 } });
    expect(await snapshotGraph(server.database)).toEqual(before);
    const gone = await fetch(`${server.base}/bundles/${SOURCE_ID}`, { method: 'DELETE', headers: auth(KEY) });
    expect(gone.status).toBe(404);
  });

  it('serialises concurrent loads of one source: the graph ends as one of them left it, never a mix', async () => {
    const variant = parse(BRIEFING);
    variant.events[0].title = 'Krivoruchko reports to Putin on the Pyongyang talks';
    variant.relationships.pop(); // no place
    const other = stringify(variant);
    const alone = async (bundle: string) => {
      expect((await post(bundle, auth(KEY))).status).toBe(201);
      const snapshot = await snapshotGraph(server.database);
      await fetch(`${server.base}/bundles/${SOURCE_ID}`, { method: 'DELETE', headers: auth(KEY) });
      return snapshot;
    };
    const outcomes = [await alone(BRIEFING), await alone(other)];
    const statuses = await Promise.all(
      [BRIEFING, other, BRIEFING, other, other, BRIEFING].map(async (bundle) => (await post(bundle, auth(KEY))).status),
    );
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201]);
    expect(outcomes).toContainEqual(await snapshotGraph(server.database));
    await fetch(`${server.base}/bundles/${SOURCE_ID}`, { method: 'DELETE', headers: auth(KEY) });
  });

  it('serialises concurrent loads of two sources: a new entity both name is one node, as in either order', async () => {
    const before = await snapshotGraph(server.database);
    const sourceOf = (suffix: string) => {
      const bundle = parse(BRIEFING);
      bundle.source.id = `test-concurrent-${suffix}`;
      // The same new person, under an id of each source's own: resolution merges them by name.
      bundle.entities = [{ ...bundle.entities[0], id: `test-envoy-${suffix}`, name: 'Test Envoy Ivanov' }];
      bundle.events = [];
      bundle.relationships = [];
      return stringify(bundle);
    };
    const statuses = await Promise.all(
      ['a', 'b'].map(async (suffix) => (await post(sourceOf(suffix), auth(KEY))).status),
    );
    expect(statuses).toEqual([201, 201]);
    const { body } = await server.graphql(
      '{ a: entity(id: "test-envoy-a") { id } b: entity(id: "test-envoy-b") { id } }',
    );
    expect(body.data?.a.id).toBe(body.data?.b.id);
    for (const suffix of ['a', 'b'])
      await fetch(`${server.base}/bundles/test-concurrent-${suffix}`, { method: 'DELETE', headers: auth(KEY) });
    expect(await snapshotGraph(server.database)).toEqual(before);
  });

  it('authorises in the write service, and logs every write with the name of its key, never the key', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const announced: number[] = [];
    const keys = new ApiKeys(readConfig({ INGEST_API_KEYS: `ci:${KEY},editor:${OTHER_KEY}` }).ingest.keys);
    const api = new BundleApi(server.database, keys, pino({ level: 'info' }, sink), (version) =>
      announced.push(version),
    );
    // The service takes the credential as presented and checks it itself: no name can be passed in.
    for (const authorization of [undefined, 'editor', `Bearer ${KEY}x`])
      expect(() => api.authorize(authorization)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    await api.authorize(`Bearer ${OTHER_KEY}`).ingest({ bundle: BRIEFING, dryRun: true });
    await api.authorize(`Bearer ${OTHER_KEY}`).ingest({ bundle: BRIEFING });
    await api.authorize(`Bearer ${KEY}`).retract(SOURCE_ID);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.map(({ key, sourceId, msg }) => ({ key, sourceId, msg }))).toEqual([
      { key: 'editor', sourceId: SOURCE_ID, msg: 'bundle dry run' },
      { key: 'editor', sourceId: SOURCE_ID, msg: 'bundle ingested' },
      { key: 'ci', sourceId: SOURCE_ID, msg: 'source retracted' },
    ]);
    expect(lines.join('')).not.toContain(KEY);
    // Writes, not the dry run, are announced to live subscribers, in commit order.
    expect(announced).toHaveLength(2);
    expect(announced[1]).toBeGreaterThan(announced[0] as number);
  });
});

describe('the write path without INGEST_API_KEYS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ INGEST_API_KEYS: '' });
  });
  afterAll(async () => server?.close());

  it('is off: FORBIDDEN, whatever key is sent', async () => {
    const response = await fetch(`${server.base}/bundles`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', authorization: `Bearer ${KEY}` },
      body: BRIEFING,
    });
    expect(response.status).toBe(403);
    const { body } = await server.graphql('mutation ($b: String!) { ingestBundle(bundle: $b) { sourceId } }', {
      b: BRIEFING,
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('live updates: timelineChanged over Server-Sent Events', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSeededTestServer({ INGEST_API_KEYS: `ci:${KEY}` });
  });
  afterAll(async () => {
    await fetch(`${server.base}/bundles/${SOURCE_ID}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEY}` },
    });
    await server?.close();
  });

  interface StreamEvent {
    event: string;
    data: { data?: { timelineChanged?: { version: number; totalCount: number } }; errors?: unknown[] } | null;
  }

  /** Subscribes as an EventSource would (GET, text/event-stream); resolves once the server has read the selection. */
  async function subscribe(filter: Record<string, unknown>) {
    const query = 'subscription ($f: TimelineFilter) { timelineChanged(filter: $f) { version totalCount } }';
    const url = `${server.base}/graphql/stream?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ f: filter }))}`;
    const controller = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    return {
      async next(): Promise<StreamEvent> {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            if (!event) continue; // a keep-alive comment
            const data = /^data: (.*)$/m.exec(block)?.[1];
            return { event, data: data ? JSON.parse(data) : null };
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('the stream ended');
          buffer += decoder.decode(value, { stream: true });
        }
      },
      close: () => controller.abort(),
    };
  }
  const post = async (bundle: string) => {
    const response = await fetch(`${server.base}/bundles`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', authorization: `Bearer ${KEY}` },
      body: bundle,
    });
    expect(response.status).toBe(201);
    return (await response.json()).version as number;
  };

  it('fires after each write that changes the selection, and only then', async () => {
    const putin = await subscribe({ entityIds: ['vladimir-putin'] });
    const statements = await subscribe({ entityIds: ['alexei-krivoruchko'], types: ['statement'] });
    const { body } = await server.graphql('{ timeline(filter: {entityIds: ["vladimir-putin"]}) { totalCount } }');
    const before = body.data?.timeline.totalCount as number;

    const loaded = await post(BRIEFING);
    expect(await putin.next()).toEqual({
      event: 'next',
      data: { data: { timelineChanged: { version: loaded, totalCount: before + 1 } } },
    });

    const variant = parse(BRIEFING);
    variant.events[0].type = 'statement';
    variant.events[0].title = 'Krivoruchko speaks of deeper cooperation';
    const retyped = await post(stringify(variant));
    expect((await putin.next()).data?.data?.timelineChanged).toEqual({ version: retyped, totalCount: before + 1 });
    // The first write left this selection as it was: its first event is the second write's.
    expect((await statements.next()).data?.data?.timelineChanged).toEqual({ version: retyped, totalCount: 1 });

    const retraction = await fetch(`${server.base}/bundles/${SOURCE_ID}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEY}` },
    });
    const { version: retracted } = await retraction.json();
    expect((await putin.next()).data?.data?.timelineChanged).toEqual({ version: retracted, totalCount: before });
    expect((await statements.next()).data?.data?.timelineChanged).toEqual({ version: retracted, totalCount: 0 });
    putin.close();
    statements.close();
    // A client that goes away ends its subscription on the server.
    await eventually(async () => server.changes.subscribers === 0, 10_000, 'the server ending both subscriptions');
  });

  it('ends every stream when the feed closes (at shutdown), and takes no subscription after', async () => {
    const feed = new ChangeFeed(server.database, 50, () => undefined);
    const versions = feed.versions();
    const pending = versions.next();
    feed.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(await feed.versions().next()).toEqual({ done: true, value: undefined });
    expect(feed.subscribers).toBe(0);
  });

  it('gives a busy subscriber only the latest version, and refuses subscriptions over the bound', async () => {
    const feed = new ChangeFeed(server.database, 60_000, () => undefined, 2);
    const versions = feed.versions();
    feed.announce(1_000_001);
    feed.announce(1_000_002);
    feed.announce(1_000_003);
    expect(await versions.next()).toEqual({ done: false, value: 1_000_003 });
    feed.versions();
    expect(() => feed.versions()).toThrow(expect.objectContaining({ code: 'RATE_LIMITED' }));
    feed.close();
  });

  it('hears of writes made elsewhere (the seed CLI, another replica) from the data version', async () => {
    const krivoruchko = await subscribe({ entityIds: ['alexei-krivoruchko'] });
    // Not through this app: as `npm run seed` or another replica would write.
    const report = await seedBundleInputs(server.database, [
      { file: 'briefing-report.yaml', content: parse(BRIEFING) },
    ]);
    expect((await krivoruchko.next()).data?.data?.timelineChanged).toMatchObject({ version: report.version });
    const retracted = await retractSource(server.database, SOURCE_ID);
    expect((await krivoruchko.next()).data?.data?.timelineChanged).toMatchObject({ version: retracted.version });
    krivoruchko.close();
  });

  it('checks the filter as timeline does, and serves only subscriptions', async () => {
    const unknown = await subscribe({ entityIds: ['no-such-entity'] });
    const refusal = await unknown.next();
    expect(refusal.event).toBe('next');
    expect(refusal.data?.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);
    unknown.close();

    const query = await fetch(`${server.base}/graphql/stream?query=${encodeURIComponent('{ entities { id } }')}`, {
      headers: { accept: 'text/event-stream' },
    });
    const text = await query.text();
    expect(text).toContain('"code":"BAD_REQUEST"');
    expect(text).not.toContain('"entities"');
  });
});
