import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../config';
import { AppError } from '../errors';
import { createLocalNeo4j } from '../localdb/create';
import { LocalNeo4jError } from '../localdb/errors';
import { createLogger } from '../logger';
import { connectDatabase } from '../neo4j/driver';
import { projectRoot } from '../paths';
import { SourceInUseError, SourceNotFoundError, type SourceChange } from '../ingest/apply-source';
import { splitSentences } from '../bundle/sentences';
import { resolveSourceText, type SourceTextFields } from '../bundle/source-text';
import { readBundleFile } from '../bundle/bundle-file';
import { defaultBundleFiles, loadValidatedBundles, retractSource, type SeedReport } from '../ingest/seed-loader';
import { BundleValidationError, validateBundles } from '../bundle/validate-bundle';

const USAGE = `usage:
  npm run seed [-- [--dry-run] [--accept-review] bundle.yaml…]   load bundles (default: every bundle in seed/)
  npm run seed -- --remove <sourceId>                             retract a source
  npm run seed -- --sentences <bundle.yaml | article.txt>         print the numbered sentences`;

/** A refusal of the command line itself (exit 1, nothing written). */
class UsageError extends Error {}

/**
 * `npm run seed [-- files…]`: validates the given bundles (default: every bundle in seed/), then
 * loads them all or none into the database NEO4J_URI names, or into the local Neo4j (started if
 * needed). `--dry-run` reports what the load would change and keeps nothing; `--accept-review`
 * loads bundles that still hold the drafter's REVIEW marks. `--remove <sourceId>` retracts a
 * source's claims and what only it backs. `--sentences <bundle | text>` prints the source text's
 * sentences, numbered as evidence's `sentence` counts them.
 * Exit codes: 0 done, 1 refused (bad arguments, an invalid or unreadable bundle, a refused
 * retraction; nothing written), 2 any other failure.
 */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.sentences !== undefined) {
    for (const sentence of splitSentences(readSourceText(values.sentences)))
      console.log(`[${sentence.index}] ${sentence.text}`);
    return 0;
  }
  if (values.remove !== undefined && (positionals.length > 0 || values['dry-run']))
    throw new UsageError('--remove takes a source id and nothing else');
  const files =
    positionals.length > 0
      ? positionals.map((file) => path.resolve(file))
      : defaultBundleFiles(path.join(projectRoot(), 'seed'));
  // Validated before any connection: a refused bundle needs no database to be refused.
  const validated =
    values.remove === undefined ? validateBundles(files, { acceptReviewMarks: values['accept-review'] }) : undefined;

  const config = readConfig();
  let uri = config.neo4j.uri;
  if (uri === undefined) {
    const local = createLocalNeo4j(config);
    await local.start();
    uri = local.boltUri;
  }
  const { database, close } = connectDatabase(config.neo4j, uri, createLogger('error'));
  try {
    if (validated === undefined) {
      const sourceId = values.remove as string;
      const change = await retractSource(database, sourceId);
      console.log(`Retracted source ${sourceId}: ${describeChange(change)}.`);
      return 0;
    }
    const dryRun = values['dry-run'] === true;
    const report = await loadValidatedBundles(database, validated, (stage) => console.log(`seed: ${stage}`), {
      dryRun,
    });
    printReport(report, dryRun);
    return 0;
  } finally {
    await close();
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sentences: { type: 'string' },
        remove: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'accept-review': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A text file as it is, or a bundle's source text (inline, or the file `source.textFile` names). */
function readSourceText(file: string): string {
  if (!/\.(ya?ml|json)$/i.test(file)) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const read = readBundleFile(file, { acceptReviewMarks: true });
  if (read.problems.length > 0) throw new BundleValidationError(read.problems);
  const resolved = resolveSourceText(file, (read.content as { source?: SourceTextFields } | null)?.source ?? {});
  if (!('text' in resolved)) throw new BundleValidationError([{ file, ...resolved }]);
  return resolved.text;
}

function printReport(report: SeedReport, dryRun: boolean): void {
  const relative = (file: string) => path.relative(process.cwd(), file);
  for (const { file, sourceId, coverage, change } of report.files) {
    const uncovered = coverage.uncovered
      .map((sentence) => `\n    sentence ${sentence.index} backs no fact: "${sentence.text}"`)
      .join('');
    console.log(
      `${relative(file)} (${sourceId}): coverage ${coverage.covered}/${coverage.total} sentences; ${describeChange(change)}${uncovered}`,
    );
    for (const { eventId, dates } of change.disputed) {
      console.log(
        `  disputed date of ${eventId}: ${dates.map((date) => `${date.iso} (${date.sourceId})`).join(' vs ')}`,
      );
    }
    for (const { eventId, types } of change.typeConflicts) {
      console.log(
        `  sources type ${eventId} differently: ${types.map((item) => `${item.type} (${item.sourceId})`).join(' vs ')}; the first-ranked claim's is shown (preferred, then earliest published)`,
      );
    }
    for (const { eventId, relation, ours, theirs } of change.linkConflicts) {
      console.log(
        `  conflict: ${eventId} ${relation === 'TOOK_PLACE_IN' ? 'took place in' : 'produced'} ${ours.join(', ')} by this source, ${theirs.join(', ')} by others; if it is another happening, drop its sameAs`,
      );
    }
    for (const { id, existingId, sharedParticipants, samePlace } of change.likelyDuplicates) {
      console.log(
        `  likely duplicate: ${id} looks like the existing ${existingId} (same type family, overlapping dates, both with ${sharedParticipants.join(', ')}${samePlace ? `, both in ${samePlace}` : ''}); if it is, give it sameAs: ${existingId}`,
      );
    }
  }
  for (const { file, id, into, by } of report.merged) {
    const how = by === 'sameAs' ? 'sameAs' : by === 'redirect' ? 'merged by an earlier load' : `same name "${by}"`;
    console.log(`${relative(file)}: "${id}" is the existing "${into}" (${how}); "${id}" redirects there`);
  }
  for (const conflict of report.aliasConflicts) {
    console.log(
      `${relative(conflict.file)}: ${conflict.label} "${conflict.id}" shares the name "${conflict.alias}" with ${conflict.otherLabel} "${conflict.otherId}"; check the labels`,
    );
  }
  console.log(
    dryRun
      ? `Dry run: ${report.nodesCreated} nodes and ${report.relationshipsCreated} relationships would be created; nothing was written.`
      : `Seeded: ${report.nodesCreated} nodes and ${report.relationshipsCreated} relationships created.`,
  );
}

function describeChange(change: SourceChange): string {
  const part = (what: string, counts: SourceChange['nodes']) =>
    `${what} ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.deleted} deleted`;
  return `${part('nodes', change.nodes)}; ${part('relationships', change.relationships)}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      process.exit(1);
    }
    if (
      error instanceof BundleValidationError ||
      error instanceof SourceInUseError ||
      error instanceof SourceNotFoundError
    ) {
      console.error(`${error.message}\nNothing was written.`);
      process.exit(1);
    }
    // Expected failures (Neo4j down, bad configuration) say what happened; anything else keeps its stack.
    const expected = error instanceof ConfigError || error instanceof LocalNeo4jError || error instanceof AppError;
    console.error(expected ? `${(error as Error).message}\nNothing was written.` : error);
    process.exit(2);
  },
);
