import { readdirSync } from 'node:fs';
import path from 'node:path';
import { matchKey } from '../domain/normalize';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../neo4j/database';
import { ATTR_APP_DRY_RUN, ATTR_APP_SOURCE_IDS } from '../tracing/attributes';
import { inSpan } from '../tracing/spans';
import { bumpDataVersion } from '../repositories/data-version.repository';
import { ensureGraphSchema } from '../repositories/graph-schema.repository';
import { findKnownNodes } from '../repositories/known-nodes.repository';
import { BUNDLE_EXTENSIONS } from '../bundle/bundle-file';
import { applySourceClaims, type SourceChange } from './apply-source';
import { resolveEntities, type AliasConflict, type Merge } from './resolve-entities';
import { toSourceClaims } from './source-claims';
import {
  BundleValidationError,
  referenceProblem,
  validateBundleInputs,
  validateBundles,
  type BundleInput,
  type BundleProblem,
  type Coverage,
  type Reference,
  type ValidatedBundle,
} from '../bundle/validate-bundle';

export interface SeedReport {
  readonly files: readonly { file: string; sourceId: string; coverage: Coverage; change: SourceChange }[];
  /** Bundle ids stored under an existing node's id (they stay resolvable as redirects). */
  readonly merged: readonly Merge[];
  readonly aliasConflicts: readonly AliasConflict[];
  readonly nodesCreated: number;
  readonly relationshipsCreated: number;
  /** The data version the load committed; null for a dry run, which keeps nothing. */
  readonly version: number | null;
}

export interface LoadOptions {
  /** Validate, resolve and write in a transaction that is rolled back: the same report, nothing kept. */
  readonly dryRun?: boolean;
}

export type LoadStage = 'validated' | 'writing' | 'committed' | 'rolled back (dry run)';

/** Seed transactions may be large; they get more time than an API query. */
const SEED_TIMEOUT_MS = 300_000;

/** The bundles shipped in a seed folder (every .yaml, .yml or .json file, in name order). */
export function defaultBundleFiles(seedDir: string): string[] {
  return readdirSync(seedDir)
    .filter((name) => (BUNDLE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase()))
    .sort()
    .map((name) => path.join(seedDir, name));
}

/**
 * Loads bundle files: validates every file first, resolves entities against the database, creates
 * the schema, then replaces each bundle's source's claims, all in one transaction. Any problem
 * writes nothing. Idempotent: loading a bundle again changes nothing.
 */
export async function seedBundles(
  database: Database,
  files: readonly string[],
  onProgress: (stage: LoadStage) => void = () => undefined,
): Promise<SeedReport> {
  return loadValidated(database, validateBundles(files), onProgress);
}

/** Bundles validated by validateBundles (before any connection), loaded as seedBundles loads them. */
export async function loadValidatedBundles(
  database: Database,
  validated: ReturnType<typeof validateBundles>,
  onProgress: (stage: LoadStage) => void = () => undefined,
  options: LoadOptions = {},
): Promise<SeedReport> {
  return loadValidated(database, validated, onProgress, options);
}

/** As seedBundles, for bundles already parsed (each with its source text). */
export async function seedBundleInputs(
  database: Database,
  inputs: readonly BundleInput[],
  options: LoadOptions = {},
): Promise<SeedReport> {
  return loadValidated(database, validateBundleInputs(inputs), () => undefined, options);
}

/** Retracts a source: its claims go, and every node and relationship no other source backs. */
export async function retractSource(database: Database, sourceId: string): Promise<SourceChange & { version: number }> {
  return inSpan('bundle.retract', { [ATTR_APP_SOURCE_IDS]: [sourceId] }, () =>
    database.write(
      'retract',
      async (tx) => {
        const version = await bumpDataVersion(tx);
        return { ...(await applySourceClaims(tx, sourceId, null)), version };
      },
      SEED_TIMEOUT_MS,
    ),
  );
}

/** One load, in a span of its own (`bundle.load`) whose children are its queries. */
function loadValidated(
  database: Database,
  validated: { bundles: ValidatedBundle[]; references: Reference[] },
  onProgress: (stage: LoadStage) => void,
  options: LoadOptions = {},
): Promise<SeedReport> {
  const attributes = {
    [ATTR_APP_SOURCE_IDS]: validated.bundles.map(({ bundle }) => bundle.source.id),
    [ATTR_APP_DRY_RUN]: options.dryRun === true,
  };
  return inSpan('bundle.load', attributes, () => writeValidated(database, validated, onProgress, options));
}

async function writeValidated(
  database: Database,
  { bundles, references }: { bundles: ValidatedBundle[]; references: Reference[] },
  onProgress: (stage: LoadStage) => void,
  options: LoadOptions,
): Promise<SeedReport> {
  const ids = [
    ...bundles.flatMap(({ bundle }) => [...bundle.entities, ...bundle.events].map((node) => node.id)),
    ...references.map((reference) => reference.id),
  ];
  const keys = bundles.flatMap(({ bundle }) =>
    bundle.entities.flatMap((entity) => [entity.name, entity.nameEn, ...entity.aliases].map(matchKey)),
  );
  // The schema first: resolution reads the text index on entity names. A dry run writes nothing,
  // the schema included (resolution then reads names without the index, only slower).
  if (!options.dryRun) await ensureGraphSchema(database);
  const write = async (tx: ManagedTransaction) => {
    // First the version's lock, which serialises every load and retraction: what this load
    // resolves against and replaces cannot change before it commits.
    const version = await bumpDataVersion(tx);
    const known = await findKnownNodes(tx, [...new Set(ids)], [...new Set(keys)]);
    const resolution = resolveEntities(bundles, known.nodes, known.redirects);
    const problems: BundleProblem[] = [...duplicateSources(bundles), ...resolution.problems];
    for (const reference of references) {
      const problem = referenceProblem(reference, resolution.labelOf(reference.id), resolution.definedIn(reference.id));
      if (problem) problems.push(problem);
    }
    if (problems.length > 0) throw new BundleValidationError(problems);
    onProgress('validated');
    onProgress('writing');
    const applied: SourceChange[] = [];
    for (const validated of bundles)
      applied.push(await applySourceClaims(tx, validated.bundle.source.id, toSourceClaims(validated, resolution)));
    return { applied, version, resolution };
  };
  const {
    applied: changes,
    version,
    resolution,
  } = options.dryRun
    ? await database.rehearse('load-dry-run', write, SEED_TIMEOUT_MS)
    : await database.write('load', write, SEED_TIMEOUT_MS);
  onProgress(options.dryRun ? 'rolled back (dry run)' : 'committed');

  return {
    files: bundles.map(({ file, bundle, coverage }, index) => ({
      file,
      sourceId: bundle.source.id,
      coverage,
      change: changes[index] as SourceChange,
    })),
    merged: resolution.merged,
    aliasConflicts: resolution.aliasConflicts,
    nodesCreated: changes.reduce((sum, change) => sum + change.nodes.created, 0),
    relationshipsCreated: changes.reduce((sum, change) => sum + change.relationships.created, 0),
    version: options.dryRun ? null : version,
  };
}

function duplicateSources(bundles: readonly ValidatedBundle[]): BundleProblem[] {
  const seen = new Map<string, string>();
  return bundles.flatMap(({ file, bundle }) => {
    const first = seen.get(bundle.source.id);
    seen.set(bundle.source.id, first ?? file);
    return first
      ? [{ file, path: 'source.id', message: `source "${bundle.source.id}" is also loaded from ${first}` }]
      : [];
  });
}
