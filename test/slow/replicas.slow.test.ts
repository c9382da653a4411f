import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { findFreePort } from '../../src/localdb/ports';
import { eventually } from '../helpers/eventually';
import { FIXTURES_DIR, snapshotGraph, type GraphSnapshot } from '../helpers/graph';
import { probe, summarize, type Outcome } from '../helpers/load';
import { startDisposableDatabase, TEST_PASSWORD, type DisposableDatabase } from '../helpers/local-neo4j';
import { spawnService, type ServiceProcess } from '../helpers/service-process';

const ROOT = path.resolve(__dirname, '../..');
const KEY = 'replicas-key-0123456789abcdef0123456';
const CHANGE_POLL_MS = 500;
const SHUTDOWN_DELAY_MS = 1500;
const RATE_LIMIT_PER_MINUTE = 40;
const READ_CLIENTS = 4;
const READ_INTERVAL_MS = 40;
const REPORTS = ['briefing-report', 'tass-treaty-report'] as const;

interface FixtureBundle {
  readonly source: { readonly id: string; readonly textFile?: string };
}
const bundleOf = (name: string) =>
  parse(readFileSync(path.join(FIXTURES_DIR, `${name}.yaml`), 'utf8')) as FixtureBundle;
const sourceIdOf = (name: string) => bundleOf(name).source.id;

/** A POST /bundles body: the bundle, with the text of its source when that is a file of its own. */
function requestBodyOf(name: string): string {
  const bundle = bundleOf(name);
  const textFile = bundle.source.textFile;
  const text = textFile === undefined ? undefined : readFileSync(path.join(FIXTURES_DIR, textFile), 'utf8');
  return JSON.stringify({ bundle, text });
}

interface Balancer {
  readonly base: string;
  stop(): Promise<void>;
}

/** Debian's HAProxy with the shipped deploy/haproxy.cfg, in front of the two replicas. */
async function startBalancer(replicas: readonly number[], ratePerMinute: number): Promise<Balancer> {
  const port = await findFreePort();
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', path.join(ROOT, 'deploy/haproxy.cfg')], {
    env: {
      ...process.env,
      LB_BIND: `127.0.0.1:${port}`,
      REPLICA_A: `127.0.0.1:${replicas[0]}`,
      REPLICA_B: `127.0.0.1:${replicas[1]}`,
      LB_RATE_LIMIT_PER_MINUTE: String(ratePerMinute),
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  await eventually(
    async () => (await fetch(`${base}/health/ready`).catch(() => undefined))?.status === 200,
    20_000,
    'the balancer to answer',
  );
  return {
    base,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const replicaEnv = (neo4jUri: string, seed: boolean): NodeJS.ProcessEnv => ({
  NEO4J_URI: neo4jUri,
  NEO4J_PASSWORD: TEST_PASSWORD,
  SEED_ON_START: seed ? 'true' : 'false',
  INGEST_API_KEYS: `rehearsal:${KEY}`,
  CHANGE_POLL_MS: String(CHANGE_POLL_MS),
  SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS),
  // The limit is the balancer's (one count for all replicas); see the last test.
  RATE_LIMIT_PER_MINUTE: '0',
  TRUST_PROXY: 'loopback',
  METRICS_PORT: '0',
  LOG_LEVEL: 'warn',
});

async function startReplica(uri: string, port: number, seed: boolean): Promise<ServiceProcess> {
  const replica = await spawnService(replicaEnv(uri, seed), port, 'dist/main.js');
  await replica.waitForOutput(/service is up/, 120_000);
  return replica;
}

/** Reads through `base` at a steady pace from a few clients until `stop` resolves. */
async function steadyReads(base: string, stop: Promise<void>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let running = true;
  void stop.then(() => (running = false));
  await Promise.all(
    Array.from({ length: READ_CLIENTS }, async (_, client) => {
      for (let i = client; running; i += READ_CLIENTS) {
        // Timeline, search, connections and an entity in turn; the only right answer is the article's.
        // A coded SERVICE_UNAVAILABLE or QUERY_TIMEOUT is a proper answer, counted apart (target 0).
        outcomes.push(await probe(base, i, ['SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT']));
        await new Promise((resolve) => setTimeout(resolve, READ_INTERVAL_MS));
      }
    }),
  );
  return outcomes;
}

/** Resolves with the ms from now until `base`'s live stream delivers a change. */
async function nextChangeOn(base: string): Promise<{ changed: Promise<number>; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(
    `${base}/graphql/stream?query=${encodeURIComponent('subscription { timelineChanged { version } }')}`,
    { headers: { accept: 'text/event-stream' }, signal: controller.signal },
  );
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let seen = '';
  const changed = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error('the stream ended before a change');
      seen += Buffer.from(value).toString();
      if (/event: next\s*\ndata: .*"version"/.test(seen)) return Date.now();
    }
  })();
  changed.catch(() => undefined);
  return { changed, close: () => controller.abort() };
}

const post = (base: string, name: string) =>
  fetch(`${base}/bundles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: requestBodyOf(name),
  });
const retract = (base: string, name: string) =>
  fetch(`${base}/bundles/${sourceIdOf(name)}`, { method: 'DELETE', headers: { authorization: `Bearer ${KEY}` } });

// Two service processes on one Neo4j behind Debian's HAProxy (deploy/haproxy.cfg), on loopback.
describe('several replicas behind a load balancer', () => {
  let db: DisposableDatabase;
  let ports: number[];
  const replicas: ServiceProcess[] = [];
  let balancer: Balancer;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    // Built once: a replica restarts in a second or two, not the ten it takes to compile through tsx.
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    db = await startDisposableDatabase('replicas');
    ports = [await findFreePort(), await findFreePort()];
    // One replica seeds the article; the other starts on the seeded graph, as a scaled-out one would.
    replicas[0] = await startReplica(db.neo4j.boltUri, ports[0] as number, true);
    replicas[1] = await startReplica(db.neo4j.boltUri, ports[1] as number, false);
    balancer = await startBalancer(ports, 1_000_000);
  });

  afterAll(async () => {
    console.log(`replica rehearsal: ${JSON.stringify(figures)}`);
    await balancer?.stop();
    for (const replica of replicas) {
      replica?.kill('SIGKILL');
      await replica?.exited;
    }
    await db?.close();
  });

  it('loses no read through a rolling restart under steady load with live subscribers', async () => {
    let finish!: () => void;
    const stop = new Promise<void>((resolve) => (finish = resolve));
    const reads = steadyReads(balancer.base, stop);
    const subscribers = await Promise.all([nextChangeOn(balancer.base), nextChangeOn(balancer.base)]);
    const restarts: number[] = [];
    for (const index of [0, 1]) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const started = Date.now();
      const replica = replicas[index] as ServiceProcess;
      replica.kill('SIGTERM');
      expect(await replica.exited).toEqual({ code: 0, signal: null });
      replicas[index] = await startReplica(db.neo4j.boltUri, ports[index] as number, false);
      restarts.push(Date.now() - started);
      // Back in the balancer's rotation (rise 2 × inter 500 ms) before the next one goes.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    finish();
    const outcomes = await reads;
    const coded = outcomes.filter((outcome) => outcome.kind === 'coded');
    for (const subscriber of subscribers) subscriber.close();
    const summary = summarize(outcomes);
    const wrong = outcomes.filter((outcome) => outcome.kind === 'wrong');
    const latencies = outcomes.map((outcome) => outcome.ms).sort((a, b) => a - b);
    figures.rollingRestart = {
      reads: summary.total,
      coded: coded.map((outcome) => outcome.code),
      wrong: wrong.length,
      p50Ms: latencies[Math.floor(latencies.length / 2)],
      maxMs: latencies.at(-1),
      restartMs: restarts,
    };
    expect(wrong.map((outcome) => outcome.detail)).toEqual([]);
    expect(summary.total).toBeGreaterThan(100);
  });

  it('tells a subscriber of replica B of a write through replica A within CHANGE_POLL_MS + 1 s', async () => {
    const onB = await nextChangeOn(`http://127.0.0.1:${ports[1]}`);
    // The stream is open once the subscription has read its selection; let it settle.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const written = Date.now();
    const response = await post(`http://127.0.0.1:${ports[0]}`, REPORTS[0]);
    expect({ status: response.status, body: await response.text() }).toMatchObject({ status: 201 });
    const committed = Date.now();
    const heardAt = await onB.changed;
    onB.close();
    figures.crossReplicaChangeMs = { fromCommit: heardAt - committed, fromRequest: heardAt - written };
    expect(heardAt - committed).toBeLessThanOrEqual(CHANGE_POLL_MS + 1000);
    expect((await retract(`http://127.0.0.1:${ports[1]}`, REPORTS[0])).status).toBe(200);
  });

  it('serialises loads sent at once through both replicas: the graph equals loading them one after another', async () => {
    const [first, second] = await Promise.all([
      post(`http://127.0.0.1:${ports[0]}`, REPORTS[0]),
      post(`http://127.0.0.1:${ports[1]}`, REPORTS[1]),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const together: GraphSnapshot = await snapshotGraph(db.database);

    for (const name of REPORTS) expect((await retract(balancer.base, name)).status).toBe(200);
    for (const name of REPORTS) expect((await post(balancer.base, name)).status).toBe(201);
    const oneAfterAnother = await snapshotGraph(db.database);
    expect(together).toEqual(oneAfterAnother);
    figures.concurrentLoads = { nodes: together.nodes.length, relationships: together.relationships.length };
  });

  it('holds one rate limit across both replicas at the balancer', async () => {
    const limited = await startBalancer(ports, RATE_LIMIT_PER_MINUTE);
    try {
      const statuses: number[] = [];
      const codes = new Set<string>();
      for (let i = 0; i < RATE_LIMIT_PER_MINUTE * 2; i += 1) {
        const response = await fetch(`${limited.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ entity(id: "kim-jong-un") { name } }' }),
        });
        statuses.push(response.status);
        if (response.status === 429) codes.add(((await response.json()) as ErrorBody).errors[0]?.extensions.code ?? '');
        else await response.arrayBuffer();
      }
      const served = statuses.filter((status) => status === 200).length;
      figures.rateLimit = {
        sent: statuses.length,
        served,
        refused: statuses.length - served,
        limit: RATE_LIMIT_PER_MINUTE,
      };
      // Each replica alone would have let the whole limit through (2x); the readiness polls of
      // startBalancer went through the balancer too and took a few of the minute's requests.
      expect(served).toBeLessThanOrEqual(RATE_LIMIT_PER_MINUTE);
      expect(served).toBeGreaterThanOrEqual(RATE_LIMIT_PER_MINUTE - 5);
      expect([...codes]).toEqual(['RATE_LIMITED']);
    } finally {
      await limited.stop();
    }
  });
});

interface ErrorBody {
  readonly errors: { readonly extensions: { readonly code: string } }[];
}
