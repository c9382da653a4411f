import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../src/localdb/ports';
import { createLogger } from '../src/logger';
import { createDriver } from '../src/neo4j/driver';
import { benchOptions, LOAD_RULES, numericOptions, scenarioOption } from './lib/options';
import { startCorpus } from './lib/corpus';
import { startOtlpSink } from './lib/otlp-sink';
import { compareModes, type ModeComparison } from './lib/modes';
import { BUILT_SERVICE, ROOT, startBuiltService, startProcess, type RunningService } from './lib/service';
import { endLeftoverTransactions } from './lib/settle';
import { SCENARIO_NAMES, scenarios } from './scenarios';

/**
 * `npm run bench:observability [-- --sizes 10000 --scenarios timeline,search --seconds 5 --rounds 5]`
 * What tracing and metrics cost: our service twice on the same corpus in the same run, `on`
 * (tracing SDK with its instrumentations, every span made and exported over OTLP to a local sink
 * that discards it; metrics served on a port of their own) and `off` (OTEL_SDK_DISABLED=true,
 * METRICS_PORT=0), alternating round after round at saturation and at a fixed rate; medians and the
 * on/off ratios per scenario. Writes docs/bench/observability.json.
 */
const USAGE =
  'npm run bench:observability [-- --sizes 10000 --scenarios timeline,search --seconds 5 --rounds 5 --connections 16 --rate 20 --no-export]';

const { values } = benchOptions(USAGE, {
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
});
const exporting = !values['no-export'];

type Mode = 'on' | 'off';
const MODES = ['on', 'off'] as const;

type ObservabilityResult = { readonly size: number; readonly scenario: string } & ModeComparison<Mode>;

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
      BUILT_SERVICE,
      { ...deployed, OTEL_SDK_DISABLED: 'true', METRICS_PORT: '0' },
      '/health/ready',
    );
    running.push(off);
    const bases: Record<Mode, string> = { on: on.base, off: off.base };
    const settle = () => endLeftoverTransactions(admin, config.neo4j.database);
    const results: ObservabilityResult[] = [];
    for (const scenario of scenarios(landmarks).filter(({ name }) => only.includes(name))) {
      const measured = await compareModes(scenario, bases, MODES, opts, settle);
      const result: ObservabilityResult = { size: events, scenario: scenario.name, ...measured };
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
  const { sizes, ...opts } = numericOptions(USAGE, values, {
    ...LOAD_RULES,
  });
  const only = scenarioOption(USAGE, String(values.scenarios), SCENARIO_NAMES);
  const started = Date.now();
  const results: ObservabilityResult[] = [];
  for (const size of sizes) results.push(...(await benchSize(size, only, opts)));
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
