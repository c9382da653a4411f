import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { seedBundles } from '../../src/ingest/seed-loader';
import type { LocalNeo4j } from '../../src/localdb/instance';
import type { Database } from '../../src/neo4j/database';
import { ARTICLE_BUNDLE, SEED_DIR, snapshotGraph } from '../helpers/graph';
import { startDisposableDatabase, TEST_PASSWORD, type DisposableDatabase } from '../helpers/local-neo4j';
import { eventually } from '../helpers/eventually';

const ROOT = path.resolve(__dirname, '../..');

/** A bundle big enough that writing it takes a while: people, events and participations quoting the article. */
function writeLargeBundle(dir: string, people: number, events: number): string {
  const quote = { quote: 'Em 18 de julho', start: 0, end: 14, sentence: 0 };
  const bundle = {
    source: {
      id: 'synthetic-load',
      textFile: path.join(SEED_DIR, 'sources/000_4ba673f477d783a2.txt'),
      language: 'pt',
      evidence: [quote],
    },
    entities: Array.from({ length: people }, (_, i) => ({
      id: `synthetic-person-${i}`,
      label: 'Person',
      name: `Synthetic Person ${i}`,
      nameEn: `Synthetic Person ${i}`,
      evidence: [quote],
    })),
    events: Array.from({ length: events }, (_, i) => ({
      id: `synthetic-event-${i}`,
      type: 'meeting',
      title: `Synthetic meeting ${i}`,
      titleEn: `Synthetic meeting ${i}`,
      date: { iso: `2024-0${1 + (i % 9)}-1${i % 10}`, inferred: false, evidence: [quote] },
      evidence: [quote],
    })),
    relationships: Array.from({ length: events * 4 }, (_, i) => ({
      type: 'PARTICIPATED_IN',
      from: `synthetic-person-${(i * 7919) % people}`,
      to: `synthetic-event-${Math.floor(i / 4)}`,
      role: 'participant',
      evidence: [quote],
    })).filter(
      (relationship, i, all) =>
        all.findIndex((other) => other.from === relationship.from && other.to === relationship.to) === i,
    ),
  };
  const file = path.join(dir, 'large.yaml');
  writeFileSync(file, stringify(bundle, { aliasDuplicateObjects: false }));
  return file;
}

describe('seeding killed half-way', () => {
  let disposable: DisposableDatabase;
  let neo4j: LocalNeo4j;
  let database: Database;
  let scratch: string;

  beforeAll(async () => {
    disposable = await startDisposableDatabase('seedkill');
    ({ neo4j, database } = disposable);
    scratch = mkdtempSync(path.join(os.tmpdir(), 'seedkill-'));
  });

  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await disposable?.close();
  });

  const emptyDatabase = () => database.write('test', (tx) => tx.run('MATCH (n) DETACH DELETE n'), 120_000);

  it('leaves nothing behind, and a re-run ends identical to a clean seed', async () => {
    const files = [ARTICLE_BUNDLE, writeLargeBundle(scratch, 3000, 1500)];
    await seedBundles(database, files);
    const clean = await snapshotGraph(database);
    expect(clean.nodes.length).toBeGreaterThan(4500);
    await emptyDatabase();

    const seeder = spawn(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts', ...files], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: neo4j.boltUri, NEO4J_PASSWORD: TEST_PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    seeder.stdout.on('data', (chunk) => (output += chunk));
    seeder.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      seeder.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the seeder never started writing:\n${output}`)), 120_000);
      seeder.stdout.on('data', () => {
        if (output.includes('seed: writing')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // Killed once its transaction is seen writing on the server, not after a guessed delay.
    await eventually(
      async () => {
        const result = await database.driver.executeQuery(
          `SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE metaData.purpose = 'load' AND currentQuery CONTAINS 'MERGE' RETURN count(*) AS writing`,
          {},
          { database: database.name },
        );
        return Number(result.records[0]?.get('writing')) > 0;
      },
      120_000,
      'the seed transaction writing',
    );
    seeder.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(output).not.toContain('seed: committed');

    const afterKill = await snapshotGraph(database);
    expect({ nodes: afterKill.nodes.length, relationships: afterKill.relationships.length }).toEqual({
      nodes: 0,
      relationships: 0,
    });

    await seedBundles(database, files);
    expect(await snapshotGraph(database)).toEqual(clean);
  });
});
