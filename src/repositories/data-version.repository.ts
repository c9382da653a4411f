import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../neo4j/database';
import { toSafeNumber } from '../neo4j/values';

/**
 * The graph's data version: one `(:DataVersion {id: 'graph'})` node whose `version` every load and
 * retraction increments in its own transaction. Every writer takes its lock first, so writes are
 * serialised across processes and replicas (no two loads of a source interleave), and readers
 * learn that the graph changed with one index lookup.
 */
export const VERSION_ID = 'graph';

/** Locks the data version for this transaction and increments it (seen by others at commit). */
export async function bumpDataVersion(tx: ManagedTransaction): Promise<number> {
  const result = await tx.run(
    `MERGE (v:DataVersion {id: $id})
     SET v.version = coalesce(v.version, 0) + 1, v.changedAt = datetime()
     RETURN v.version AS version`,
    { id: VERSION_ID },
  );
  return toSafeNumber(result.records[0]?.get('version'));
}

/** The committed data version (0 before the first write). */
export async function readDataVersion(database: Database): Promise<number> {
  return database.read('data-version', async (tx) => {
    const result = await tx.run('OPTIONAL MATCH (v:DataVersion {id: $id}) RETURN v.version AS version', {
      id: VERSION_ID,
    });
    return toSafeNumber(result.records[0]?.get('version') ?? 0);
  });
}
