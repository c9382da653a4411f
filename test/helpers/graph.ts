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

/** A raw snapshot as sorted canonical strings, so that two graphs compare with toEqual. */
export function toSnapshot(raw: RawSnapshot): GraphSnapshot {
  const sortedJson = (value: unknown) => JSON.stringify(sortKeys(value));
  return {
    nodes: raw.nodes.map((node) => sortedJson({ labels: [...node.labels].sort(), props: node.props })).sort(),
    relationships: raw.relationships.map((relationship) => sortedJson(relationship)).sort(),
  };
}

/** Every node and relationship of the model as plain values (dates as ISO strings). */
export async function readGraph(database: Database): Promise<RawSnapshot> {
  return database.read(async (tx) => {
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
      nodes: nodes.records.map((r) => ({ labels: r.get('labels') as string[], props: toNative(r.get('props')) as Record<string, unknown> })),
      relationships: relationships.records.map((r) => toNative(r.toObject()) as RawSnapshot['relationships'][number]),
    };
  });
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** Counts of nodes per label combination and relationships per type. */
export async function countGraph(database: Database): Promise<{ labels: Record<string, number>; types: Record<string, number> }> {
  return database.read(async (tx) => {
    const labels = await tx.run(
      `MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels)
       UNWIND labels(n) AS label WITH label WHERE label IN $labels RETURN label, count(*) AS count`,
      { labels: MODEL_LABELS },
    );
    const types = await tx.run(
      `MATCH (a)-[r]->() WHERE any(l IN labels(a) WHERE l IN $labels) RETURN type(r) AS type, count(*) AS count`,
      { labels: MODEL_LABELS },
    );
    return {
      labels: Object.fromEntries(labels.records.map((r) => [r.get('label'), r.get('count').toNumber()])),
      types: Object.fromEntries(types.records.map((r) => [r.get('type'), r.get('count').toNumber()])),
    };
  });
}
