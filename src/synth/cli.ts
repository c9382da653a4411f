import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { BENCH_NEO4J_DEFAULTS, readToolConfig } from '../config';
import { createLocalNeo4j } from '../localdb/create';
import { findFreePort } from '../localdb/ports';
import { createLogger } from '../logger';
import { connectDatabase } from '../neo4j/driver';
import { ensureGraphSchema } from '../repositories/graph-schema.repository';
import { CORPUS_FORMAT, generateCorpus } from './generate';

/**
 * `npm run synth -- --events 100000 [--seed 42] [--instance bench-100000] [--keep-csv]`:
 * generates a synthetic corpus and loads it into a local Neo4j instance of its own through the
 * bulk path (CSV + neo4j-admin import), then creates the seeder's constraints and indexes.
 * Reports ingest throughput per phase. The instance is left stopped, ready for `npm run bench`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '42' },
      instance: { type: 'string' },
      'keep-csv': { type: 'boolean', default: false },
    },
  });
  const events = Number(values.events);
  if (!Number.isInteger(events) || events < 100) throw new Error('--events must be an integer of at least 100');
  const seed = Number(values.seed);
  const config = readToolConfig(BENCH_NEO4J_DEFAULTS);
  const neo4j = createLocalNeo4j(config, {
    name: values.instance ?? `bench-${events}`,
    boltPort: await findFreePort(),
    httpPort: await findFreePort(),
  });
  await neo4j.stop();

  const csvDir = path.join(neo4j.home, 'import', `synth-${events}-${seed}`);
  const bar = new SingleBar(
    {
      format: 'generate |{bar}| {percentage}% {value}/{total} events · {rate} events/s · ETA {eta_formatted}',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(events, 0, { rate: 0 });
  const corpus = await generateCorpus({
    events,
    seed,
    dir: csvDir,
    onProgress: (done) => {
      if (done % 1000 === 0 || done === events)
        bar.update(done, { rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)) });
    },
  });
  bar.stop();
  const generated = Date.now();

  await neo4j.importCsv(corpus.nodeFiles, corpus.relationshipFiles, (line) => console.log(`  ${line}`));
  const imported = Date.now();

  await neo4j.start();
  const connection = connectDatabase(config.neo4j, neo4j.boltUri, createLogger('error'), 600_000);
  try {
    // The corpus files hold the searchable text already (src/domain/search-text.ts): no backfill.
    await ensureGraphSchema(connection.database, { derivedWritten: true });
  } finally {
    await connection.close();
  }
  const indexed = Date.now();
  await neo4j.stop();
  if (!values['keep-csv']) rmSync(csvDir, { recursive: true, force: true });

  const seconds = (from: number, to: number) => (to - from) / 1000;
  const timings = {
    generateSeconds: seconds(started, generated),
    importSeconds: seconds(generated, imported),
    indexSeconds: seconds(imported, indexed),
    totalSeconds: seconds(started, indexed),
  };
  const report = {
    format: CORPUS_FORMAT,
    events,
    seed,
    nodes: corpus.nodes,
    relationships: corpus.relationships,
    ...timings,
    eventsPerSecond: Math.round(events / timings.totalSeconds),
    relationshipsPerSecond: Math.round(corpus.relationships / timings.totalSeconds),
    importEventsPerSecond: Math.round(events / timings.importSeconds),
    landmarks: corpus.landmarks,
  };
  writeFileSync(path.join(neo4j.home, 'corpus.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
