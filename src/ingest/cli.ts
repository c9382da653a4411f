import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError, readConfig } from '../config';
import { createLocalNeo4j } from '../localdb/create';
import { LocalNeo4jError } from '../localdb/errors';
import { createLogger } from '../logger';
import { connectDatabase } from '../neo4j/driver';
import { projectRoot } from '../paths';
import { SourceInUseError, SourceNotFoundError, type SourceChange } from './apply-source';
import { splitSentences } from './sentences';
import { resolveSourceText, type SourceTextFields } from './source-text';
import { defaultBundleFiles, retractSource, seedBundles, type SeedReport } from './seed-loader';
import { BundleValidationError } from './validate-bundle';

/**
 * `npm run seed -- --sentences <bundle | text>` prints the source text's sentences, numbered as
 * evidence's `sentence` counts them (nothing is loaded).
 * `npm run seed [-- files…]`: loads the given bundles (default: every bundle in seed/) into the
 * database NEO4J_URI names, or into the local Neo4j (started if needed).
 * `npm run seed -- --remove <sourceId>` retracts a source's claims and what only it backs.
 * Exit codes: 0 done, 1 invalid bundle or refused retraction (nothing written), 2 any other failure.
 */
async function main(args: string[]): Promise<number> {
  if (args[0] === '--sentences') {
    if (!args[1]) throw new Error('usage: npm run seed -- --sentences <bundle.yaml | article.txt>');
    for (const sentence of splitSentences(readSourceText(args[1]))) console.log(`[${sentence.index}] ${sentence.text}`);
    return 0;
  }
  const config = readConfig();
  let uri = config.neo4j.uri;
  if (uri === undefined) {
    const local = createLocalNeo4j(config);
    await local.start();
    uri = local.boltUri;
  }
  const { database, close } = connectDatabase(config.neo4j, uri, createLogger('error'));
  try {
    if (args[0] === '--remove') {
      if (!args[1]) throw new Error('usage: npm run seed -- --remove <sourceId>');
      const change = await retractSource(database, args[1]);
      console.log(`Retracted source ${args[1]}: ${describeChange(change)}.`);
      return 0;
    }
    const files =
      args.length > 0 ? args.map((file) => path.resolve(file)) : defaultBundleFiles(path.join(projectRoot(), 'seed'));
    printReport(await seedBundles(database, files, (stage) => console.log(`seed: ${stage}`)));
    return 0;
  } finally {
    await close();
  }
}

/** A text file as it is, or a bundle's source text (inline, or the file `source.textFile` names). */
function readSourceText(file: string): string {
  if (!/\.ya?ml$/.test(file)) return readFileSync(file, 'utf8');
  const content = parseDocument(readFileSync(file, 'utf8')).toJS() as { source?: SourceTextFields } | null;
  const resolved = resolveSourceText(file, content?.source ?? {});
  if (!('text' in resolved)) throw new Error(`${file}: ${resolved.path}: ${resolved.message}`);
  return resolved.text;
}

function printReport(report: SeedReport): void {
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
        `  sources type ${eventId} differently: ${types.map((item) => `${item.type} (${item.sourceId})`).join(' vs ')}; the earliest source's is shown`,
      );
    }
    for (const { id, existingId, sharedParticipants } of change.likelyDuplicates) {
      console.log(
        `  likely duplicate: ${id} looks like the existing ${existingId} (same type, overlapping dates, both with ${sharedParticipants.join(', ')}); if it is, give it sameAs: ${existingId}`,
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
  console.log(`Seeded: ${report.nodesCreated} nodes and ${report.relationshipsCreated} relationships created.`);
}

function describeChange(change: SourceChange): string {
  const part = (what: string, counts: SourceChange['nodes']) =>
    `${what} ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.deleted} deleted`;
  return `${part('nodes', change.nodes)}; ${part('relationships', change.relationships)}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof BundleValidationError ||
      error instanceof SourceInUseError ||
      error instanceof SourceNotFoundError
    ) {
      console.error(`${error.message}\nNothing was written.`);
      process.exit(1);
    }
    console.error(error instanceof ConfigError || error instanceof LocalNeo4jError ? error.message : error);
    process.exit(2);
  },
);
