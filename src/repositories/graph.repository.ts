import neo4j from 'neo4j-driver';
import type { NodeModel, PathModel, RelationshipModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { knownAsOf } from './as-of-cypher';
import { nodeAsOf, relationshipAsOf } from './as-of-view';
import { NODE_PROJECTION, RELATIONSHIP_PROJECTION } from './node-mapper';
import { MEANINGFUL, shortestPathsUpTo, typesAt, typesBetween } from './path-query';

export interface PathQuery {
  readonly fromId: string;
  readonly toId: string;
  /** 1…6, validated by the service; spliced as the pattern's length. */
  readonly maxHops: number;
  /** 1…10, validated by the service. */
  readonly paths: number;
  /** Intermediate nodes with more relationships than this are not walked through. */
  readonly hubDegree: number;
  readonly timeoutMs: number;
  /** Intermediate events must overlap this period (days), when given. */
  readonly period: { readonly fromDay: string | null; readonly toDay: string | null } | null;
  /** Each event on the path no earlier than the previous one, from `fromId` to `toId`. */
  readonly chronological: boolean;
  /** As of this day (src/domain/as-of.ts): paths through what was known then; none from an end not known yet. */
  readonly asOf?: string | null;
}

export interface ShortestPaths {
  readonly paths: PathModel[];
  /** Whether each end exists, so that "no path" and "no such node" need no second query. */
  readonly fromExists: boolean;
  readonly toExists: boolean;
}

/**
 * Paths of one length fetched to choose among: the first this many the walk finds (in the store's
 * order, the same between requests), sorted so that ties come back the same way every time.
 */
const CANDIDATES_PER_LENGTH = 25;

/**
 * The `paths` shortest meaningful paths between two nodes, not walking through hubs, shortest
 * first, in two round trips: the ends (redirects, degrees, labels), then one query with a subquery
 * per length that walks out from the end with fewer relationships and stops once it has the paths
 * it needs. A head of state in a third of all events costs a path to it no more than anyone else
 * (its relationships are checked from the other side, never enumerated). Paths of one length are
 * ordered by their node ids, then relationship types and roles.
 */
export async function findShortestPaths(database: Database, query: PathQuery): Promise<ShortestPaths> {
  const hops = integerIn(query.maxHops, 1, 6);
  const k = integerIn(query.paths, 1, 10);
  const asOf = query.asOf ?? null;
  return database.read(
    'connections',
    async (tx) => {
      const ends = await tx.run(
        `OPTIONAL MATCH (a0:Entity|Event {id: $fromId})
         OPTIONAL MATCH (:Redirect {id: $fromId})-[:SAME_AS]->(a1)
         OPTIONAL MATCH (b0:Entity|Event {id: $toId})
         OPTIONAL MATCH (:Redirect {id: $toId})-[:SAME_AS]->(b1)
         WITH coalesce(a0, a1) AS a, coalesce(b0, b1) AS b
         RETURN a IS NOT NULL AS fromExists, b IS NOT NULL AS toExists, elementId(a) AS aKey, elementId(b) AS bKey, a.id AS aId, b.id AS bId, labels(a) AS aLabels, labels(b) AS bLabels,
           CASE WHEN a IS NULL THEN 0 ELSE COUNT { (a)--() } END AS aDegree, CASE WHEN b IS NULL THEN 0 ELSE COUNT { (b)--() } END AS bDegree,
           CASE WHEN a IS NULL THEN null ELSE ${NODE_PROJECTION('a', asOf !== null)} END AS aNode,
           coalesce(a.knownFrom <= $asOf AND b.knownFrom <= $asOf, $asOf IS NULL) AS known`,
        { fromId: query.fromId, toId: query.toId, asOf },
      );
      const end = ends.records[0];
      const fromExists = end?.get('fromExists') === true;
      const toExists = end?.get('toExists') === true;
      if (!end || !fromExists || !toExists || end.get('known') !== true) return { fromExists, toExists, paths: [] };
      // Two ids of one node (an id and its redirect): the path is the node itself.
      if (end.get('aKey') === end.get('bKey'))
        return {
          fromExists,
          toExists,
          paths: [{ nodes: [nodeAsOf(end.get('aNode'), asOf) as NodeModel], relationships: [] }],
        };

      const [aDegree, bDegree] = [Number(end.get('aDegree')), Number(end.get('bDegree'))];
      const reversed = bDegree < aDegree;
      const seekFarEnd = Math.max(aDegree, bDegree) <= query.hubDegree;
      const params = {
        anchor: end.get(reversed ? 'bKey' : 'aKey'),
        farId: end.get(reversed ? 'aId' : 'bId'),
        hubDegree: neo4j.int(query.hubDegree),
        candidates: neo4j.int(Math.max(k, CANDIDATES_PER_LENGTH)),
        fromDay: query.period?.fromDay ?? null,
        toDay: query.period?.toDay ?? null,
      };
      const farLabels = end.get(reversed ? 'aLabels' : 'bLabels') as string[];
      const anchorLabels = end.get(reversed ? 'bLabels' : 'aLabels') as string[];
      const shapes = Array.from({ length: hops }, (_, index) => index + 1).flatMap((length) => {
        const lastHopTypes = length === 1 ? typesBetween(anchorLabels, farLabels) : typesAt(farLabels);
        return lastHopTypes.length === 0
          ? []
          : [
              {
                length,
                reversed,
                period: query.period,
                chronological: query.chronological,
                lastHopTypes,
                seekFarEnd,
                asOf: asOf !== null,
              },
            ];
      });
      const withClaims = asOf !== null;
      const result = await tx.run(
        shortestPathsUpTo(
          shapes,
          (v) => NODE_PROJECTION(v, withClaims),
          (v) => RELATIONSHIP_PROJECTION(v, withClaims),
        ),
        { ...params, k: neo4j.int(k), asOf },
      );
      const found = result.records
        .map((record) => ({
          nodes: (record.get('nodes') as unknown[]).map((value) => nodeAsOf(value, asOf) as NodeModel),
          relationships: (record.get('relationships') as unknown[]).map(
            (value) => relationshipAsOf(value, asOf) as RelationshipModel,
          ),
        }))
        .map((path) =>
          reversed ? { nodes: [...path.nodes].reverse(), relationships: [...path.relationships].reverse() } : path,
        );
      return { fromExists, toExists, paths: found };
    },
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
  /** As of this day (src/domain/as-of.ts): what was known then; empty around a node not known yet. */
  asOf: string | null = null,
): Promise<{ nodes: NodeModel[]; relationships: RelationshipModel[] } | null> {
  const withClaims = asOf !== null;
  const known = (...names: string[]) => (asOf === null ? '' : names.map((name) => ` AND ${knownAsOf(name)}`).join(''));
  return database.read('neighborhood', async (tx) => {
    const start = await tx.run(
      `OPTIONAL MATCH (direct:Entity|Event {id: $id})
       OPTIONAL MATCH (:Redirect {id: $id})-[:SAME_AS]->(redirected)
       WITH coalesce(direct, redirected) AS n WHERE n IS NOT NULL
       RETURN elementId(n) AS key, ${NODE_PROJECTION('n', withClaims)} AS node`,
      { id },
    );
    const first = start.records[0];
    if (!first) return null;
    const origin = nodeAsOf(first.get('node'), asOf);
    if (!origin) return { nodes: [], relationships: [] };
    const seen = new Set<string>([first.get('key') as string]);
    const nodes: NodeModel[] = [origin];
    const relationships = new Map<string, RelationshipModel>();
    let frontier = [...seen];
    for (let level = 0; level < depth && frontier.length > 0; level += 1) {
      const next = await tx.run(
        `UNWIND $frontier AS key
         MATCH (x) WHERE elementId(x) = key
         CALL { WITH x MATCH (x)-[r:${MEANINGFUL}]-(y) WHERE NOT y:Source${known('r', 'y')} RETURN r, y LIMIT $perNode }
         RETURN elementId(r) AS relKey, ${RELATIONSHIP_PROJECTION('r', withClaims)} AS relationship, elementId(y) AS key, ${NODE_PROJECTION('y', withClaims)} AS node`,
        { frontier, perNode: neo4j.int(limit), asOf },
      );
      frontier = [];
      for (const record of next.records) {
        const key = record.get('key') as string;
        if (!seen.has(key) && seen.size < limit) {
          seen.add(key);
          frontier.push(key);
          nodes.push(nodeAsOf(record.get('node'), asOf) as NodeModel);
        }
        if (seen.has(key))
          relationships.set(
            record.get('relKey') as string,
            relationshipAsOf(record.get('relationship'), asOf) as RelationshipModel,
          );
      }
    }
    return { nodes, relationships: [...relationships.values()] };
  });
}

/** Guards a number that is spliced into Cypher. */
function integerIn(value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${value} is not an integer in ${min}…${max}`);
  return value;
}
