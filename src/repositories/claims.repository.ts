import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { CalendarLink, ResolvedEntity, ResolvedEvent, ResolvedRelationship, SourceRecord } from '../domain/claims';
import { daysOf, parseFuzzyDate, type FuzzyDate } from '../domain/fuzzy-date';
import { CALENDAR_LINK, ENTITY_LABELS, EVENT_TYPE_FAMILY, RELATIONSHIP_TYPES } from '../domain/model';
import { relationshipKey } from '../domain/relationship-key';
import { toNeo4jDate, toNative } from '../neo4j/values';
import { storedDateProperties } from './stored-date';
import { entityProperties, eventProperties, relationshipProperties } from './stored-properties';

/**
 * The write side of claims: reads the claims stored on the nodes and relationships a source
 * touches (locking them, so concurrent loads of overlapping sources serialise), and writes back
 * resolved nodes and relationships. Every function runs inside the caller's write transaction.
 */

/** Labels a touched node can be looked up by (each has a unique id constraint). */
export type NodeKind = 'Entity' | 'Event' | 'Source';

/** Relationships that are structure, not facts a source claims. */
const STRUCTURAL_TYPES = ['MENTIONED_IN', 'SAME_AS', ...Object.values(CALENDAR_LINK)];

export interface SourceFootprint {
  readonly nodeIds: readonly string[];
  readonly relationshipKeys: readonly string[];
}

/** What a source claims, with when this graph recorded each claim (ISO instants; '' when not known). */
export interface RecordedFootprint extends SourceFootprint {
  /** Parallel to nodeIds and relationshipKeys. */
  readonly nodeRecordedAt: readonly string[];
  readonly relationshipRecordedAt: readonly string[];
}

export interface StoredNode {
  readonly kind: 'Entity' | 'Event';
  readonly label: string;
  readonly claims: readonly string[];
}

/** A relationship to look up or write, with the kinds of its ends (from the model's whitelist). */
export interface RelationshipRef {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly key: string;
  readonly fromKind: NodeKind;
  readonly toKind: NodeKind;
}

/** What a source claimed when it was last loaded (null when it is not loaded). */
export async function findSourceFootprint(tx: ManagedTransaction, sourceId: string): Promise<RecordedFootprint | null> {
  const result = await tx.run(
    `MATCH (s:Source {id: $sourceId})
     RETURN s.nodeIds AS nodeIds, s.relationshipKeys AS relationshipKeys,
       s.nodeRecordedAt AS nodeRecordedAt, s.relationshipRecordedAt AS relationshipRecordedAt`,
    { sourceId },
  );
  const record = result.records[0];
  if (!record) return null;
  const nodeIds: string[] = record.get('nodeIds') ?? [];
  const relationshipKeys: string[] = record.get('relationshipKeys') ?? [];
  // A source loaded before record times were kept has none: unknown ('').
  return {
    nodeIds,
    relationshipKeys,
    nodeRecordedAt: record.get('nodeRecordedAt') ?? nodeIds.map(() => ''),
    relationshipRecordedAt: record.get('relationshipRecordedAt') ?? relationshipKeys.map(() => ''),
  };
}

/** The kind (Entity, Event or Source) of each id that names a stored node. */
export async function findNodeKinds(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, NodeKind>> {
  const result = await tx.run(
    `UNWIND $ids AS id
     OPTIONAL MATCH (n:Entity {id: id})
     OPTIONAL MATCH (e:Event {id: id})
     OPTIONAL MATCH (s:Source {id: id})
     RETURN id, CASE WHEN n IS NOT NULL THEN 'Entity' WHEN e IS NOT NULL THEN 'Event' WHEN s IS NOT NULL THEN 'Source' END AS kind`,
    { ids: [...new Set(ids)] },
  );
  return new Map(
    result.records
      .filter((record) => record.get('kind') !== null)
      .map((record) => [record.get('id') as string, record.get('kind') as NodeKind]),
  );
}

/** The stored claims of these entities and events, write-locked until the transaction ends. */
export async function lockNodeClaims(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, StoredNode>> {
  const result = await tx.run(
    `UNWIND $ids AS id
     OPTIONAL MATCH (n:Entity {id: id})
     OPTIONAL MATCH (e:Event {id: id})
     WITH id, coalesce(n, e) AS x WHERE x IS NOT NULL
     SET x._lock = true REMOVE x._lock
     RETURN id, labels(x) AS labels, coalesce(x.claims, []) AS claims`,
    { ids: [...new Set(ids)] },
  );
  return new Map(
    result.records.map((record) => {
      const labels = record.get('labels') as string[];
      const kind = labels.includes('Event') ? 'Event' : 'Entity';
      const label =
        kind === 'Event' ? 'Event' : (labels.find((l) => (ENTITY_LABELS as readonly string[]).includes(l)) ?? 'Entity');
      return [record.get('id') as string, { kind, label, claims: record.get('claims') as string[] }];
    }),
  );
}

/** The stored claims of these relationships (by relationshipKey), write-locked. */
export async function lockRelationshipClaims(
  tx: ManagedTransaction,
  refs: readonly RelationshipRef[],
): Promise<Map<string, readonly string[]>> {
  const found = new Map<string, readonly string[]>();
  for (const [group, rows] of groupRelationships(refs)) {
    const result = await tx.run(
      `UNWIND $rows AS row
       MATCH (a:${group.fromKind} {id: row.from})-[r:${group.type} {key: row.key}]->(b:${group.toKind} {id: row.to})
       SET r._lock = true REMOVE r._lock
       RETURN row.from AS from, row.to AS to, row.key AS key, coalesce(r.claims, []) AS claims`,
      { rows: rows.map(({ from, to, key }) => ({ from, to, key })) },
    );
    for (const record of result.records) {
      found.set(
        relationshipKey(group.type, record.get('from'), record.get('to'), record.get('key')),
        record.get('claims'),
      );
    }
  }
  return found;
}

/** Relationships that facts hang on: those of these nodes that are not calendar, mention or redirect links. */
export async function findFactRelationships(tx: ManagedTransaction, ids: readonly string[]): Promise<string[]> {
  const result = await tx.run(
    `UNWIND $ids AS id
     OPTIONAL MATCH (n:Entity {id: id})
     OPTIONAL MATCH (e:Event {id: id})
     WITH coalesce(n, e) AS x WHERE x IS NOT NULL
     MATCH (x)-[r]-()
     WHERE NOT type(r) IN $structural
     RETURN DISTINCT type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, coalesce(r.key, '') AS key`,
    { ids, structural: STRUCTURAL_TYPES },
  );
  return result.records.map((record) =>
    relationshipKey(record.get('type'), record.get('from'), record.get('to'), record.get('key')),
  );
}

/** Deletes relationships by identity. */
export async function deleteRelationships(tx: ManagedTransaction, refs: readonly RelationshipRef[]): Promise<void> {
  for (const [group, rows] of groupRelationships(refs)) {
    await tx.run(
      `UNWIND $rows AS row
       MATCH (a:${group.fromKind} {id: row.from})-[r:${group.type} {key: row.key}]->(b:${group.toKind} {id: row.to})
       DELETE r`,
      { rows: rows.map(({ from, to, key }) => ({ from, to, key })) },
    );
  }
}

/** Deletes entities and events with their redirects and every link still attached. */
export async function deleteNodes(tx: ManagedTransaction, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.run(
    `UNWIND $ids AS id
     OPTIONAL MATCH (n:Entity {id: id})
     OPTIONAL MATCH (e:Event {id: id})
     WITH coalesce(n, e) AS x WHERE x IS NOT NULL
     OPTIONAL MATCH (r:Redirect)-[:SAME_AS]->(x)
     DETACH DELETE r, x`,
    { ids },
  );
}

/** Creates or overwrites entities with their resolved view (every property replaced). */
export async function writeEntities(tx: ManagedTransaction, entities: readonly ResolvedEntity[]): Promise<void> {
  for (const label of ENTITY_LABELS) {
    const rows = entities
      .filter((entity) => entity.label === label)
      .map((entity) => ({ id: entity.id, props: entityProperties(entity) }));
    if (rows.length === 0) continue;
    await tx.run(`UNWIND $rows AS row MERGE (n:Entity:${label} {id: row.id}) SET n = row.props`, { rows });
  }
}

/**
 * Creates or overwrites events with their resolved view; a disputed event also gets the label
 * Disputed, and one whose date or type changed as reports came in the label Revised (as-of reads).
 */
export async function writeEvents(tx: ManagedTransaction, events: readonly ResolvedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.run(
    `UNWIND $rows AS row
     MERGE (e:Event {id: row.id})
     SET e = row.props
     FOREACH (_ IN CASE WHEN row.props.disputed THEN [1] ELSE [] END | SET e:Disputed)
     FOREACH (_ IN CASE WHEN row.props.disputed THEN [] ELSE [1] END | REMOVE e:Disputed)
     FOREACH (_ IN CASE WHEN row.props.revisionDays IS NOT NULL THEN [1] ELSE [] END | SET e:Revised)
     FOREACH (_ IN CASE WHEN row.props.revisionDays IS NOT NULL THEN [] ELSE [1] END | REMOVE e:Revised)`,
    { rows: events.map((event) => ({ id: event.id, props: eventProperties(event) })) },
  );
}

/** Replaces the redirects of these nodes: one (:Redirect {id})-[:SAME_AS]->(node) per id other bundles gave it. */
export async function writeRedirects(
  tx: ManagedTransaction,
  nodes: readonly { id: string; redirectIds: readonly string[] }[],
): Promise<void> {
  if (nodes.length === 0) return;
  await tx.run(
    `UNWIND $rows AS row
     OPTIONAL MATCH (n:Entity {id: row.id})
     OPTIONAL MATCH (e:Event {id: row.id})
     WITH row, coalesce(n, e) AS x
     CALL { WITH x OPTIONAL MATCH (old:Redirect)-[:SAME_AS]->(x) DETACH DELETE old }
     FOREACH (redirectId IN row.redirectIds | CREATE (:Redirect {id: redirectId})-[:SAME_AS]->(x))`,
    { rows: nodes.map(({ id, redirectIds }) => ({ id, redirectIds })) },
  );
}

/** The calendar nodes linked to these events, with their months and years: what may be left empty. */
export async function unlinkCalendar(tx: ManagedTransaction, eventIds: readonly string[]): Promise<string[]> {
  if (eventIds.length === 0) return [];
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (e:Event {id: id})-[link:ON_DAY|IN_MONTH|IN_YEAR]->(c)
     DELETE link
     RETURN collect(DISTINCT c.id) AS ids`,
    { ids: eventIds },
  );
  const ids = (result.records[0]?.get('ids') ?? []) as string[];
  return [...new Set(ids.flatMap((id) => [id, id.slice(0, 7), id.slice(0, 4)]))];
}

/**
 * The calendar nodes a date hangs on: its day, month or year; an interval of days hangs on each
 * of its days, so Neo4j Browser shows "18–19 June" on 18 June and on 19 June.
 */
function calendarLinksOf(links: readonly CalendarLink[]): CalendarLink[] {
  const byDate = new Map<string, CalendarLink>();
  for (const link of links) {
    const dates =
      link.date.precision === 'RANGE' ? daysOf(link.date).map((day) => parseFuzzyDate(day) as FuzzyDate) : [link.date];
    for (const date of dates) {
      const other = byDate.get(date.iso);
      byDate.set(
        date.iso,
        other
          ? {
              date,
              inferred: other.inferred && link.inferred,
              evidence: [...new Set([...other.evidence, ...link.evidence])],
              sourceIds: [...new Set([...other.sourceIds, ...link.sourceIds])].sort(),
            }
          : { ...link, date },
      );
    }
  }
  return [...byDate.values()];
}

/** Links events to the Day, Month or Year of each date their sources claim, creating calendar nodes as needed. */
export async function linkCalendar(
  tx: ManagedTransaction,
  events: readonly { id: string; calendar: readonly CalendarLink[] }[],
): Promise<void> {
  const links = events.flatMap((event) => calendarLinksOf(event.calendar).map((link) => ({ event: event.id, link })));
  for (const [precision, type] of Object.entries(CALENDAR_LINK)) {
    const rows = links
      .filter(({ link }) => link.date.precision === precision)
      .map(({ event, link }) => ({
        eventId: event,
        year: neo4j.int(link.date.year),
        month: link.date.month === null ? null : neo4j.int(link.date.month),
        day: link.date.day === null ? null : toNeo4jDate(link.date.earliest),
        props: { inferred: link.inferred, evidence: link.evidence, sourceIds: link.sourceIds },
      }));
    if (rows.length === 0) continue;
    const calendarNode = {
      YEAR: 'MERGE (c:Year {id: toString(row.year)}) ON CREATE SET c.year = row.year',
      MONTH: `MERGE (y:Year {id: toString(row.year)}) ON CREATE SET y.year = row.year
              MERGE (c:Month {id: toString(row.year) + '-' + right('0' + toString(row.month), 2)}) ON CREATE SET c.year = row.year, c.month = row.month
              MERGE (y)-[:HAS_MONTH]->(c)`,
      DAY: `MERGE (y:Year {id: toString(row.year)}) ON CREATE SET y.year = row.year
            MERGE (m:Month {id: toString(row.year) + '-' + right('0' + toString(row.month), 2)}) ON CREATE SET m.year = row.year, m.month = row.month
            MERGE (y)-[:HAS_MONTH]->(m)
            MERGE (c:Day {id: toString(row.day)}) ON CREATE SET c.date = row.day, c.year = row.year, c.month = row.month, c.day = row.day.day
            MERGE (m)-[:HAS_DAY]->(c)`,
    }[precision as keyof typeof CALENDAR_LINK];
    await tx.run(
      `UNWIND $rows AS row
       ${calendarNode}
       WITH row, c
       MATCH (e:Event {id: row.eventId})
       CREATE (e)-[r:${type}]->(c)
       SET r = row.props`,
      { rows },
    );
  }
}

/** Deletes calendar nodes among these ids that no event and no narrower calendar node uses any more. */
export async function pruneCalendar(tx: ManagedTransaction, calendarIds: readonly string[]): Promise<void> {
  if (calendarIds.length === 0) return;
  await tx.run(
    `UNWIND $ids AS id
     MATCH (d:Day {id: id}) WHERE NOT (d)<-[:ON_DAY]-()
     DETACH DELETE d`,
    { ids: calendarIds },
  );
  await tx.run(
    `UNWIND $ids AS id
     MATCH (m:Month {id: id}) WHERE NOT (m)-[:HAS_DAY]->() AND NOT (m)<-[:IN_MONTH]-()
     DETACH DELETE m`,
    { ids: calendarIds },
  );
  await tx.run(
    `UNWIND $ids AS id
     MATCH (y:Year {id: id}) WHERE NOT (y)-[:HAS_MONTH]->() AND NOT (y)<-[:IN_YEAR]-()
     DETACH DELETE y`,
    { ids: calendarIds },
  );
}

/** Creates or overwrites relationships with their resolved view. */
export async function writeRelationships(
  tx: ManagedTransaction,
  rows: readonly (RelationshipRef & { resolved: ResolvedRelationship })[],
): Promise<void> {
  for (const [group, members] of groupRelationships(rows)) {
    const result = await tx.run(
      `UNWIND $rows AS row
       MATCH (a:${group.fromKind} {id: row.from})
       MATCH (b:${group.toKind} {id: row.to})
       MERGE (a)-[r:${group.type} {key: row.key}]->(b)
       SET r = row.props
       RETURN count(r) AS written`,
      {
        rows: members.map((row) => ({
          from: row.from,
          to: row.to,
          key: row.key,
          props: relationshipProperties(row.key, row.resolved),
        })),
      },
    );
    // Every end was checked before writing; a shortfall means the graph changed underneath: abort.
    const written = Number(result.records[0]?.get('written') ?? 0);
    if (written !== members.length)
      throw new Error(`only ${written} of ${members.length} ${group.type} relationships found both ends`);
  }
}

/**
 * Writes the Source node with what it claims (so that it can be retracted exactly), and replaces
 * its MENTIONED_IN links: one from every node it claims, with its evidence on that node.
 */
export async function writeSource(
  tx: ManagedTransaction,
  source: SourceRecord,
  footprint: RecordedFootprint,
  mentions: readonly { id: string; kind: 'Entity' | 'Event'; evidence: readonly string[] }[],
): Promise<void> {
  const { published, ...rest } = source;
  const date = published ? parseFuzzyDate(published.iso) : undefined;
  const props = {
    ...rest,
    ...(published && date
      ? storedDateProperties('published', { ...date, inferred: published.inferred, note: published.note })
      : {}),
    nodeIds: footprint.nodeIds,
    relationshipKeys: footprint.relationshipKeys,
    nodeRecordedAt: footprint.nodeRecordedAt,
    relationshipRecordedAt: footprint.relationshipRecordedAt,
    // When this graph last learned something from the source (record time, not publication).
    recordedAt: [...footprint.nodeRecordedAt, ...footprint.relationshipRecordedAt].sort().at(-1) || null,
  };
  await tx.run(
    `MERGE (s:Source {id: $id})
     SET s = $props
     WITH s
     OPTIONAL MATCH (s)<-[m:MENTIONED_IN]-()
     DELETE m`,
    { id: source.id, props },
  );
  for (const kind of ['Entity', 'Event'] as const) {
    const rows = mentions.filter((mention) => mention.kind === kind).map(({ id, evidence }) => ({ id, evidence }));
    if (rows.length === 0) continue;
    await tx.run(
      `MATCH (s:Source {id: $sourceId})
       UNWIND $rows AS row
       MATCH (n:${kind} {id: row.id})
       CREATE (n)-[:MENTIONED_IN {evidence: row.evidence, sourceIds: [$sourceId]}]->(s)`,
      { sourceId: source.id, rows },
    );
  }
}

/** Deletes a Source node and its remaining links. */
export async function deleteSource(tx: ManagedTransaction, sourceId: string): Promise<void> {
  await tx.run('MATCH (s:Source {id: $sourceId}) DETACH DELETE s', { sourceId });
}

/** An event that may be the same happening as another: same type family, overlapping dates, shared participants. */
export interface LikelyDuplicate {
  readonly id: string;
  readonly existingId: string;
  readonly sharedParticipants: readonly string[];
  /** The place both took place in, when they share one. */
  readonly samePlace: string | null;
}

/**
 * For each event, other events of its type family (a visit and a state visit) whose dates overlap
 * and that share two or more participants, or one participant and their place.
 */
export async function findLikelyDuplicates(
  tx: ManagedTransaction,
  eventIds: readonly string[],
): Promise<LikelyDuplicate[]> {
  if (eventIds.length === 0) return [];
  const result = await tx.run(
    // From the event's participants, not from the dates: a date range of a large graph holds many
    // events, a participant few (a hub's events are filtered on type and dates as they are read).
    `UNWIND $ids AS id
     MATCH (e:Event {id: id})<-[:PARTICIPATED_IN]-(x)-[:PARTICIPATED_IN]->(o:Event)
     WHERE o <> e AND coalesce($families[o.type], o.type) = coalesce($families[e.type], e.type)
       AND o.dateEarliest <= e.dateLatest AND o.dateLatest >= e.dateEarliest
     WITH e, o, collect(DISTINCT x.id) AS shared
     OPTIONAL MATCH (e)-[:TOOK_PLACE_IN]->(place)<-[:TOOK_PLACE_IN]-(o)
     WITH e, o, shared, min(place.id) AS samePlace
     WHERE size(shared) >= 2 OR samePlace IS NOT NULL
     RETURN e.id AS id, o.id AS existingId, shared, samePlace ORDER BY id, existingId`,
    { ids: eventIds, families: EVENT_TYPE_FAMILY },
  );
  return result.records.map((record) => ({
    id: record.get('id'),
    existingId: record.get('existingId'),
    sharedParticipants: [...new Set(toNative(record.get('shared')) as string[])].sort(),
    samePlace: record.get('samePlace') as string | null,
  }));
}

/** Groups relationship rows by type and end kinds, each checked against the model before it is spliced into Cypher. */
function groupRelationships<T extends RelationshipRef>(
  rows: readonly T[],
): Map<{ type: string; fromKind: NodeKind; toKind: NodeKind }, T[]> {
  const groups = new Map<string, { group: { type: string; fromKind: NodeKind; toKind: NodeKind }; rows: T[] }>();
  for (const row of rows) {
    assertWhitelisted(row.type, row.fromKind, row.toKind);
    const name = `${row.type}|${row.fromKind}|${row.toKind}`;
    const entry = groups.get(name) ?? {
      group: { type: row.type, fromKind: row.fromKind, toKind: row.toKind },
      rows: [],
    };
    entry.rows.push(row);
    groups.set(name, entry);
  }
  return new Map([...groups.values()].map(({ group, rows: members }) => [group, members]));
}

/** Labels and types are spliced into Cypher; refuse anything outside the model. */
function assertWhitelisted(type: string, ...kinds: string[]): void {
  const knownKinds: readonly string[] = ['Entity', 'Event', 'Source'];
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type) || kinds.some((kind) => !knownKinds.includes(kind))) {
    throw new Error(`refusing to touch ${type} between ${kinds.join(' and ')}: not in the model`);
  }
}

/** One source says an event took place, or produced, somewhere other than every other source says. */
export interface LinkConflict {
  readonly eventId: string;
  readonly relation: 'TOOK_PLACE_IN' | 'PRODUCED';
  /** Ends the source gives, and ends only other sources give. */
  readonly ours: readonly string[];
  readonly theirs: readonly string[];
}

/**
 * Events `sourceId` shares with other sources whose place or product it gives differently: it
 * names ends, the others name ends, and no end is named by both (a merge onto another happening).
 */
export async function findLinkConflicts(
  tx: ManagedTransaction,
  sourceId: string,
  eventIds: readonly string[],
): Promise<LinkConflict[]> {
  if (eventIds.length === 0) return [];
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (e:Event {id: id})-[r:TOOK_PLACE_IN|PRODUCED]->(t)
     WITH e, type(r) AS relation, collect({target: t.id, sources: r.sourceIds}) AS ends
     WITH e, relation,
          [x IN ends WHERE $sourceId IN x.sources | x.target] AS ours,
          [x IN ends WHERE NOT $sourceId IN x.sources | x.target] AS theirs,
          [x IN ends WHERE $sourceId IN x.sources AND size(x.sources) > 1] AS shared
     WHERE size(ours) > 0 AND size(theirs) > 0 AND size(shared) = 0
     RETURN e.id AS eventId, relation, ours, theirs ORDER BY eventId, relation`,
    { ids: eventIds, sourceId },
  );
  return result.records.map((record) => ({
    eventId: record.get('eventId'),
    relation: record.get('relation'),
    ours: [...(toNative(record.get('ours')) as string[])].sort(),
    theirs: [...(toNative(record.get('theirs')) as string[])].sort(),
  }));
}
