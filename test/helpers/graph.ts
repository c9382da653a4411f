import path from 'node:path';
import { CALENDAR_LABELS, ENTITY_LABELS } from '../../src/domain/model';
import type { Database } from '../../src/neo4j/database';
import { toNative } from '../../src/neo4j/values';

export const SEED_DIR = path.resolve(__dirname, '../../seed');
export const ARTICLE_BUNDLE = path.join(SEED_DIR, '000_4ba673f477d783a2.yaml');
export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures');

const MODEL_LABELS = [...ENTITY_LABELS, 'Entity', 'Event', 'Disputed', 'Source', 'Redirect', ...CALENDAR_LABELS];

export interface GraphSnapshot {
  readonly nodes: string[];
  readonly relationships: string[];
}

export interface RawSnapshot {
  readonly nodes: { labels: string[]; props: Record<string, unknown> }[];
  readonly relationships: { from: string; type: string; to: string; props: Record<string, unknown> }[];
}

/** Every node and relationship of the model (labels, type, all properties), as sorted strings. */
export async function snapshotGraph(database: Database): Promise<GraphSnapshot> {
  return toSnapshot(await readGraph(database));
}

/**
 * A raw snapshot as sorted canonical strings, so that two graphs compare with toEqual. Record
 * times (when each load ran) are left out: two graphs loaded apart differ in them and in nothing
 * else (test/integration/as-of.int.test.ts checks them).
 */
export function toSnapshot(raw: RawSnapshot): GraphSnapshot {
  const sortedJson = (value: unknown) => JSON.stringify(sortKeys(value));
  const withoutRecordTimes = ({
    nodeRecordedAt: _nodes,
    relationshipRecordedAt: _relationships,
    recordedAt: _source,
    ...props
  }: Record<string, unknown>) => props;
  return {
    nodes: raw.nodes
      .map((node) => sortedJson({ labels: [...node.labels].sort(), props: withoutRecordTimes(node.props) }))
      .sort(),
    relationships: raw.relationships.map((relationship) => sortedJson(relationship)).sort(),
  };
}

/** Every node and relationship of the model as plain values (dates as ISO strings). */
export async function readGraph(database: Database): Promise<RawSnapshot> {
  return database.read('test', async (tx) => {
    const nodes = await tx.run(
      `MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels)
       RETURN labels(n) AS labels, properties(n) AS props`,
      { labels: MODEL_LABELS },
    );
    const relationships = await tx.run(
      `MATCH (a)-[r]->(b) WHERE any(l IN labels(a) WHERE l IN $labels)
       RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props`,
      { labels: MODEL_LABELS },
    );
    return {
      nodes: nodes.records.map((r) => ({
        labels: r.get('labels') as string[],
        props: toNative(r.get('props')) as Record<string, unknown>,
      })),
      relationships: relationships.records.map((r) => toNative(r.toObject()) as RawSnapshot['relationships'][number]),
    };
  });
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * What one source put in the graph, counted per label and relationship type: the nodes and
 * relationships it claims, its Source node and MENTIONED_IN links, the calendar nodes its events
 * sit on and the calendar links among them. Scoped to the source, so the counts hold in a
 * database that also holds other data (NEO4J_URI may name one).
 */
export async function countSourceGraph(
  database: Database,
  sourceId: string,
): Promise<{ labels: Record<string, number>; types: Record<string, number> }> {
  return database.read('test', async (tx) => {
    const result = await tx.run(
      `MATCH (s:Source {id: $sourceId})
       CALL {
         WITH s UNWIND s.nodeIds AS id OPTIONAL MATCH (a:Entity {id: id}) OPTIONAL MATCH (b:Event {id: id}) RETURN coalesce(a, b) AS n
         UNION WITH s RETURN s AS n
         UNION WITH s MATCH (s)<-[:MENTIONED_IN]-(:Event)-[:ON_DAY|IN_MONTH|IN_YEAR]->(c) RETURN c AS n
         UNION WITH s MATCH (s)<-[:MENTIONED_IN]-(:Event)-[:ON_DAY|IN_MONTH|IN_YEAR]->()<-[:HAS_DAY|HAS_MONTH*1..2]-(c) RETURN c AS n
       }
       WITH collect(DISTINCT n) AS nodes
       CALL {
         WITH nodes UNWIND nodes AS n UNWIND labels(n) AS label RETURN collect(label) AS labels
       }
       CALL {
         WITH nodes UNWIND nodes AS a MATCH (a)-[r]->(b) WHERE b IN nodes AND ($sourceId IN r.sourceIds OR type(r) IN ['HAS_DAY', 'HAS_MONTH'])
         RETURN collect(type(r)) AS types
       }
       RETURN labels, types`,
      { sourceId },
    );
    const tally = (values: string[]) =>
      values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});
    const record = result.records[0];
    return { labels: tally(record?.get('labels') ?? []), types: tally(record?.get('types') ?? []) };
  });
}
