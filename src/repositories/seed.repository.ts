import type { ManagedTransaction } from 'neo4j-driver';
import { CALENDAR_LINK, ENTITY_LABELS, RELATIONSHIP_TYPES } from '../domain/model';
import type { KnownNode } from '../ingest/resolve-entities';
import type { Database } from '../neo4j/database';
import { withIntegerFields } from '../neo4j/values';
import { evidencePrefix, type GraphRecords, type RelationshipRecord } from '../ingest/graph-records';

export interface WriteCounts {
  nodes: number;
  relationships: number;
}

const BATCH = 500;

const DATE_INTEGER_FIELDS = ['Year', 'Month', 'Day'].flatMap((part) => ['date', 'endDate', 'reported', 'published'].map((prefix) => `${prefix}${part}`));


/** Replaces this source's evidence on n (or r), keeping other sources'; so reloads change nothing. */
const MERGE_EVIDENCE = (variable: string, evidence = 'row.props.evidence') =>
  `${variable}.evidence = [e IN coalesce(${variable}.evidence, []) WHERE NOT e STARTS WITH $prefix] + ${evidence},
   ${variable}.sourceIds = CASE WHEN $sourceId IN coalesce(${variable}.sourceIds, []) THEN ${variable}.sourceIds
                             ELSE coalesce(${variable}.sourceIds, []) + $sourceId END`;

/** Entities and events that already exist under these ids, or whose match keys are among these. */
export async function findKnownNodes(database: Database, ids: readonly string[], keys: readonly string[]): Promise<KnownNode[]> {
  return database.read(async (tx) => {
    const result = await tx.run(
      `CALL {
         UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n
         UNION
         UNWIND $ids AS id MATCH (n:Event {id: id}) RETURN n
         UNION
         UNWIND $keys AS key MATCH (n:Entity) WHERE key IN n.matchKeys RETURN n
       }
       RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, coalesce(n.matchKeys, []) AS matchKeys`,
      { ids, keys },
    );
    return result.records.map((record) => ({ id: record.get('id'), label: record.get('label'), matchKeys: record.get('matchKeys') }));
  });
}

/** Writes one bundle's records inside the caller's transaction with UNWIND … MERGE batches. */
export async function writeGraphRecords(tx: ManagedTransaction, records: GraphRecords, labelOf: (id: string) => string): Promise<WriteCounts> {
  const params = { sourceId: records.sourceId, prefix: evidencePrefix(records.sourceId) };
  const counts: WriteCounts = { nodes: 0, relationships: 0 };
  /** Runs cypher over rows in batches; returns the sum of a `written` column when the query has one. */
  const run = async (cypher: string, rows: readonly unknown[]): Promise<number> => {
    let written = 0;
    for (let index = 0; index < rows.length; index += BATCH) {
      const result = await tx.run(cypher, { ...params, rows: rows.slice(index, index + BATCH) });
      const updates = result.summary.counters.updates();
      counts.nodes += updates.nodesCreated;
      counts.relationships += updates.relationshipsCreated;
      written += result.records.reduce((sum, record) => sum + Number(record.get('written')), 0);
    }
    return written;
  };

  await run(
    `UNWIND $rows AS row
     MERGE (s:Source {id: row.id})
     SET s += row, s.publishedEarliest = date(row.publishedEarliest), s.publishedLatest = date(row.publishedLatest)`,
    [withIntegerFields(records.source, DATE_INTEGER_FIELDS)],
  );

  for (const label of ENTITY_LABELS) {
    const rows = records.entities.filter((entity) => entity.label === label);
    if (rows.length === 0) continue;
    // The first source to name an entity sets its name; later ones add aliases and evidence.
    await run(
      `UNWIND $rows AS row
       MERGE (n:Entity:${label} {id: row.id})
       SET n.kind = row.props.kind,
           n.name = coalesce(n.name, row.props.name),
           n.nameEn = coalesce(n.nameEn, row.props.nameEn),
           n.subtype = coalesce(n.subtype, row.props.subtype),
           n.description = coalesce(n.description, row.props.description),
           n.descriptionEn = coalesce(n.descriptionEn, row.props.descriptionEn),
           n.areas = coalesce(n.areas, row.props.areas),
           n.areasEn = coalesce(n.areasEn, row.props.areasEn),
           n.aliases = coalesce(n.aliases, []) + [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])],
           n.matchKeys = coalesce(n.matchKeys, []) + [k IN row.matchKeys WHERE NOT k IN coalesce(n.matchKeys, [])],
           ${MERGE_EVIDENCE('n')}
       SET n.aliasText = reduce(text = '', a IN n.aliases | text + ' | ' + a)`,
      rows,
    );
  }

  await run(
    `UNWIND $rows AS row
     MERGE (e:Event {id: row.id})
     SET e += row.props, ${MERGE_EVIDENCE('e')}
     SET e.dateEarliest = date(e.dateEarliest), e.dateLatest = date(e.dateLatest),
         e.endDateEarliest = date(e.endDateEarliest), e.endDateLatest = date(e.endDateLatest),
         e.reportedEarliest = date(e.reportedEarliest), e.reportedLatest = date(e.reportedLatest)`,
    records.events.map((event) => ({ ...event, props: withIntegerFields(event.props, DATE_INTEGER_FIELDS) })),
  );

  for (const [precision, link] of Object.entries(CALENDAR_LINK)) {
    const rows = records.calendarDays.filter((day) => day.precision === precision);
    if (rows.length === 0) continue;
    const calendarNode = {
      YEAR: 'MERGE (c:Year {id: toString(row.year)}) ON CREATE SET c.year = row.year',
      MONTH: `MERGE (y:Year {id: toString(row.year)}) ON CREATE SET y.year = row.year
              MERGE (c:Month {id: toString(row.year) + '-' + right('0' + toString(row.month), 2)}) ON CREATE SET c.year = row.year, c.month = row.month
              MERGE (y)-[:HAS_MONTH]->(c)`,
      DAY: `MERGE (y:Year {id: toString(row.year)}) ON CREATE SET y.year = row.year
            MERGE (m:Month {id: toString(row.year) + '-' + right('0' + toString(row.month), 2)}) ON CREATE SET m.year = row.year, m.month = row.month
            MERGE (y)-[:HAS_MONTH]->(m)
            WITH row, m, date({year: row.year, month: row.month, day: row.day}) AS day
            MERGE (c:Day {id: toString(day)}) ON CREATE SET c.date = day, c.year = row.year, c.month = row.month, c.day = row.day
            MERGE (m)-[:HAS_DAY]->(c)`,
    }[precision as keyof typeof CALENDAR_LINK];
    await run(
      `UNWIND $rows AS row
       ${calendarNode}
       WITH row, c
       MATCH (e:Event {id: row.eventId})
       MERGE (e)-[r:${link}]->(c)
       SET r.inferred = row.inferred, ${MERGE_EVIDENCE('r', 'row.evidence')}`,
      rows.map((row) => withIntegerFields({ ...row }, ['year', 'month', 'day'])),
    );
  }

  const groups = new Map<string, RelationshipRecord[]>();
  for (const relationship of records.relationships) {
    const group = `${relationship.type}|${labelOf(relationship.from)}|${labelOf(relationship.to)}`;
    groups.set(group, [...(groups.get(group) ?? []), relationship]);
  }
  for (const [group, rows] of groups) {
    const [type, fromLabel, toLabel] = group.split('|') as [string, string, string];
    assertWhitelisted(type, fromLabel, toLabel);
    const written = await run(
      `UNWIND $rows AS row
       MATCH (a:${fromLabel} {id: row.from})
       MATCH (b:${toLabel} {id: row.to})
       MERGE (a)-[r:${type} {key: row.key}]->(b)
       SET r.role = row.props.role, r.note = row.props.note, r.confidence = row.props.confidence, ${MERGE_EVIDENCE('r')}
       RETURN count(r) AS written`,
      rows,
    );
    // Validation found every endpoint; a shortfall here means the graph changed underneath: abort the transaction.
    if (written !== rows.length) throw new Error(`only ${written} of ${rows.length} ${type} relationships found both ends`);
  }
  return counts;
}

/** Labels and types are spliced into Cypher; refuse anything outside the model. */
function assertWhitelisted(type: string, ...labels: string[]): void {
  const knownLabels: readonly string[] = [...ENTITY_LABELS, 'Event', 'Source'];
  const knownTypes: readonly string[] = [...RELATIONSHIP_TYPES, 'MENTIONED_IN'];
  if (!knownTypes.includes(type) || labels.some((label) => !knownLabels.includes(label))) {
    throw new Error(`refusing to write ${type} between ${labels.join(' and ')}: not in the model`);
  }
}

/**
 * Retracts a source: removes its evidence everywhere, deletes the nodes and relationships no
 * other source backs, then calendar nodes left without events. Returns what was deleted.
 */
export async function removeSource(database: Database, sourceId: string): Promise<WriteCounts> {
  const params = { sourceId, prefix: evidencePrefix(sourceId) };
  return database.write(async (tx) => {
    const relationships = await tx.run(
      `MATCH ()-[r]->() WHERE $sourceId IN r.sourceIds
       SET r.evidence = [e IN r.evidence WHERE NOT e STARTS WITH $prefix], r.sourceIds = [x IN r.sourceIds WHERE x <> $sourceId]
       WITH r WHERE size(r.evidence) = 0
       DELETE r`,
      params,
    );
    const nodes = await tx.run(
      `MATCH (n) WHERE (n:Entity OR n:Event) AND $sourceId IN n.sourceIds
       SET n.evidence = [e IN n.evidence WHERE NOT e STARTS WITH $prefix], n.sourceIds = [x IN n.sourceIds WHERE x <> $sourceId]
       WITH n WHERE size(n.evidence) = 0
       DETACH DELETE n`,
      params,
    );
    const rest = await tx.run(
      `MATCH (s:Source {id: $sourceId}) DETACH DELETE s
       WITH count(*) AS ignored
       OPTIONAL MATCH (d:Day) WHERE NOT (d)<-[:ON_DAY]-() DETACH DELETE d
       WITH count(*) AS ignored
       OPTIONAL MATCH (m:Month) WHERE NOT (m)-[:HAS_DAY]->() AND NOT (m)<-[:IN_MONTH]-() DETACH DELETE m
       WITH count(*) AS ignored
       OPTIONAL MATCH (y:Year) WHERE NOT (y)-[:HAS_MONTH]->() AND NOT (y)<-[:IN_YEAR]-() DETACH DELETE y`,
      params,
    );
    const deleted = [relationships, nodes, rest].map((result) => result.summary.counters.updates());
    return {
      nodes: deleted.reduce((sum, updates) => sum + updates.nodesDeleted, 0),
      relationships: deleted.reduce((sum, updates) => sum + updates.relationshipsDeleted, 0),
    };
  });
}
