import path from 'node:path';
import { ConfigError, readConfig } from '../config';
import { createLocalNeo4j } from '../localdb/create';
import { LocalNeo4jError } from '../localdb/errors';
import { createLogger } from '../logger';
import { Database } from '../neo4j/database';
import { createDriver } from '../neo4j/driver';
import { projectRoot } from '../paths';
import { removeSource } from '../repositories/seed.repository';
import { defaultBundleFiles, seedBundles, type SeedReport } from './seed-loader';
import { BundleValidationError } from './validate-bundle';

/**
 * `npm run seed [-- files…]`: loads the given bundles (default: every bundle in seed/) into the
 * database NEO4J_URI names, or into the local Neo4j (started if needed).
 * `npm run seed -- --remove <sourceId>` retracts a source and what only it backs.
 * Exit codes: 0 loaded, 1 invalid bundle (nothing written), 2 any other failure.
 */
async function main(args: string[]): Promise<number> {
  const config = readConfig();
  let uri = config.neo4j.uri;
  if (uri === undefined) {
    const local = createLocalNeo4j(config);
    await local.start();
    uri = local.boltUri;
  }
  const driver = createDriver({ ...config.neo4j, uri }, createLogger('error'));
  try {
    const database = new Database(driver, config.neo4j.database, config.neo4j.queryTimeoutMs);
    if (args[0] === '--remove') {
      if (!args[1]) throw new Error('usage: npm run seed -- --remove <sourceId>');
      const deleted = await removeSource(database, args[1]);
      console.log(`Removed source ${args[1]}: ${deleted.nodes} nodes and ${deleted.relationships} relationships deleted.`);
      return 0;
    }
    const files = args.length > 0 ? args.map((file) => path.resolve(file)) : defaultBundleFiles(path.join(projectRoot(), 'seed'));
    printReport(await seedBundles(database, files, (stage) => console.log(`seed: ${stage}`)));
    return 0;
  } finally {
    await driver.close();
  }
}

function printReport(report: SeedReport): void {
  for (const { file, sourceId, coverage } of report.files) {
    const uncovered = coverage.uncovered.map((sentence) => `\n    sentence ${sentence.index} backs no fact: "${sentence.text}"`).join('');
    console.log(`${path.relative(process.cwd(), file)} (${sourceId}): coverage ${coverage.covered}/${coverage.total} sentences${uncovered}`);
  }
  for (const { file, id, into, by } of report.merged) {
    console.log(`${path.relative(process.cwd(), file)}: "${id}" is the existing "${into}" (same name "${by}")`);
  }
  console.log(`Seeded: ${report.nodesCreated} nodes and ${report.relationshipsCreated} relationships created (existing ones updated in place).`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof BundleValidationError) {
      console.error(`${error.message}\nNothing was written.`);
      process.exit(1);
    }
    console.error(error instanceof ConfigError || error instanceof LocalNeo4jError ? error.message : error);
    process.exit(2);
  },
);
