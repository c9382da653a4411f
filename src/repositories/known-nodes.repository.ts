import { matchKeyNeedle } from '../domain/claims';
import type { EntityLabel } from '../domain/model';
import type { ManagedTransaction } from 'neo4j-driver';

/** A stored entity or event that bundles may refer to. */
export interface KnownNode {
  readonly id: string;
  readonly label: EntityLabel | 'Event';
  readonly matchKeys: readonly string[];
}

/** A stored redirect: an id another bundle gave a node, kept resolvable. */
export interface KnownRedirect {
  readonly id: string;
  readonly target: string;
}

/**
 * What entity resolution needs from the database: the entities and events stored under these ids
 * (directly or through a redirect), and the entities whose normalised names are among these keys
 * (found through the text index on `matchKeyText`, so the cost does not grow with the graph).
 * Read in the loader's write transaction, after its lock: what it resolves against cannot change
 * before the load commits.
 */
export async function findKnownNodes(
  tx: ManagedTransaction,
  ids: readonly string[],
  keys: readonly string[],
): Promise<{ nodes: KnownNode[]; redirects: KnownRedirect[] }> {
  {
    const nodes = await tx.run(
      `CALL {
         UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n
         UNION
         UNWIND $ids AS id MATCH (n:Event {id: id}) RETURN n
         UNION
         UNWIND $ids AS id MATCH (:Redirect {id: id})-[:SAME_AS]->(n) RETURN n
         UNION
         UNWIND $needles AS needle MATCH (n:Entity) WHERE n.matchKeyText CONTAINS needle RETURN n
       }
       RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'Disputed']][0] AS label, coalesce(n.matchKeys, []) AS matchKeys`,
      { ids, needles: keys.map(matchKeyNeedle) },
    );
    const redirects = await tx.run(
      'UNWIND $ids AS id MATCH (r:Redirect {id: id})-[:SAME_AS]->(n) RETURN r.id AS id, n.id AS target',
      { ids },
    );
    return {
      nodes: nodes.records.map((record) => ({
        id: record.get('id'),
        label: record.get('label'),
        matchKeys: record.get('matchKeys'),
      })),
      redirects: redirects.records.map((record) => ({ id: record.get('id'), target: record.get('target') })),
    };
  }
}
