import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { neo4jForTools, rssMb, startBuiltService } from './lib/service';

/**
 * `npm run soak [-- --duration 60 --connections 64 --warmup 15]`: sustained mixed load against
 * the built service on loopback. Reports throughput, latency, unexpected errors (non-2xx or a
 * GraphQL `errors` entry) and the service's memory after warm-up versus the end.
 */
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '64' },
    warmup: { type: 'string', default: '15' },
  },
});

const OPERATIONS = [
  '{ timeline(first: 20) { totalCount nodes { id title date { iso } place { name } participants { role entity { name } } evidence { quote source { url } } } } }',
  '{ timeline(filter: { entityIds: ["kim-jong-un"], from: "2024-06" }) { nodes { id } } }',
  '{ search(text: "Krivo") { score node { id } } }',
  '{ search(text: "coreia do norte") { node { id } } }',
  '{ connections(from: "alexei-krivoruchko", to: "vladimir-putin") { length nodes { id } relationships { type evidence { quote } } } }',
  '{ neighborhood(id: "comprehensive-strategic-partnership-treaty", depth: 2) { nodes { id } relationships { type } } }',
  '{ entity(id: "russia") { name aliases ... on Country { timeline { totalCount } } } }',
];

function requests() {
  return OPERATIONS.map((query) => ({
    method: 'POST' as const,
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  }));
}

function run(base: string, seconds: number, connections: number): Promise<autocannon.Result> {
  return autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: requests(),
    // A 200 whose body carries GraphQL errors is an error too.
    verifyBody: (body: string) => !body.includes('"errors"'),
  } as autocannon.Options);
}

async function main(): Promise<void> {
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const warmup = Number(values.warmup);
  const neo4j = await neo4jForTools();
  const service = await startBuiltService({
    NEO4J_URI: neo4j.uri,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_USER: neo4j.user,
  });
  try {
    console.log(`Warm-up ${warmup} s at ${connections} connections…`);
    await run(service.base, warmup, connections);
    const rssAfterWarmup = rssMb(service.pid);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(service.pid)), 1000);
    console.log(`Soak ${duration} s at ${connections} connections…`);
    const result = await run(service.base, duration, connections);
    clearInterval(sampler);
    const rssEnd = rssMb(service.pid);
    const summary = {
      durationSeconds: duration,
      connections,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      non2xx: result.non2xx,
      mismatchedBodies: (result as unknown as { mismatches: number }).mismatches,
      socketErrors: result.errors,
      timeouts: result.timeouts,
      rssMb: {
        afterWarmup: Math.round(rssAfterWarmup),
        max: Math.round(Math.max(...samples, rssEnd)),
        end: Math.round(rssEnd),
        growthPercent: Math.round(((rssEnd - rssAfterWarmup) / rssAfterWarmup) * 1000) / 10,
      },
    };
    console.log(JSON.stringify(summary, null, 2));
    const failed =
      summary.non2xx + summary.mismatchedBodies + summary.socketErrors + summary.timeouts > 0 ||
      summary.rssMb.growthPercent > 10;
    if (failed) {
      console.error('Soak failed: unexpected errors or memory growth above 10 %.');
      process.exitCode = 1;
    }
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
