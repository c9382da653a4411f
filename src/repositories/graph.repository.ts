import neo4j from 'neo4j-driver';
import type { NodeModel, PathModel, RelationshipModel } from '../domain/types';
import { RELATIONSHIP_TYPES } from '../domain/model';
import type { Database } from '../neo4j/database';
import { NODE_PROJECTION, RELATIONSHIP_PROJECTION, toNodeModel, toRelationshipModel } from './node-mapper';

/**
 * Relationships a path or neighbourhood may follow: the model's facts, never the calendar tree
 * (ON_DAY, HAS_DAY…) nor MENTIONED_IN, so two events are not "connected" by a shared day or source.
 */
const MEANINGFUL = RELATIONSHIP_TYPES.join('|');

export interface PathQuery {
  readonly fromId: string;
  readonly toId: string;
  /** 1…6, validated by the service; spliced as the quantifier bound (Cypher takes no parameter there). */
  readonly maxHops: number;
  /** 1…10, validated by the service; spliced as SHORTEST k. */
  readonly paths: number;
  /** Intermediate nodes with more relationships than this are not walked through. */
  readonly hubDegree: number;
  readonly timeoutMs: number;
}

export interface ShortestPaths {
  readonly paths: PathModel[];
  /** Whether each end exists, so that "no path" and "no such node" need no second query. */
  readonly fromExists: boolean;
  readonly toExists: boolean;
}

/** The k shortest meaningful paths between two nodes, skipping hubs in the middle. */
export async function findShortestPaths(database: Database, query: PathQuery): Promise<ShortestPaths> {
  const hops = integerIn(query.maxHops, 1, 6);
  const k = integerIn(query.paths, 1, 10);
  return database.read(
    async (tx) => {
      const result = await tx.run(
        `OPTIONAL MATCH (a0:Entity|Event {id: $fromId})
         OPTIONAL MATCH (:Redirect {id: $fromId})-[:SAME_AS]->(a1)
         OPTIONAL MATCH (b0:Entity|Event {id: $toId})
         OPTIONAL MATCH (:Redirect {id: $toId})-[:SAME_AS]->(b1)
         WITH coalesce(a0, a1) AS a, coalesce(b0, b1) AS b
         CALL {
           WITH a, b
           MATCH p = SHORTEST ${k} (a) (()-[:${MEANINGFUL}]-(n) WHERE n = b OR (NOT n:Source AND COUNT { (n)--() } <= $hubDegree)){1,${hops}} (b)
           WITH p ORDER BY length(p)
           RETURN collect({nodes: [x IN nodes(p) | ${NODE_PROJECTION('x')}], relationships: [r IN relationships(p) | ${RELATIONSHIP_PROJECTION('r')}]}) AS paths
         }
         RETURN a IS NOT NULL AS fromExists, b IS NOT NULL AS toExists, paths`,
        { fromId: query.fromId, toId: query.toId, hubDegree: neo4j.int(query.hubDegree) },
      );
      const record = result.records[0];
      const paths = (record?.get('paths') ?? []) as { nodes: unknown[]; relationships: unknown[] }[];
      return {
        fromExists: record?.get('fromExists') === true,
        toExists: record?.get('toExists') === true,
        paths: paths.map((path) => ({
          nodes: path.nodes.map(toNodeModel),
          relationships: path.relationships.map(toRelationshipModel),
        })),
      };
    },
    { query: 'connections' },
    query.timeoutMs,
  );
}

/**
 * The subgraph around a node, breadth first up to `depth` hops and `limit` nodes, with the
 * relationships walked to reach them. Each node is expanded by at most `limit` relationships, so a
 * hub (a head of state in 100,000 events) costs no more than any other node. One round trip per level.
 */
export async function expandNeighborhood(
  database: Database,
  id: string,
  depth: number,
  limit: number,
): Promise<{ nodes: NodeModel[]; relationships: RelationshipModel[] } | null> {
  return database.read(
    async (tx) => {
      const start = await tx.run(
        `OPTIONAL MATCH (direct:Entity|Event {id: $id})
       OPTIONAL MATCH (:Redirect {id: $id})-[:SAME_AS]->(redirected)
       WITH coalesce(direct, redirected) AS n WHERE n IS NOT NULL
       RETURN elementId(n) AS key, ${NODE_PROJECTION('n')} AS node`,
        { id },
      );
      const first = start.records[0];
      if (!first) return null;
      const seen = new Set<string>([first.get('key') as string]);
      const nodes: NodeModel[] = [toNodeModel(first.get('node'))];
      const relationships = new Map<string, RelationshipModel>();
      let frontier = [...seen];
      for (let level = 0; level < depth && frontier.length > 0; level += 1) {
        const next = await tx.run(
          `UNWIND $frontier AS key
         MATCH (x) WHERE elementId(x) = key
         CALL { WITH x MATCH (x)-[r:${MEANINGFUL}]-(y) WHERE NOT y:Source RETURN r, y LIMIT $perNode }
         RETURN elementId(r) AS relKey, ${RELATIONSHIP_PROJECTION('r')} AS relationship, elementId(y) AS key, ${NODE_PROJECTION('y')} AS node`,
          { frontier, perNode: neo4j.int(limit) },
        );
        frontier = [];
        for (const record of next.records) {
          const key = record.get('key') as string;
          if (!seen.has(key) && seen.size < limit) {
            seen.add(key);
            frontier.push(key);
            nodes.push(toNodeModel(record.get('node')));
          }
          if (seen.has(key))
            relationships.set(record.get('relKey') as string, toRelationshipModel(record.get('relationship')));
        }
      }
      return { nodes, relationships: [...relationships.values()] };
    },
    { query: 'neighborhood' },
  );
}

/** Guards a number that is spliced into Cypher. */
function integerIn(value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${value} is not an integer in ${min}…${max}`);
  return value;
}
