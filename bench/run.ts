import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { execute, parse, graphql } from 'graphql';
import { readToolConfig } from '../src/config';
import { createContext } from '../src/graphql/context';
import { buildSchema } from '../src/graphql/schema';
import { createLogger } from '../src/logger';
import { Database } from '../src/neo4j/database';
import { createDriver } from '../src/neo4j/driver';
import { benchOptions, LOAD_RULES, numericOptions, scenarioOption } from './lib/options';
import { pacedLoad, pooledStats } from './lib/paced';
import { endLeftoverTransactions } from './lib/settle';
import { startCorpus } from './lib/corpus';
import { isCorrect, median, medianStats, round2, saturate } from './lib/saturation';
import { profileDbHits, recordingDriver, type RecordedQuery } from './lib/profile';
import {
  cpuMs,
  machineCpuMs,
  ROOT,
  startBuiltService,
  startProcess,
  type RunningService,
  withMaxRss,
} from './lib/service';
import { PEER_FEATURES, PEER_TYPE_DEFS } from './peer/typeDefs';
import { SCENARIO_NAMES, scenarios, type Scenario } from './scenarios';
import { writeReport, type ScenarioResult, type Stats } from './report';

const DEFAULT_OUT = path.join(ROOT, 'docs', 'bench');
const USAGE =
  'npm run bench [-- --sizes 10000,100000,1000000 --seconds 5 --warm-seconds 10 --rounds 3 --connections 16 --rate 20 --samples 1000 --scenarios a,b --merge | --report-only]';

/**
 * `npm run bench [-- --sizes 10000,100000,1000000 --seconds 5 --warm-seconds 10 --rounds 3 --connections 16 --rate 20 --samples 1000 --scenarios a,b --merge]`
 * For each corpus size (built with `npm run synth` when missing): our API, the same Cypher through
 * the driver (raw) and @neo4j/graphql (peer) on the same database, each scenario alternating the
 * three targets round after round, at saturation (autocannon) and at a fixed rate (open loop); medians, ratios, PROFILE db
 * hits, CPU per request of each target. The fixed-rate phase lasts long enough for `samples` answers per target, pooled
 * over the rounds. Writes docs/bench/results.json, results.md and latency.svg.
 */
const { values } = benchOptions(USAGE, {
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    seconds: { type: 'string', default: '5' },
    /** Length of each warm-up pass (see warmUntilSettled). */
    'warm-seconds': { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    rate: { type: 'string', default: '20' },
    samples: { type: 'string', default: '1000' },
    out: { type: 'string', default: DEFAULT_OUT },
    scenarios: { type: 'string' },
    merge: { type: 'boolean', default: false },
    /** Only rewrite results.md and latency.svg from results.json. */
    'report-only': { type: 'boolean', default: false },
  },
});

type Target = 'ours' | 'raw' | 'peer';
const TARGETS: readonly Target[] = ['ours', 'raw', 'peer'];

function requestFor(target: Target, scenario: Scenario, bases: Record<Target, string>) {
  if (target === 'raw') return { url: `${bases.raw}${scenario.raw}`, method: 'GET' as const };
  const call = target === 'ours' ? scenario.ours : scenario.peer;
  return {
    url: `${bases[target]}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(call),
  };
}

/** One request per target; a target that cannot answer is reported and counted in the errors. */
async function checkAnswers(scenario: Scenario, bases: Record<Target, string>): Promise<void> {
  for (const target of TARGETS) {
    const { url, ...init } = requestFor(target, scenario, bases);
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) }).catch((error: unknown) => ({
      ok: false,
      status: 0,
      text: async () => String(error),
    }));
    const text = await response.text();
    if (!response.ok || text.includes('"errors"'))
      console.error(`${target} ${scenario.name}: ${response.status} ${text.slice(0, 300)}`);
  }
}

/** Database hits of one request of each scenario, for our API and for the peer. */
async function profileScenarios(
  uri: string,
  list: readonly Scenario[],
): Promise<Map<string, { ours: number | string; peer: number | string }>> {
  const config = readToolConfig({}, { NEO4J_URI: uri });
  const driver = createDriver({ ...config.neo4j, uri }, createLogger('error'));
  const hits = new Map<string, { ours: number | string; peer: number | string }>();
  try {
    const ourSchema = buildSchema();
    const oursRecorded: RecordedQuery[] = [];
    const ourDatabase = new Database(recordingDriver(driver, oursRecorded), config.neo4j.database, 60_000);
    const peerRecorded: RecordedQuery[] = [];
    const peerSchema = await new Neo4jGraphQL({
      typeDefs: PEER_TYPE_DEFS,
      driver: recordingDriver(driver, peerRecorded),
      features: PEER_FEATURES,
    }).getSchema();
    for (const scenario of list) {
      oursRecorded.length = 0;
      peerRecorded.length = 0;
      const context = createContext(ourDatabase, config.graphql, createLogger('silent'));
      const ours = await execute({
        schema: ourSchema,
        document: parse(scenario.ours.query),
        variableValues: scenario.ours.variables,
        contextValue: context,
      });
      const peerResult = await graphql({
        schema: peerSchema,
        source: scenario.peer.query,
        variableValues: scenario.peer.variables,
        contextValue: { sessionConfig: { database: config.neo4j.database } },
      });
      if (ours.errors) console.error(`ours ${scenario.name}: ${ours.errors[0]?.message}`);
      if (peerResult.errors) console.error(`peer ${scenario.name}: ${peerResult.errors[0]?.message}`);
      hits.set(scenario.name, {
        ours: await profileDbHits(driver, config.neo4j.database, oursRecorded),
        peer: await profileDbHits(driver, config.neo4j.database, peerRecorded),
      });
    }
  } finally {
    await driver.close();
  }
  return hits;
}

/** One scenario: warm-up, then rounds at saturation and at the fixed rate, targets alternating. */
async function measureScenario(
  scenario: Scenario,
  bases: Record<Target, string>,
  opts: Options,
  settle: () => Promise<unknown>,
  pids: Partial<Record<Target, number>>,
): Promise<Pick<ScenarioResult, 'ours' | 'raw' | 'peer' | 'fixedRate' | 'ratios'>> {
  await checkAnswers(scenario, bases);
  const warmUp = await warmUntilSettled(scenario, bases, opts, settle);
  const rate = pacedRate(opts, Math.min(warmUp.ours, warmUp.raw));
  const saturation: Record<Target, Stats[]> = { ours: [], raw: [], peer: [] };
  const fixed: Record<Target, Awaited<ReturnType<typeof pacedLoad>>[]> = { ours: [], raw: [], peer: [] };
  for (let round = 0; round < opts.rounds; round += 1) {
    // Alternate the order each round so drift on a shared machine does not favour one target.
    const order = round % 2 === 0 ? TARGETS : [...TARGETS].reverse();
    for (const target of order) {
      saturation[target].push(await saturateMeasuringCpu(requestFor(target, scenario, bases), opts, pids[target]));
      await settle();
      fixed[target].push(
        await pacedLoad(requestFor(target, scenario, bases), {
          seconds: pacedSeconds(opts, rate),
          rate,
          isCorrect,
        }),
      );
      await settle();
    }
  }
  return {
    ours: medianStats(saturation.ours),
    raw: medianStats(saturation.raw),
    peer: medianStats(saturation.peer),
    fixedRate: {
      rate,
      ours: pooledStats(fixed.ours),
      raw: pooledStats(fixed.raw),
      peer: pooledStats(fixed.peer),
    },
    ratios: {
      oursVsRaw: round2(median(saturation.ours.map((s) => s.rps)) / median(saturation.raw.map((s) => s.rps))),
      oursVsPeer: round2(median(saturation.ours.map((s) => s.rps)) / median(saturation.peer.map((s) => s.rps))),
      oursVsRawByCpu: round2(machineCpu(saturation.raw) / machineCpu(saturation.ours)),
    },
  };
}

/** Warm-up passes at most, and how close two passes' throughput must be for ours and raw to count as warm. */
const WARM_UP_PASSES = 5;
const WARM_UP_TOLERANCE = 0.1;

/**
 * Warm-up (JIT, Neo4j's page cache and query plans), not measured except to pace the fixed-rate
 * phase: every target once, then ours and raw again until each one's correct answers per second
 * are within 10 % of its previous pass. One pass was not enough at 1M: after a cold start Neo4j's
 * CPU per request for paths from a hub fell from 25 ms to 1.2 ms over 40 s, and the rounds measured
 * that descent. Passes last `--warm-seconds`, not `--seconds`: Neo4j's CPU per request for event
 * search at 100k kept falling for 2.5 minutes, by less than 10 % per 4-second pass, so short passes
 * called it warm while it still climbed (ours/raw 0.76 then; 0.91–1.01 once warm).
 */
async function warmUntilSettled(
  scenario: Scenario,
  bases: Record<Target, string>,
  opts: Options,
  settle: () => Promise<unknown>,
): Promise<Record<Target, number>> {
  const last: Record<Target, number> = { ours: 0, raw: 0, peer: 0 };
  // What each target answered wrongly in its last pass: a refusal below quotes it.
  const wrong: Partial<Record<Target, string>> = {};
  let previous = { ...last };
  for (let pass = 0; pass < WARM_UP_PASSES; pass += 1) {
    previous = { ...last };
    // The peer warms once: where it times out, more passes only keep Neo4j busy.
    const seconds = opts['warm-seconds'];
    for (const target of pass === 0 ? TARGETS : (['ours', 'raw'] as const)) {
      const request = requestFor(target, scenario, bases);
      const { correct, answered, errors, firstWrong } = await saturate(request, {
        seconds,
        connections: opts.connections,
      });
      // Errors are not throughput: a target failing fast would otherwise look warm and pace high.
      last[target] = correct / seconds;
      wrong[target] = firstWrong ?? (answered === 0 ? `no answer arrived (${errors} requests failed)` : undefined);
      await settle();
    }
    // Ours or raw answering nothing is a broken scenario, not a cold one: pacing it at 1/s would take minutes a round.
    const silent = (['ours', 'raw'] as const).filter((target) => last[target] === 0);
    if (silent.length > 0)
      throw new Error(
        `${silent.join(' and ')} answered no request correctly in the warm-up (${silent.map((target) => `${target}: ${wrong[target]}`).join('; ')})`,
      );
    const settled = (['ours', 'raw'] as const).every(
      (target) => Math.abs(last[target] - previous[target]) <= WARM_UP_TOLERANCE * previous[target],
    );
    if (pass > 0 && settled) {
      console.log(`${scenario.name}: warm after ${pass + 1} passes`);
      return last;
    }
  }
  const passes = (['ours', 'raw'] as const).map(
    (target) => `${target} ${Math.round(previous[target])} then ${Math.round(last[target])}`,
  );
  console.error(
    `${scenario.name}: correct answers/s still more than ${WARM_UP_TOLERANCE * 100} % apart after ${WARM_UP_PASSES} warm-up passes (${passes.join(', ')}); measured anyway`,
  );
  return last;
}

/** Median whole-machine CPU per request over the rounds (NaN when a target answered nothing: its ratio is null). */
function machineCpu(rounds: readonly Stats[]): number {
  return median(rounds.flatMap((s) => (s.machineCpuMsPerRequest === undefined ? [] : [s.machineCpuMsPerRequest])));
}

interface Options {
  readonly seconds: number;
  readonly 'warm-seconds': number;
  readonly rounds: number;
  readonly connections: number;
  readonly rate: number;
  /** Fixed-rate answers per target and scenario, over all rounds. */
  readonly samples: number;
}

/**
 * A scenario's fixed rate: `--rate`, or half of what the slower of ours and raw answered at
 * saturation in the warm-up when that is less, so the phase measures latency and not a queue
 * (at a rate above capacity the percentiles only grow with the phase's length). The peer is not
 * counted: where it times out, any rate overloads it, and its misses are reported as errors.
 */
function pacedRate(opts: Options, slowerCapacity: number): number {
  return Math.max(1, Math.min(opts.rate, Math.floor(slowerCapacity / 2)));
}

/** Seconds of each round's fixed-rate phase: half a saturation phase, or longer to reach `samples` answers. */
function pacedSeconds(opts: Options, rate: number): number {
  return Math.max(1, opts.seconds / 2, Math.ceil(opts.samples / rate / opts.rounds));
}

/** A saturation run with the CPU time the target's process, and the whole machine, spent per answered request. */
async function saturateMeasuringCpu(request: Parameters<typeof saturate>[0], opts: Options, pid: number | undefined) {
  const before = pid === undefined ? 0 : cpuMs(pid);
  const machineBefore = machineCpuMs();
  const {
    answered,
    correct: _correct,
    ...stats
  } = await saturate(request, {
    seconds: opts.seconds,
    connections: opts.connections,
  });
  if (pid === undefined || answered === 0) return stats;
  return {
    ...stats,
    cpuMsPerRequest: (cpuMs(pid) - before) / answered,
    machineCpuMsPerRequest: (machineCpuMs() - machineBefore) / answered,
  };
}

/**
 * One corpus size: each scenario's result, and the scenarios whose measurement failed (ours or raw
 * answering nothing correctly in the warm-up, a target that stopped), each with why; the others
 * are still measured.
 */
async function benchSize(
  events: number,
  only: readonly string[] | null,
  opts: Options,
): Promise<{ results: ScenarioResult[]; skipped: string[] }> {
  const { neo4j, config, landmarks, env } = await startCorpus(events);
  const running: RunningService[] = [];
  const admin = createDriver({ ...config.neo4j, uri: neo4j.boltUri }, createLogger('error'));
  try {
    // Ours as deployed (NODE_ENV=production: no GraphiQL, no introspection); the others are bare servers.
    const ours = await startBuiltService({ ...env, NODE_ENV: 'production' });
    running.push(ours);
    const raw = await startProcess(['--import', 'tsx', 'bench/servers/raw-server.ts'], env, '/raw/none');
    running.push(raw);
    const peer = await startProcess(['--import', 'tsx', 'bench/servers/peer-server.ts'], env, '/graphql');
    running.push(peer);
    const bases: Record<Target, string> = { ours: ours.base, raw: raw.base, peer: peer.base };
    const list = scenarios(landmarks).filter((scenario) => only === null || only.includes(scenario.name));
    const hits = await profileScenarios(neo4j.boltUri, list);
    const results: ScenarioResult[] = [];
    const skipped: string[] = [];
    let leftovers = 0;
    const settle = async () => {
      leftovers += await endLeftoverTransactions(admin, config.neo4j.database);
    };
    for (const scenario of list) {
      leftovers = 0;
      const measured = await withMaxRss(ours.pid, () =>
        measureScenario(scenario, bases, opts, settle, { ours: ours.pid, raw: raw.pid, peer: peer.pid }),
      ).catch(async (error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        skipped.push(`${events}/${scenario.name}: ${why}`);
        console.error(`${scenario.name} at ${events} events not measured: ${why}`);
        await settle(); // a round cut short may leave queries running into the next scenario
        return null;
      });
      if (measured === null) continue;
      const { value: stats, maxRssMb } = measured;
      if (leftovers > 0) console.error(`${scenario.name}: ended ${leftovers} transactions left running after a load`);
      const result: ScenarioResult = {
        size: events,
        scenario: scenario.name,
        description: scenario.description,
        ...stats,
        dbHits: hits.get(scenario.name) ?? { ours: 0, peer: 0 },
        oursMaxRssMb: Math.round(maxRssMb),
      };
      console.log(JSON.stringify(result));
      results.push(result);
    }
    return { results, skipped };
  } finally {
    await admin.close();
    for (const service of running.reverse()) await service.stop();
    await neo4j.stop();
  }
}

/** What an earlier run wrote to results.json: its options and every row. */
interface SavedRun {
  readonly options: Options & { sizes: number[]; minutes?: number; command?: string };
  readonly results: ScenarioResult[];
}

function refuse(problem: string): never {
  console.error(`${problem} Nothing was written.`);
  process.exit(1);
}

/** An earlier run's results.json, or a refusal naming the file and what is wrong with it. */
function readSavedRun(file: string): SavedRun {
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    refuse(`${file} is not readable JSON (${(error as Error).message}).`);
  }
  const { options, results } = (saved ?? {}) as Partial<SavedRun>;
  if (typeof options !== 'object' || options === null || !Array.isArray(results))
    refuse(`${file} is not a results file of npm run bench: it needs "options" and a "results" list.`);
  return { options, results };
}

/** Earlier results with the fresh ones in place of those they measure again, ordered by corpus size. */
function mergeResults(earlier: readonly ScenarioResult[], fresh: readonly ScenarioResult[]): ScenarioResult[] {
  const key = (result: ScenarioResult) => `${result.size}/${result.scenario}`;
  const freshByKey = new Map(fresh.map((result) => [key(result), result]));
  const merged = earlier.map((result) => freshByKey.get(key(result)) ?? result);
  const kept = new Set(merged.map(key));
  return [...merged, ...fresh.filter((result) => !kept.has(key(result)))].sort((a, b) => a.size - b.size);
}

async function main(): Promise<void> {
  const { sizes, ...opts } = numericOptions(USAGE, values, {
    ...LOAD_RULES,
    'warm-seconds': { kind: 'number' },
    samples: { kind: 'count' },
  });
  // Checked before anything is written or started; an empty list is refused too.
  const only = values.scenarios === undefined ? null : scenarioOption(USAGE, values.scenarios, SCENARIO_NAMES);
  const started = Date.now();
  const out = String(values.out);
  const resultsFile = path.join(out, 'results.json');
  if (values['report-only']) {
    if (!existsSync(resultsFile)) refuse(`--report-only needs ${resultsFile}: no such file.`);
    const saved = readSavedRun(resultsFile);
    writeReport(out, saved.results, { ...saved.options, minutes: saved.options.minutes ?? 0 });
    return;
  }
  // With --merge, what is not run now keeps its earlier result (e.g. to re-run only 1M, or one
  // scenario); read before anything starts, so a broken file is refused before an hour of measuring.
  let results: ScenarioResult[] = values.merge && existsSync(resultsFile) ? readSavedRun(resultsFile).results : [];
  mkdirSync(out, { recursive: true });
  const skipped: string[] = [];
  for (const [index, size] of sizes.entries()) {
    const measured = await benchSize(size, only, opts);
    skipped.push(...measured.skipped);
    results = mergeResults(results, measured.results);
    // Written after every size, so a long run keeps what it measured if a later size fails.
    const allSizes = [...new Set(results.map((result) => result.size))].sort((a, b) => a - b);
    const minutes = Math.round((Date.now() - started) / 6000) / 10;
    const command = commandOf(sizes.slice(0, index + 1), only, opts, { merge: values.merge, out });
    const options = { ...opts, sizes: allSizes, minutes, command };
    writeReport(out, results, options);
    writeFileSync(resultsFile, JSON.stringify({ options, results }, null, 2) + '\n');
  }
  console.log(`Wrote ${path.relative(ROOT, out)}/results.json, results.md, latency.svg`);
  if (skipped.length > 0) {
    console.error(
      `Not measured${values.merge ? ' (their earlier results are kept)' : ''}:\n${skipped.map((s) => `  ${s}`).join('\n')}`,
    );
    process.exitCode = 1;
  }
}

/** The command this run was, as a reader would type it again (the report names it). */
function commandOf(
  sizes: readonly number[],
  only: readonly string[] | null,
  opts: Options,
  run: { merge: boolean | undefined; out: string },
): string {
  const scenarios = only ? ` --scenarios ${only.join(',')}` : '';
  // Inside the project: relative to it, as typed there; elsewhere: the absolute path.
  const relative = path.relative(ROOT, path.resolve(run.out));
  const where = relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(run.out) : relative || '.';
  const out = path.resolve(run.out) === DEFAULT_OUT ? '' : ` --out ${/\s/.test(where) ? JSON.stringify(where) : where}`;
  return `npm run bench -- --sizes ${sizes.join(',')} --seconds ${opts.seconds} --warm-seconds ${opts['warm-seconds']} --rounds ${opts.rounds} --connections ${opts.connections} --rate ${opts.rate} --samples ${opts.samples}${scenarios}${run.merge ? ' --merge' : ''}${out}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
