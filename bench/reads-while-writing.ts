import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startCorpus } from './lib/corpus';
import { oursRequest } from './lib/modes';
import { benchOptions, numericOptions } from './lib/options';
import { pacedLoad, percentile, pooledStats } from './lib/paced';
import { isCorrect } from './lib/saturation';
import { ROOT, startBuiltService } from './lib/service';
import { scenarios } from './scenarios';
import type { Stats } from './report';

const USAGE = 'npm run bench:reads-while-writing [-- --size 1000000 --seconds 60 --rate 20 --write-rate 0.5]';

/**
 * `npm run bench:reads-while-writing [-- --size 1000000 --seconds 60 --rate 20 --write-rate 0.5]`
 * Reads while articles are written: the timeline page and a search, each sent at a fixed rate (open
 * loop) for `seconds`, on the synthetic corpus of `size` events, three times: alone; while one
 * writer loads the article through `POST /bundles` and retracts it through `DELETE /bundles/:id`
 * back to back; and while it does so at `write-rate` articles per second. Reports the reads'
 * p50/p99/p99.9, the loads' and retractions' p50/p99, and the articles loaded per second of each
 * phase. Writes docs/bench/reads-while-writing.json and .md.
 */
const { values } = benchOptions(USAGE, {
  options: {
    size: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '60' },
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

type WriteRun = Awaited<ReturnType<typeof writeLoop>>;

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
async function writeLoop(base: string, until: number, articlesPerSecond?: number) {
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
  const seconds = (performance.now() - started) / 1000;
  return {
    load: writeStats(loads),
    retract: writeStats(retractions),
    failures,
    articlesPerSecond: Math.round((loads.length / seconds) * 100) / 100,
  };
}

async function main(): Promise<void> {
  const numbers = numericOptions(USAGE, values, {
    size: { kind: 'count' },
    seconds: { kind: 'number' },
    rate: { kind: 'number' },
    'write-rate': { kind: 'number' },
  });
  const { size, seconds, rate } = numbers;
  const writeRate = numbers['write-rate'];
  const { neo4j, landmarks, env } = await startCorpus(size);
  const service = await startBuiltService({ ...env, NODE_ENV: 'production', INGEST_API_KEYS: `bench:${KEY}` });
  try {
    const reads = scenarios(landmarks).filter((scenario) => scenario.name === 'timeline' || scenario.name === 'search');
    // Warm-up as long as a phase (plans, JIT, the page cache of a cold 1M graph), not measured: with
    // 5 s the first phase measured the cold start, a p99 of 637 ms for reads alone.
    await Promise.all([
      ...reads.map((scenario) => pacedLoad(oursRequest(scenario, service.base), { seconds, rate, isCorrect })),
      writeLoop(service.base, Date.now() + seconds * 1000),
    ]);
    // The reads of one phase at the fixed rate, with the writer of the phase beside them.
    const phase = async (writer?: (until: number) => Promise<WriteRun>) => {
      const until = Date.now() + seconds * 1000;
      const [writes, ...readRuns] = await Promise.all([
        writer?.(until),
        ...reads.map((scenario) => pacedLoad(oursRequest(scenario, service.base), { seconds, rate, isCorrect })),
      ]);
      const statsOf = reads.map((scenario, i) => [scenario.name, pooledStats([readRuns[i]!])] as const);
      return { reads: Object.fromEntries(statsOf) as Record<string, Stats>, ...(writes ? { writes } : {}) };
    };
    const result = {
      size,
      seconds,
      rate,
      writeRate,
      phases: {
        alone: await phase(),
        backToBack: await phase((until) => writeLoop(service.base, until)),
        paced: await phase((until) => writeLoop(service.base, until, writeRate)),
      },
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
  rate: number;
  writeRate: number;
  phases: Record<'alone' | 'backToBack' | 'paced', { reads: Record<string, Stats>; writes?: WriteRun }>;
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
    `${result.size.toLocaleString('en')} events, ${result.seconds} s a phase: each read at ${result.rate} requests/s (open loop), alone, then while one writer loads and retracts the article in a loop through the API.`,
    '',
    `| phase | ${readNames.map((name) => `${name} p50 / p99 / p99.9 ms (answers, errors)`).join(' | ')} | load p50 / p99 ms | retract p50 / p99 ms | articles/s | failed writes |`,
    `| --- | ${readNames.map(() => '---').join(' | ')} | --- | --- | ---: | ---: |`,
    ...phases.map(([key, { reads, writes }]) => {
      const read = (s: Stats) => `${s.p50} / ${s.p99} / ${s.p999} (${s.samples}, ${s.errors})`;
      const write = (s: WriteStats) => `${s.p50} / ${s.p99} (${s.count})`;
      return `| ${names[key]} | ${readNames.map((name) => read(reads[name] as Stats)).join(' | ')} | ${writes ? write(writes.load) : dash} | ${writes ? write(writes.retract) : dash} | ${writes?.articlesPerSecond ?? dash} | ${writes?.failures ?? dash} |`;
    }),
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
