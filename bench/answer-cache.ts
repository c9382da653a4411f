import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../src/localdb/ports';
import { createLogger } from '../src/logger';
import { createDriver } from '../src/neo4j/driver';
import { startCorpus } from './lib/corpus';
import { compareModes, type ModeComparison } from './lib/modes';
import { benchOptions, LOAD_RULES, numericOptions, scenarioOption } from './lib/options';
import { BUILT_SERVICE, ROOT, startBuiltService, startProcess, type RunningService } from './lib/service';
import { endLeftoverTransactions } from './lib/settle';
import { SCENARIO_NAMES, scenarios } from './scenarios';

const USAGE =
  'npm run bench:answer-cache [-- --sizes 100000 --scenarios timeline,search --seconds 5 --rounds 3 --connections 16 --rate 20 --cache-mb 64]';

/**
 * `npm run bench:answer-cache [-- --sizes 100000 --scenarios timeline,search --seconds 5 --rounds 3 --cache-mb 64]`
 * What the answer cache (RESPONSE_CACHE_MB) gives on reads of a graph that is not changing: our
 * service twice on the same corpus in the same run, `cached` and `uncached`, alternating round after
 * round at saturation and at a fixed rate; medians, cached/uncached ratios, and the cache's own
 * hit and miss counts from its /metrics (so a cache that answered nothing cannot pass for one that
 * did). Its own rows: never part of ours/raw. Writes docs/bench/answer-cache.json.
 */
const { values } = benchOptions(USAGE, {
  options: {
    sizes: { type: 'string', default: '100000' },
    scenarios: { type: 'string', default: 'timeline,timeline-hub,search,connections,neighborhood' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    rate: { type: 'string', default: '20' },
    'cache-mb': { type: 'string', default: '64' },
    out: { type: 'string', default: path.join(ROOT, 'docs', 'bench') },
  },
});

type Mode = 'cached' | 'uncached';
const MODES = ['cached', 'uncached'] as const;

type CacheResult = { readonly size: number; readonly scenario: string } & ModeComparison<Mode> & {
    /** The cached service's lookups during the scenario, from graphql_response_cache_lookups_total. */
    readonly lookups: Lookups;
  };

interface Lookups {
  readonly hits: number;
  /** Asked while the same query was running: given that run's answer. */
  readonly joined: number;
  readonly misses: number;
}

/** The cached service's cumulative lookups, read from its /metrics. */
async function lookupsOf(metricsBase: string): Promise<Lookups> {
  const text = await (await fetch(`${metricsBase}/metrics`)).text();
  const count = (result: string) =>
    Number(
      new RegExp(`^graphql_response_cache_lookups_total\\{result="${result}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN,
    );
  return { hits: count('HIT'), joined: count('JOINED'), misses: count('MISS') };
}

async function benchSize(
  events: number,
  only: readonly string[],
  opts: { seconds: number; rounds: number; connections: number; rate: number; 'cache-mb': number },
): Promise<CacheResult[]> {
  const { neo4j, config, landmarks, env } = await startCorpus(events);
  const running: RunningService[] = [];
  const admin = createDriver({ ...config.neo4j, uri: neo4j.boltUri }, createLogger('error'));
  try {
    const deployed = { ...env, NODE_ENV: 'production' };
    const metricsPort = await findFreePort();
    const cached = await startBuiltService({
      ...deployed,
      RESPONSE_CACHE_MB: String(opts['cache-mb']),
      METRICS_PORT: String(metricsPort),
    });
    running.push(cached);
    const uncached = await startProcess(BUILT_SERVICE, deployed, '/health/ready');
    running.push(uncached);
    const bases: Record<Mode, string> = { cached: cached.base, uncached: uncached.base };
    const metricsBase = `http://127.0.0.1:${metricsPort}`;
    const settle = () => endLeftoverTransactions(admin, config.neo4j.database);
    const results: CacheResult[] = [];
    for (const scenario of scenarios(landmarks).filter(({ name }) => only.includes(name))) {
      const before = await lookupsOf(metricsBase);
      const measured = await compareModes(scenario, bases, MODES, opts, settle);
      const after = await lookupsOf(metricsBase);
      const lookups = {
        hits: after.hits - before.hits,
        joined: after.joined - before.joined,
        misses: after.misses - before.misses,
      };
      if (!(lookups.hits > 0)) throw new Error(`${scenario.name}: the cached service answered nothing from its cache`);
      const result: CacheResult = { size: events, scenario: scenario.name, ...measured, lookups };
      console.log(JSON.stringify(result));
      results.push(result);
    }
    return results;
  } finally {
    await admin.close();
    for (const service of running.reverse()) await service.stop();
    await neo4j.stop();
  }
}

function table(results: readonly CacheResult[]): string {
  return [
    '| events | scenario | uncached req/s | cached req/s | cached/uncached | p50 ms uncached / cached | p99 ms uncached / cached | p99 ms at the fixed rate uncached / cached | hits / joined / misses | errors |',
    '| --- | --- | ---: | ---: | ---: | --- | --- | --- | --- | ---: |',
    ...results.map(
      (r) =>
        `| ${r.size.toLocaleString('en')} | ${r.scenario} | ${Math.round(r.uncached.rps)} | ${Math.round(r.cached.rps)} | **${r.ratios.rps}** | ` +
        `${r.uncached.p50} / ${r.cached.p50} | ${r.uncached.p99} / ${r.cached.p99} | ${r.fixedRate.uncached.p99} / ${r.fixedRate.cached.p99} | ` +
        `${r.lookups.hits} / ${r.lookups.joined} / ${r.lookups.misses} | ${r.cached.errors + r.uncached.errors} |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const { sizes, ...opts } = numericOptions(USAGE, values, {
    ...LOAD_RULES,
    // Whole MB, within RESPONSE_CACHE_MB's bound (the cached service would refuse to start above it).
    'cache-mb': { kind: 'count', max: 4096 },
  });
  const only = scenarioOption(USAGE, String(values.scenarios), SCENARIO_NAMES);
  const started = Date.now();
  const results: CacheResult[] = [];
  for (const size of sizes) results.push(...(await benchSize(size, only, opts)));
  const minutes = Math.round((Date.now() - started) / 6000) / 10;
  const out = String(values.out);
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'answer-cache.json'),
    JSON.stringify({ options: { ...opts, minutes }, results }, null, 2) + '\n',
  );
  console.log(
    `\n${table(results)}\n\nmedian of ${opts.rounds} rounds; wrote ${path.relative(ROOT, out)}/answer-cache.json`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
