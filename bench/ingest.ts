import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_NEO4J_DEFAULTS, readToolConfig } from '../src/config';
import { retractSource, seedBundleInputs, seedBundles } from '../src/ingest/seed-loader';
import type { BundleInput } from '../src/bundle/validate-bundle';
import { createLocalNeo4j } from '../src/localdb/create';
import { findFreePort } from '../src/localdb/ports';
import { createLogger } from '../src/logger';
import { connectDatabase } from '../src/neo4j/driver';
import { HUB_PERSON } from './scenarios';
import { ROOT } from './lib/service';

/**
 * `npm run bench:ingest [-- --sizes 0,100000,1000000 --rounds 7]`
 * Loading and retracting one article's bundle on graphs of growing size, duplicate detection and
 * claim resolution included: the article (27 nodes, 66 relationships), the TASS report on top of
 * it (merges by name, a shared event, new entities), a bundle that adds claims to a hub of the
 * synthetic corpus (a head of state in a large share of all events, and its country), each
 * retracted again. Size 0 is an empty graph; other sizes are the corpora `npm run bench` uses
 * (built with `npm run synth` when missing). Medians and maxima over the rounds after warm-up
 * rounds, each median also as a ratio to the same operation on the empty graph.
 * Writes docs/bench/ingest.json and ingest.md.
 */
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '0,100000,1000000' },
    rounds: { type: 'string', default: '7' },
    out: { type: 'string', default: path.join(ROOT, 'docs', 'bench') },
  },
});

const ARTICLE = path.join(ROOT, 'seed', '000_4ba673f477d783a2.yaml');
const TASS = path.join(ROOT, 'test', 'fixtures', 'tass-treaty-report.yaml');
const OPERATIONS = [
  'load article',
  'load TASS report',
  'load hub report',
  'retract hub report',
  'retract TASS report',
  'retract article',
] as const;
type Operation = (typeof OPERATIONS)[number];
/** A fresh Neo4j needs a few rounds before its timings settle (one left the first measured rounds 3× slower). */
const WARM_UP_ROUNDS = 3;

interface Result {
  readonly size: number;
  readonly operation: Operation;
  readonly medianMs: number;
  readonly maxMs: number;
  /** Median time to validate and resolve (before the write transaction). */
  readonly resolveMedianMs: number | null;
}

/** A short report that gives the corpus's hub and its country claims of its own, and an event with both. */
function hubBundle(): BundleInput {
  const lines = [
    'Hub report.',
    'The head of state met officials on 15 March 2010.',
    'The head of state',
    'its country',
    'met officials on 15 March 2010',
  ];
  const at = (index: number) => {
    const start = lines.slice(0, index).reduce((sum, line) => sum + line.length + 1, 0);
    return { quote: lines[index] as string, start, end: start + (lines[index] as string).length, sentence: index };
  };
  return {
    file: 'bench-hub-report.yaml',
    sourceText: lines.join('\n'),
    content: {
      source: {
        id: 'bench-hub-report',
        textFile: 'none.txt',
        language: 'en',
        published: { iso: '2010-03-16', inferred: false, evidence: [at(1)] },
        evidence: [at(0)],
      },
      entities: [
        { id: HUB_PERSON, label: 'Person', name: 'The head of state', nameEn: 'The head of state', evidence: [at(2)] },
        { id: 'syn-country-0', label: 'Country', name: 'Its country', nameEn: 'Its country', evidence: [at(3)] },
      ],
      events: [
        {
          id: 'bench-hub-meeting',
          type: 'meeting',
          title: 'Meeting with officials',
          titleEn: 'Meeting with officials',
          date: { iso: '2010-03-15', inferred: false, evidence: [at(4)] },
          evidence: [at(1)],
        },
      ],
      relationships: [
        { type: 'PARTICIPATED_IN', from: HUB_PERSON, to: 'bench-hub-meeting', role: 'host', evidence: [at(2)] },
        { type: 'PARTICIPATED_IN', from: 'syn-country-0', to: 'bench-hub-meeting', role: 'host', evidence: [at(3)] },
        {
          type: 'LED_BY',
          from: 'syn-country-0',
          to: HUB_PERSON,
          role: 'head_of_state',
          title: 'head of state',
          evidence: [at(2)],
        },
      ],
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function benchSize(size: number, rounds: number): Promise<Result[]> {
  const config = readToolConfig(BENCH_NEO4J_DEFAULTS);
  const name = size === 0 ? 'bench-ingest-empty' : `bench-${size}`;
  const neo4j = createLocalNeo4j(config, { name, boltPort: await findFreePort(), httpPort: await findFreePort() });
  if (size > 0 && !existsSync(path.join(neo4j.home, 'corpus.json'))) {
    execFileSync('npx', ['tsx', 'src/synth/cli.ts', '--events', String(size)], { cwd: ROOT, stdio: 'inherit' });
  }
  await neo4j.start();
  const { database, close } = connectDatabase(config.neo4j, neo4j.boltUri, createLogger('error'), 600_000);
  const times = new Map<Operation, { total: number[]; resolve: number[] }>(
    OPERATIONS.map((operation) => [operation, { total: [], resolve: [] }]),
  );
  try {
    const hub = size > 0 ? hubBundle() : null;
    for (let round = 0; round < WARM_UP_ROUNDS + rounds; round += 1) {
      const measure = async (operation: Operation, work: (onValidated: () => void) => Promise<unknown>) => {
        const started = performance.now();
        let validated: number | null = null;
        await work(() => (validated = performance.now()));
        if (round < WARM_UP_ROUNDS) return; // query plans compiled, caches filled, the JIT warm
        times.get(operation)?.total.push(performance.now() - started);
        if (validated !== null) times.get(operation)?.resolve.push((validated as number) - started);
      };
      const stage = (onValidated: () => void) => (stageName: string) => stageName === 'validated' && onValidated();
      await measure('load article', (onValidated) => seedBundles(database, [ARTICLE], stage(onValidated)));
      await measure('load TASS report', (onValidated) => seedBundles(database, [TASS], stage(onValidated)));
      if (hub) await measure('load hub report', () => seedBundleInputs(database, [hub]));
      if (hub) await measure('retract hub report', () => retractSource(database, 'bench-hub-report'));
      await measure('retract TASS report', () => retractSource(database, 'tass-2024-06-19-treaty'));
      await measure('retract article', () => retractSource(database, 'baoquocte-279309'));
    }
  } finally {
    await close();
    await neo4j.stop();
  }
  return [...times]
    .filter(([, sample]) => sample.total.length > 0)
    .map(([operation, sample]) => ({
      size,
      operation,
      medianMs: Math.round(median(sample.total)),
      maxMs: Math.round(Math.max(...sample.total)),
      resolveMedianMs: sample.resolve.length > 0 ? Math.round(median(sample.resolve)) : null,
    }));
}

function toMarkdown(results: readonly Result[], rounds: number): string {
  const empty = new Map(
    results.filter((result) => result.size === 0).map((result) => [result.operation, result.medianMs]),
  );
  const rows = results.map((result) => {
    const base = empty.get(result.operation);
    const ratio = base && result.size > 0 ? (result.medianMs / base).toFixed(2) : '–';
    return `| ${result.size.toLocaleString('en')} | ${result.operation} | ${result.medianMs} | ${result.maxMs} | ${result.resolveMedianMs ?? '–'} | ${ratio} |`;
  });
  return [
    `Medians and maxima of ${rounds} rounds after ${WARM_UP_ROUNDS} warm-up rounds (ms). "resolve" is validation and entity resolution, before the write transaction; the ratio is the median over the same operation's median on the empty graph.`,
    '',
    '| events | operation | median | max | resolve (median) | ratio to empty |',
    '| ---: | --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const sizes = String(values.sizes).split(',').map(Number);
  const rounds = Number(values.rounds);
  const results: Result[] = [];
  for (const size of sizes) {
    results.push(...(await benchSize(size, rounds)));
    for (const result of results.filter((item) => item.size === size)) console.log(JSON.stringify(result));
  }
  const out = String(values.out);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'ingest.json'), JSON.stringify({ rounds, results }, null, 2) + '\n');
  writeFileSync(path.join(out, 'ingest.md'), toMarkdown(results, rounds));
  console.log(toMarkdown(results, rounds));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
