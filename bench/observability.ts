import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../src/localdb/ports';
import { createLogger } from '../src/logger';
import { createDriver } from '../src/neo4j/driver';
import { benchOptions } from './lib/options';
import { startCorpus } from './lib/corpus';
import { startOtlpSink } from './lib/otlp-sink';
import { pacedLoad, pooledStats, type PacedRequest } from './lib/paced';
import { isCorrect, medianStats, round2, saturate } from './lib/saturation';
import { ROOT, startBuiltService, startProcess, type RunningService } from './lib/service';
import { endLeftoverTransactions } from './lib/settle';
import type { Stats } from './report';
import { scenarios, type Scenario } from './scenarios';

/**
 * `npm run bench:observability [-- --sizes 10000 --scenarios timeline,search --seconds 5 --rounds 5]`
 * What tracing and metrics cost: our service twice on the same corpus in the same run, `on`
 * (tracing SDK with its instrumentations, every span made and exported over OTLP to a local sink
 * that discards it; metrics served on a port of their own) and `off` (OTEL_SDK_DISABLED=true,
 * METRICS_PORT=0), alternating round after round at saturation and at a fixed rate; medians and the
 * on/off ratios per scenario. Writes docs/bench/observability.json.
 */
const { values } = benchOptions(
  'npm run bench:observability [-- --sizes 10000 --scenarios timeline,search --seconds 5 --rounds 5 --connections 16 --rate 20 --no-export]',
  {
    options: {
      sizes: { type: 'string', default: '10000' },
      scenarios: { type: 'string', default: 'timeline,timeline-hub,search,connections' },
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '16' },
      rate: { type: 'string', default: '20' },
      out: { type: 'string', default: path.join(ROOT, 'docs', 'bench') },
      /**
       * `on` as shipped by default: metrics on, no OTLP endpoint (so no tracing SDK), against `off`;
       * writes observability-default.json. Without it, `on` also exports every span to the sink.
       */
      'no-export': { type: 'boolean', default: false },
    },
  },
);
const exporting = !values['no-export'];

type Mode = 'on' | 'off';
const MODES: readonly Mode[] = ['on', 'off'];

interface ObservabilityResult {
  readonly size: number;
  readonly scenario: string;
  readonly on: Stats;
  readonly off: Stats;
  readonly fixedRate: { readonly rate: number; readonly on: Stats; readonly off: Stats };
  /** on/off of the medians: throughput (1 = free, above 0.97 within the 3 % budget), latencies. */
  readonly ratios: { readonly rps: number | null; readonly p50: number | null; readonly p99: number | null };
}

function requestOf(scenario: Scenario, base: string): PacedRequest {
  return {
    url: `${base}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(scenario.ours),
  };
}

async function measure(
  scenario: Scenario,
  bases: Record<Mode, string>,
  opts: { seconds: number; rounds: number; connections: number; rate: number },
  settle: () => Promise<unknown>,
): Promise<Omit<ObservabilityResult, 'size' | 'scenario'>> {
  const load = { seconds: opts.seconds, connections: opts.connections };
  for (const mode of MODES) {
    await saturate(requestOf(scenario, bases[mode]), load); // warm-up: JIT, page cache, plans
    await settle();
  }
  const saturation: Record<Mode, Stats[]> = { on: [], off: [] };
  const fixed: Record<Mode, Awaited<ReturnType<typeof pacedLoad>>[]> = { on: [], off: [] };
  for (let round = 0; round < opts.rounds; round += 1) {
    // The order alternates so that drift on a shared machine favours neither.
    for (const mode of round % 2 === 0 ? MODES : [...MODES].reverse()) {
      saturation[mode].push(await saturate(requestOf(scenario, bases[mode]), load));
      await settle();
      fixed[mode].push(
        await pacedLoad(requestOf(scenario, bases[mode]), {
          seconds: Math.max(1, opts.seconds / 2),
          rate: opts.rate,
          isCorrect,
        }),
      );
      await settle();
    }
  }
  const on = medianStats(saturation.on);
  const off = medianStats(saturation.off);
  return {
    on,
    off,
    fixedRate: { rate: opts.rate, on: pooledStats(fixed.on), off: pooledStats(fixed.off) },
    ratios: { rps: round2(on.rps / off.rps), p50: round2(on.p50 / off.p50), p99: round2(on.p99 / off.p99) },
  };
}

async function benchSize(
  events: number,
  only: readonly string[],
  opts: { seconds: number; rounds: number; connections: number; rate: number },
): Promise<ObservabilityResult[]> {
  const { neo4j, config, landmarks, env } = await startCorpus(events);
  const sink = await startOtlpSink();
  const running: RunningService[] = [];
  const admin = createDriver({ ...config.neo4j, uri: neo4j.boltUri }, createLogger('error'));
  try {
    const deployed = { ...env, NODE_ENV: 'production' };
    const tracing = exporting
      ? { OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${sink.endpoint}/v1/traces` }
      : {};
    const on = await startBuiltService({ ...deployed, ...tracing, METRICS_PORT: String(await findFreePort()) });
    running.push(on);
    const off = await startProcess(
      ['dist/main.js'],
      { ...deployed, OTEL_SDK_DISABLED: 'true', METRICS_PORT: '0' },
      '/health/ready',
    );
    running.push(off);
    const bases: Record<Mode, string> = { on: on.base, off: off.base };
    const settle = () => endLeftoverTransactions(admin, config.neo4j.database);
    const results: ObservabilityResult[] = [];
    for (const scenario of scenarios(landmarks).filter(({ name }) => only.includes(name))) {
      const result = { size: events, scenario: scenario.name, ...(await measure(scenario, bases, opts, settle)) };
      console.log(JSON.stringify(result));
      results.push(result);
    }
    const { requests, bytes } = sink.received();
    // Spans reached the sink: tracing was on, not silently off.
    console.log(`OTLP sink: ${requests} exports, ${(bytes / 1e6).toFixed(1)} MB`);
    if (exporting && requests === 0) throw new Error('the "on" service exported no spans');
    if (!exporting && requests > 0) throw new Error('the "on" service exported spans without an endpoint');
    return results;
  } finally {
    await admin.close();
    for (const service of running.reverse()) await service.stop();
    await sink.close();
    await neo4j.stop();
  }
}

function table(results: readonly ObservabilityResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.size.toLocaleString('en')} | ${r.scenario} | ${Math.round(r.off.rps)} | ${Math.round(r.on.rps)} | **${r.ratios.rps}** | ` +
      `${r.off.p50} / ${r.on.p50} | ${r.off.p99} / ${r.on.p99} | ${r.fixedRate.off.p99} / ${r.fixedRate.on.p99} | ${r.on.errors + r.off.errors} |`,
  );
  return [
    '| events | scenario | off req/s | on req/s | on/off | p50 ms off / on | p99 ms off / on | p99 ms at the fixed rate off / on | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const opts = {
    seconds: Number(values.seconds),
    rounds: Number(values.rounds),
    connections: Number(values.connections),
    rate: Number(values.rate),
  };
  const only = String(values.scenarios).split(',');
  const started = Date.now();
  const results: ObservabilityResult[] = [];
  for (const size of String(values.sizes).split(',').map(Number)) results.push(...(await benchSize(size, only, opts)));
  const minutes = Math.round((Date.now() - started) / 6000) / 10;
  const out = String(values.out);
  mkdirSync(out, { recursive: true });
  const file = exporting ? 'observability.json' : 'observability-default.json';
  writeFileSync(path.join(out, file), JSON.stringify({ options: { ...opts, minutes }, results }, null, 2) + '\n');
  console.log(`\n${table(results)}\n\nmedian of ${opts.rounds} rounds; wrote ${path.relative(ROOT, out)}/${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
