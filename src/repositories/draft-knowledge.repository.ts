import neo4j from 'neo4j-driver';
import type { EntityLabel } from '../domain/model';
import type { Database } from '../neo4j/database';
import { toNeo4jDate } from '../neo4j/values';

/** A stored entity with every name a draft may find it by. */
export interface StoredEntityNames {
  readonly id: string;
  readonly label: EntityLabel;
  readonly name: string;
  readonly nameEn: string;
  readonly aliases: readonly string[];
  /** An agreement's areas in every language ("educação médica", "medical education"), which name it in a list of agreements. */
  readonly areas: readonly string[];
}

/** A stored event with what a draft compares to call a new event the same happening. */
export interface StoredEventOutline {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly dateIso: string;
  /** Ids of the entities that took part in it. */
  readonly participants: readonly string[];
  /** Ids of the agreements it produced (a signing's treaty). */
  readonly agreements: readonly string[];
}

/**
 * What the drafter reuses from the graph: entities with their names (at most `limit`), and the
 * events whose dates overlap [from, to] (YYYY-MM-DD) with their participants (at most `limit`).
 */
export async function findDraftKnowledge(
  database: Database,
  period: { from: string; to: string },
  limit: number,
): Promise<{ entities: StoredEntityNames[]; events: StoredEventOutline[] }> {
  return database.read('draft-knowledge', async (tx) => {
    const entities = await tx.run(
      `MATCH (n:Entity)
       RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'Disputed']][0] AS label,
              n.name AS name, coalesce(n.nameEn, n.name) AS nameEn,
              coalesce(n.aliases, []) AS aliases, coalesce(n.areas, []) + coalesce(n.areasEn, []) AS areas
       LIMIT $limit`,
      { limit: neo4j.int(limit) },
    );
    const events = await tx.run(
      `MATCH (e:Event)
       WHERE e.dateLatest >= $from AND e.dateEarliest <= $to
       WITH e LIMIT $limit
       RETURN e.id AS id, e.type AS type, e.title AS title, e.dateIso AS dateIso,
              COLLECT { MATCH (p:Entity)-[:PARTICIPATED_IN]->(e) RETURN DISTINCT p.id } AS participants,
              COLLECT { MATCH (e)-[:PRODUCED]->(a:Entity) RETURN DISTINCT a.id } AS agreements`,
      { from: toNeo4jDate(period.from), to: toNeo4jDate(period.to), limit: neo4j.int(limit) },
    );
    return {
      entities: entities.records.map((record) => ({
        id: record.get('id'),
        label: record.get('label'),
        name: record.get('name'),
        nameEn: record.get('nameEn'),
        aliases: record.get('aliases'),
        areas: record.get('areas'),
      })),
      events: events.records.map((record) => ({
        id: record.get('id'),
        type: record.get('type'),
        title: record.get('title'),
        dateIso: record.get('dateIso'),
        participants: record.get('participants'),
        agreements: record.get('agreements'),
      })),
    };
  });
}
