import { randomBytes } from 'node:crypto';
import { readConfig } from '../../src/config';
import { createLocalNeo4j } from '../../src/localdb/create';
import type { LocalNeo4j } from '../../src/localdb/instance';
import { findFreePort } from '../../src/localdb/ports';

/** The password of every throwaway test database. */
export const TEST_PASSWORD = 'timeline-test';

/** A throwaway local Neo4j on free ports, with its own data folder; destroy() it when done. */
export async function createDisposableNeo4j(prefix: string, ports: { boltPort?: number; httpPort?: number } = {}): Promise<LocalNeo4j> {
  const config = readConfig({ ...process.env, NEO4J_PASSWORD: TEST_PASSWORD, LOCAL_NEO4J_HEAP: '512m', LOCAL_NEO4J_PAGECACHE: '128m' });
  return createLocalNeo4j(config, {
    name: `${prefix}-${process.pid}-${randomBytes(3).toString('hex')}`,
    boltPort: ports.boltPort ?? (await findFreePort()),
    httpPort: ports.httpPort ?? (await findFreePort()),
    log: (line) => process.stderr.write(`[neo4j ${prefix}] ${line}\n`),
  });
}
