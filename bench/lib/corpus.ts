import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_NEO4J_DEFAULTS, readToolConfig, type Config } from '../../src/config';
import { createLocalNeo4j } from '../../src/localdb/create';
import type { LocalNeo4j } from '../../src/localdb/instance';
import { findFreePort } from '../../src/localdb/ports';
import { CORPUS_FORMAT } from '../../src/synth/generate';
import type { Landmarks } from '../scenarios';
import { ROOT } from './service';

export interface RunningCorpus {
  readonly neo4j: LocalNeo4j;
  readonly config: Config;
  readonly landmarks: Landmarks;
  /** What a server of the benchmark needs to reach the corpus. */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The synthetic corpus of `events` events in its local Neo4j (`bench-<events>`), built with
 * `npm run synth` when missing or from an older generator, and started.
 */
export async function startCorpus(events: number): Promise<RunningCorpus> {
  const config = readToolConfig(BENCH_NEO4J_DEFAULTS);
  // A server-side transaction timeout, so a query a client gave up on (autocannon waits 10 s)
  // cannot keep running into the next measurements; the peer sets no timeout of its own.
  const neo4j = createLocalNeo4j(config, {
    name: `bench-${events}`,
    boltPort: await findFreePort(),
    httpPort: await findFreePort(),
    extraSettings: ['db.transaction.timeout=15s'],
  });
  const corpusFile = path.join(neo4j.home, 'corpus.json');
  // A corpus from an older generator lacks what the scenarios query (the events' searchable text).
  const current =
    existsSync(corpusFile) &&
    (JSON.parse(readFileSync(corpusFile, 'utf8')) as { format?: number }).format === CORPUS_FORMAT;
  if (!current)
    execFileSync('npx', ['tsx', 'src/synth/cli.ts', '--events', String(events)], { cwd: ROOT, stdio: 'inherit' });
  const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as { landmarks: Landmarks };
  await neo4j.start();
  const env = {
    NEO4J_URI: neo4j.boltUri,
    NEO4J_PASSWORD: config.neo4j.password,
    NEO4J_USER: config.neo4j.user,
    SEED_ON_START: 'false',
  };
  return { neo4j, config, landmarks: corpus.landmarks, env };
}
