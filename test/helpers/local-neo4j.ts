import { randomBytes } from 'node:crypto';
import { readConfig } from '../../src/config';
import { createLocalNeo4j } from '../../src/localdb/create';
import { createLogger } from '../../src/logger';
import type { Database } from '../../src/neo4j/database';
import { connectDatabase } from '../../src/neo4j/driver';
import type { LocalNeo4j } from '../../src/localdb/instance';
import { findFreePort } from '../../src/localdb/ports';

/** The password of every throwaway test database. */
export const TEST_PASSWORD = 'timeline-test';

/** A throwaway local Neo4j on free ports, with its own data folder; destroy() it when done. */
export async function createDisposableNeo4j(
  prefix: string,
  ports: { boltPort?: number; httpPort?: number } = {},
): Promise<LocalNeo4j> {
  const config = readConfig({
    ...process.env,
    NEO4J_PASSWORD: TEST_PASSWORD,
    LOCAL_NEO4J_HEAP: '512m',
    LOCAL_NEO4J_PAGECACHE: '128m',
  });
  return createLocalNeo4j(config, {
    name: `${prefix}-${process.pid}-${randomBytes(3).toString('hex')}`,
    boltPort: ports.boltPort ?? (await findFreePort()),
    httpPort: ports.httpPort ?? (await findFreePort()),
    log: (line) => process.stderr.write(`[neo4j ${prefix}] ${line}\n`),
  });
}

/** A started throwaway Neo4j with a driver and a Database on it; `close()` stops and removes it. */
export interface DisposableDatabase {
  readonly neo4j: LocalNeo4j;
  readonly database: Database;
  close(): Promise<void>;
}

export async function startDisposableDatabase(prefix: string): Promise<DisposableDatabase> {
  const neo4j = await createDisposableNeo4j(prefix);
  await neo4j.start();
  const config = readConfig({ ...process.env, NEO4J_URI: neo4j.boltUri, NEO4J_PASSWORD: TEST_PASSWORD });
  const connection = connectDatabase(config.neo4j, neo4j.boltUri, createLogger('silent'), 60_000);
  return {
    neo4j,
    database: connection.database,
    async close() {
      await connection.close();
      await neo4j.stop();
      neo4j.destroy();
    },
  };
}
