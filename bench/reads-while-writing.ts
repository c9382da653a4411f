import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startCorpus } from './lib/corpus';
import { benchOptions } from './lib/options';
import { pacedLoad, percentile, pooledStats } from './lib/paced';
import { isCorrect } from './lib/saturation';
import { ROOT, startBuiltService } from './lib/service';
import { scenarios } from './scenarios';
import type { Stats } from './report';

const USAGE = 'npm run bench:reads-while-writing [-- --size 1000000 --seconds 60 --rate 20]';

/**
 * `npm run bench:reads-while-writing [-- --size 1000000 --seconds 60 --rate 20]`
 * Reads while articles are written: the timeline page and a search, each sent at a fixed rate (open
 * loop), while one writer loads the article through `POST /bundles` and retracts it again through
 * `DELETE /bundles/:id`, in a loop, for `seconds`, on the synthetic corpus of `size` events. Reports
 * the reads' p50/p99/p99.9, the loads' and retractions' p50/p99, and the articles loaded per
 * second. Writes docs/bench/reads-while-writing.json and .md.
 */
const { values } = benchOptions(USAGE, {
  options: {
    size: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '20' },
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

/** Loads and retracts the article until `until`; each call timed from sending to the whole answer. */
async function writeLoop(base: string, until: number) {
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
  while (Date.now() < until) {
    await timed(loads, () =>
      fetch(`${base}/bundles`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: ARTICLE,
      }),
    );
    await timed(retractions, () => fetch(`${base}/bundles/${ARTICLE_SOURCE}`, { method: 'DELETE', headers }));
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
  const size = Number(values.size);
  const seconds = Number(values.seconds);
  const rate = Number(values.rate);
  const { neo4j, landmarks, env } = await startCorpus(size);
  const service = await startBuiltService({ ...env, NODE_ENV: 'production', INGEST_API_KEYS: `bench:${KEY}` });
  try {
    const reads = scenarios(landmarks).filter((scenario) => scenario.name === 'timeline' || scenario.name === 'search');
    const request = (call: (typeof reads)[number]['ours']) => ({
      url: `${service.base}/graphql`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(call),
    });
    // Warm-up: plans of the reads and of a load and a retraction, not measured.
    await Promise.all([
      ...reads.map((scenario) => pacedLoad(request(scenario.ours), { seconds: 5, rate, isCorrect })),
      writeLoop(service.base, Date.now() + 5_000),
    ]);
    const until = Date.now() + seconds * 1000;
    const [writes, ...readRuns] = await Promise.all([
      writeLoop(service.base, until),
      ...reads.map((scenario) => pacedLoad(request(scenario.ours), { seconds, rate, isCorrect })),
    ]);
    const result = {
      size,
      seconds,
      rate,
      reads: Object.fromEntries(reads.map((scenario, i) => [scenario.name, pooledStats([readRuns[i]!])])) as Record<
        string,
        Stats
      >,
      writes,
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
  reads: Record<string, Stats>;
  writes: Awaited<ReturnType<typeof writeLoop>>;
}): string {
  const { writes } = result;
  return [
    `${result.size.toLocaleString('en')} events, ${result.seconds} s: each read at ${result.rate} requests/s (open loop) while one writer loads and retracts the article in a loop through the API.`,
    '',
    '| read | answers | p50 ms | p99 ms | p99.9 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...Object.entries(result.reads).map(
      ([name, s]) => `| ${name} | ${s.samples} | ${s.p50} | ${s.p99} | ${s.p999} | ${s.errors} |`,
    ),
    '',
    '| write | count | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    `| load the article (POST /bundles) | ${writes.load.count} | ${writes.load.p50} | ${writes.load.p99} |`,
    `| retract it (DELETE /bundles/:id) | ${writes.retract.count} | ${writes.retract.p50} | ${writes.retract.p99} |`,
    '',
    `Articles loaded per second: ${writes.articlesPerSecond} (each also retracted); failed writes: ${writes.failures}.`,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
