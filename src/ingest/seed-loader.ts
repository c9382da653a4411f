import { readdirSync } from 'node:fs';
import path from 'node:path';
import { matchKey } from '../domain/normalize';
import type { Database } from '../neo4j/database';
import { ensureGraphSchema } from '../repositories/graph-schema.repository';
import { findKnownNodes, writeGraphRecords } from '../repositories/seed.repository';
import { toGraphRecords } from './graph-records';
import { resolveEntities } from './resolve-entities';
import { BundleValidationError, validateBundles, type BundleProblem, type Coverage } from './validate-bundle';

export interface SeedReport {
  readonly files: readonly { file: string; sourceId: string; coverage: Coverage }[];
  readonly merged: readonly { file: string; id: string; into: string; by: string }[];
  readonly nodesCreated: number;
  readonly relationshipsCreated: number;
}

/** Seed transactions may be large; they get more time than an API query. */
const SEED_TIMEOUT_MS = 300_000;

/** The bundles shipped in a seed folder (every .yaml / .yml file, in name order). */
export function defaultBundleFiles(seedDir: string): string[] {
  return readdirSync(seedDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(seedDir, name));
}

/**
 * Loads bundles: validates every file first, resolves entities against the database, creates
 * the schema, then writes all bundles in one transaction. Any problem writes nothing.
 * Idempotent: MERGE on ids, evidence replaced per source.
 */
export async function seedBundles(
  database: Database,
  files: readonly string[],
  onProgress: (stage: 'validated' | 'writing' | 'committed') => void = () => undefined,
): Promise<SeedReport> {
  const { bundles, externalIds } = validateBundles(files);

  const ids = [...bundles.flatMap(({ bundle }) => [...bundle.entities, ...bundle.events].map((node) => node.id)), ...externalIds.keys()];
  const keys = bundles.flatMap(({ bundle }) => bundle.entities.flatMap((entity) => [entity.name, entity.nameEn, ...entity.aliases].map(matchKey)));
  const known = await findKnownNodes(database, ids, [...new Set(keys)]);
  const resolution = resolveEntities(bundles, known);

  const problems: BundleProblem[] = [...resolution.problems];
  for (const [id, problem] of externalIds) if (resolution.labelOf(id) === 'unknown') problems.push(problem);
  if (problems.length > 0) throw new BundleValidationError(problems);

  onProgress('validated');
  await ensureGraphSchema(database);
  onProgress('writing');
  const totals = await database.write(
    async (tx) => {
      const counts = { nodes: 0, relationships: 0 };
      for (const bundle of bundles) {
        const written = await writeGraphRecords(tx, toGraphRecords(bundle, resolution.resolveId), resolution.labelOf);
        counts.nodes += written.nodes;
        counts.relationships += written.relationships;
      }
      return counts;
    },
    { purpose: 'seed' },
    SEED_TIMEOUT_MS,
  );
  onProgress('committed');

  return {
    files: bundles.map(({ file, bundle, coverage }) => ({ file, sourceId: bundle.source.id, coverage })),
    merged: resolution.merged,
    nodesCreated: totals.nodes,
    relationshipsCreated: totals.relationships,
  };
}
