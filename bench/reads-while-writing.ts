import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startCorpus } from './lib/corpus';
import { oursRequest } from './lib/modes';
import { benchOptions, numericOptions } from './lib/options';
import { pacedLoad, percentile, pooledStats, type PacedRun } from './lib/paced';
import { isCorrect } from './lib/saturation';
import { ROOT, startBuiltService } from './lib/service';
import { scenarios } from './scenarios';
import type { Stats } from './report';

const USAGE =
  'npm run bench:reads-while-writing [-- --size 1000000 --seconds 20 --warm-seconds 60 --rounds 3 --rate 20 --write-rate 0.5]';

/**
 * `npm run bench:reads-while-writing [-- --size 1000000 --seconds 20 --warm-seconds 60 --rounds 3 --rate 20 --write-rate 0.5]`
 * Reads while articles are written: the timeline page and a search, each sent at a fixed rate (open
 * loop) for `seconds`, on the synthetic corpus of `size` events, in three phases: alone; while one
 * writer loads the article through `POST /bundles` and retracts it through `DELETE /bundles/:id`
 * back to back; and while it does so at `write-rate` articles per second. Each of `rounds` rounds
 * runs the three phases, in an order rotated by one each round, so no phase always runs first
 * (coldest) or last (warmest); with a multiple of 3 rounds each phase holds each place equally
 * often and a steady drift of the machine falls on every phase alike. Reports, pooled
 * over the rounds, the reads' p50/p99/p99.9, the loads' and retractions' p50/p99, and the articles
 * loaded per second of each phase. Writes docs/bench/reads-while-writing.json and .md.
 */
const { values } = benchOptions(USAGE, {
  options: {
    size: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '20' },
    'warm-seconds': { type: 'string', default: '60' },
    rounds: { type: 'string', default: '3' },
    rate: { type: 'string', default: '20' },
    'write-rate': { type: 'string', default: '0.5' },
    out: { type: 'string', default: path.join(ROOT, 'docs', 'bench') },
  },
});

/** The article's bundle as the API takes it: JSON, with its source text inline instead of a file name. */
const ARTICLE = (() => {
  const bundle = parseYaml(readFileSync(path.join(ROOT, 'seed', '000_4ba673f477d783a2.yaml'), 'utf8')) as {
    source: { textFile?: string; text?: string };
  };
  const { textFile, ...source } = bundle.source;
  return JSON.stringify({
    ...bundle,
    source: { ...source, text: readFileSync(path.join(ROOT, 'seed', textFile as string), 'utf8') },
  });
})();
const ARTICLE_SOURCE = 'baoquocte-279309';
/** A key of the bench only, for the service it starts. */
const KEY = 'bench-writer-key-0123456789abcdef0123';

/** One writer's calls in one phase of one round: each call's time, the failures, how long it ran. */
interface WriteLoop {
  readonly loads: readonly number[];
  readonly retractions: readonly number[];
  readonly failures: number;
  readonly seconds: number;
}

interface WriteRun {
  readonly load: WriteStats;
  readonly retract: WriteStats;
  readonly failures: number;
  readonly articlesPerSecond: number;
}

/** A read's figures in one phase, pooled over the rounds, and its p99 in each round. */
type ReadStats = Stats & { readonly roundP99s: readonly number[] };

interface WriteStats {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
}

function writeStats(times: readonly number[]): WriteStats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(sorted, p));
  return { count: times.length, p50: at(0.5), p99: at(0.99) };
}

/**
 * Loads and retracts the article until `until`, back to back, or starting a load every
 * `1 / articlesPerSecond` s when given; each call timed from sending to the whole answer.
 */
async function writeLoop(base: string, until: number, articlesPerSecond?: number): Promise<WriteLoop> {
  const loads: number[] = [];
  const retractions: number[] = [];
  let failures = 0;
  const headers = { authorization: `Bearer ${KEY}` };
  const timed = async (into: number[], send: () => Promise<Response>) => {
    const started = performance.now();
    const response = await send().catch(() => null);
    const body = response ? await response.text() : '';
    if (response?.ok) into.push(performance.now() - started);
    else {
      failures += 1;
      console.error(`write failed: ${response?.status ?? 'no answer'} ${body.slice(0, 200)}`);
    }
  };
  const started = performance.now();
  for (let cycle = 1; Date.now() < until; cycle += 1) {
    await timed(loads, () =>
      fetch(`${base}/bundles`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: ARTICLE,
      }),
    );
    await timed(retractions, () => fetch(`${base}/bundles/${ARTICLE_SOURCE}`, { method: 'DELETE', headers }));
    if (articlesPerSecond !== undefined) {
      const next = started + (cycle * 1000) / articlesPerSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
  }
  return { loads, retractions, failures, seconds: (performance.now() - started) / 1000 };
}

/** A phase's writes over every round: times pooled, articles per second over the phase's whole time. */
function pooledWrites(loops: readonly WriteLoop[]): WriteRun {
  const loads = loops.flatMap((loop) => loop.loads);
  const seconds = loops.reduce((sum, loop) => sum + loop.seconds, 0);
  return {
    load: writeStats(loads),
    retract: writeStats(loops.flatMap((loop) => loop.retractions)),
    failures: loops.reduce((sum, loop) => sum + loop.failures, 0),
    articlesPerSecond: Math.round((loads.length / seconds) * 100) / 100,
  };
}

const PHASES = ['alone', 'backToBack', 'paced'] as const;
type Phase = (typeof PHASES)[number];

/** The phases in round `round`'s order (0-based): the list rotated by one each round. */
function phaseOrder(round: number): Phase[] {
  const shift = round % PHASES.length;
  return [...PHASES.slice(shift), ...PHASES.slice(0, shift)];
}

async function main(): Promise<void> {
  const numbers = numericOptions(USAGE, values, {
    size: { kind: 'count' },
    seconds: { kind: 'number' },
    'warm-seconds': { kind: 'number' },
    rounds: { kind: 'count' },
    rate: { kind: 'number' },
    'write-rate': { kind: 'number' },
  });
  const { size, seconds, rounds, rate } = numbers;
  const writeRate = numbers['write-rate'];
  const warmSeconds = numbers['warm-seconds'];
  const { neo4j, landmarks, env } = await startCorpus(size);
  const service = await startBuiltService({ ...env, NODE_ENV: 'production', INGEST_API_KEYS: `bench:${KEY}` });
  try {
    const reads = scenarios(landmarks).filter((scenario) => scenario.name === 'timeline' || scenario.name === 'search');
    // The reads of one phase at the fixed rate, with the phase's writer beside them.
    const runPhase = async (phase: Phase, phaseSeconds = seconds) => {
      const until = Date.now() + phaseSeconds * 1000;
      const writer =
        phase === 'alone' ? undefined : writeLoop(service.base, until, phase === 'paced' ? writeRate : undefined);
      const [writes, ...readRuns] = await Promise.all([
        writer,
        ...reads.map((scenario) =>
          pacedLoad(oursRequest(scenario, service.base), { seconds: phaseSeconds, rate, isCorrect }),
        ),
      ]);
      return { writes, readRuns };
    };
    // Warm-up (plans, JIT, the page cache of a cold 1M graph), not measured: with 5 s the first
    // phase measured the cold start (a p99 of 637 ms for reads alone), and with 20 s every phase's
    // first round was still its slowest in 5 of 6 reads.
    await runPhase('backToBack', warmSeconds);
    const measured = Object.fromEntries(
      PHASES.map((phase) => [phase, { readRuns: reads.map(() => [] as PacedRun[]), writes: [] as WriteLoop[] }]),
    ) as Record<Phase, { readRuns: PacedRun[][]; writes: WriteLoop[] }>;
    for (let round = 0; round < rounds; round += 1) {
      for (const phase of phaseOrder(round)) {
        const { writes, readRuns } = await runPhase(phase);
        readRuns.forEach((run, i) => measured[phase].readRuns[i]!.push(run));
        if (writes) measured[phase].writes.push(writes);
        console.error(`round ${round + 1}/${rounds}: ${phase} measured`);
      }
    }
    const pooled = (phase: Phase) => {
      const { readRuns, writes } = measured[phase];
      // Each round's p99 beside the pooled one: one stall in one round, or a cost in every round.
      const statsOf = reads.map((scenario, i) => {
        const runs = readRuns[i]!;
        return [scenario.name, { ...pooledStats(runs), roundP99s: runs.map((run) => pooledStats([run]).p99) }] as const;
      });
      return {
        reads: Object.fromEntries(statsOf) as Record<string, ReadStats>,
        ...(writes.length > 0 ? { writes: pooledWrites(writes) } : {}),
      };
    };
    const result = {
      size,
      seconds,
      warmSeconds,
      rounds,
      rate,
      writeRate,
      phases: { alone: pooled('alone'), backToBack: pooled('backToBack'), paced: pooled('paced') },
    };
    const out = String(values.out);
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'reads-while-writing.json'), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(path.join(out, 'reads-while-writing.md'), toMarkdown(result));
    console.log(toMarkdown(result));
  } finally {
    await service.stop();
    await neo4j.stop();
  }
}

function toMarkdown(result: {
  size: number;
  seconds: number;
  rounds: number;
  rate: number;
  writeRate: number;
  phases: Record<Phase, { reads: Record<string, ReadStats>; writes?: WriteRun }>;
}): string {
  const names = {
    alone: 'no writes',
    backToBack: 'one writer, back to back',
    paced: `one writer, ${result.writeRate} articles/s`,
  } as const;
  const phases = Object.entries(result.phases) as [keyof typeof names, (typeof result.phases)['alone']][];
  const readNames = Object.keys(result.phases.alone.reads);
  const dash = '–';
  return [
    `${result.size.toLocaleString('en')} events, ${result.rounds} rounds of three phases of ${result.seconds} s, in an order rotated each round: each read at ${result.rate} requests/s (open loop), alone and while one writer loads and retracts the article in a loop through the API; figures pooled over the rounds.`,
    '',
    `| phase | ${readNames.map((name) => `${name} p50 / p99 / p99.9 ms (answers, errors); p99 by round`).join(' | ')} | load p50 / p99 ms | retract p50 / p99 ms | articles/s | failed writes |`,
    `| --- | ${readNames.map(() => '---').join(' | ')} | --- | --- | ---: | ---: |`,
    ...phases.map(([key, { reads, writes }]) => {
      const read = (s: ReadStats) =>
        `${s.p50} / ${s.p99} / ${s.p999} (${s.samples}, ${s.errors}); ${s.roundP99s.join(', ')}`;
      const write = (s: WriteStats) => `${s.p50} / ${s.p99} (${s.count})`;
      return `| ${names[key]} | ${readNames.map((name) => read(reads[name] as ReadStats)).join(' | ')} | ${writes ? write(writes.load) : dash} | ${writes ? write(writes.retract) : dash} | ${writes?.articlesPerSecond ?? dash} | ${writes?.failures ?? dash} |`;
    }),
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
