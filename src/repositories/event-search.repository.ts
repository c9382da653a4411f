import type { ManagedTransaction } from 'neo4j-driver';
import { ENTITY_LABELS } from '../domain/model';
import { eventSearchFields, nameVariantText, type NamedNode } from '../domain/search-text';
import type { Database } from '../neo4j/database';

/** How far up PART_OF an event inherits the place of a larger event ("the talks" of a visit held in Pyongyang). */
const PLACE_INHERITANCE_HOPS = 3;

/** Relationships whose ends make an event's searchable text: participants, places, agreements, larger events. */
const NAMED_BY = 'PARTICIPATED_IN|TOOK_PLACE_IN|PRODUCED|CONCERNS';

/** The events whose searchable text names one of these entities (as participant, place or agreement). */
export async function findEventsNamingEntities(
  tx: ManagedTransaction,
  entityIds: readonly string[],
): Promise<string[]> {
  if (entityIds.length === 0) return [];
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (:Entity {id: id})-[:${NAMED_BY}]-(e:Event)
     RETURN collect(DISTINCT e.id) AS ids`,
    { ids: [...new Set(entityIds)] },
  );
  return (result.records[0]?.get('ids') as string[] | undefined) ?? [];
}

/**
 * Recomputes the searchable text (src/domain/search-text.ts) of these events and of the events
 * within them (which inherit their place), from the graph as it now is: called after a load or a
 * retraction changed what the events are linked to, so the text never keeps a retracted name.
 */
export async function refreshEventSearchText(tx: ManagedTransaction, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (root:Event {id: id})
     MATCH (e:Event)-[:PART_OF*0..${PLACE_INHERITANCE_HOPS}]->(root)
     WITH DISTINCT e
     RETURN e.id AS id, e.type AS type, e.dateIso AS dateIso, e.endDateIso AS endDateIso,
       COLLECT { MATCH (p:Entity)-[:PARTICIPATED_IN]->(e) RETURN DISTINCT ${NAMED('p')} } AS participants,
       COLLECT { MATCH (e)-[:PART_OF*0..${PLACE_INHERITANCE_HOPS}]->(:Event)-[:TOOK_PLACE_IN]->(p:Entity) RETURN DISTINCT ${NAMED('p')} } AS places,
       COLLECT { MATCH (e)-[:PRODUCED|CONCERNS]->(p:Agreement) RETURN DISTINCT ${NAMED('p')} } AS agreements`,
    { ids: [...new Set(eventIds)] },
  );
  const rows = result.records.map((record) => ({
    id: record.get('id') as string,
    fields: eventSearchFields({
      type: record.get('type') as string,
      dateIso: record.get('dateIso') as string,
      endDateIso: (record.get('endDateIso') as string | null) ?? null,
      participants: (record.get('participants') as RawNamed[]).map(toNamedNode),
      places: (record.get('places') as RawNamed[]).map(toNamedNode),
      agreements: (record.get('agreements') as RawNamed[]).map(toNamedNode),
    }),
  }));
  await tx.run('UNWIND $rows AS row MATCH (e:Event {id: row.id}) SET e += row.fields', { rows });
}

/** Nodes per transaction when the searchable text of a whole graph is computed. */
const BACKFILL_BATCH = 2_000;

/**
 * Computes the stored searchable text of every entity and event, batch by batch in id order (for a
 * graph stored before the text existed or in an older format); idempotent.
 */
export async function backfillSearchText(database: Database): Promise<void> {
  for (let after = ''; ; ) {
    const last = await database.write('search-text-backfill', async (tx) => {
      const result = await tx.run(
        `MATCH (n:Entity) WHERE n.id > $after
         WITH n ORDER BY n.id LIMIT toInteger($limit)
         RETURN ${NAMED('n')} AS node`,
        { after, limit: BACKFILL_BATCH },
      );
      const rows = result.records.map((record) => {
        const node = toNamedNode(record.get('node') as RawNamed);
        return { id: node.id, variants: nameVariantText(node) };
      });
      await tx.run('UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n.nameVariants = row.variants', { rows });
      return rows.at(-1)?.id;
    });
    if (last === undefined) break;
    after = last;
  }
  for (let after = ''; ; ) {
    const last = await database.write('search-text-backfill', async (tx) => {
      const result = await tx.run(
        `MATCH (e:Event) WHERE e.id > $after
         WITH e.id AS id ORDER BY id LIMIT toInteger($limit)
         RETURN collect(id) AS ids`,
        { after, limit: BACKFILL_BATCH },
      );
      const ids = (result.records[0]?.get('ids') as string[] | undefined) ?? [];
      await refreshEventSearchText(tx, ids);
      return ids.at(-1);
    });
    if (last === undefined) break;
    after = last;
  }
}

interface RawNamed {
  id: string;
  name: string;
  nameEn: string | null;
  aliases: string[] | null;
  labels: string[];
}

function NAMED(variable: string): string {
  return `${variable} {.id, .name, .nameEn, .aliases, labels: labels(${variable})}`;
}

function toNamedNode(raw: RawNamed): NamedNode {
  return {
    id: raw.id,
    label: raw.labels.find((label) => (ENTITY_LABELS as readonly string[]).includes(label)) ?? 'Entity',
    name: raw.name,
    nameEn: raw.nameEn ?? null,
    aliases: raw.aliases ?? [],
  };
}
