import neo4j from 'neo4j-driver';
import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { EventDetails, EventModel, SourceModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { NODE_PROJECTION, SOURCE_PROJECTION, toEntityModel, toEventModel, toSourceModel } from './node-mapper';

export interface TimelineCriteria {
  /** Events involving any of these entities (null: all events). */
  readonly entityIds: readonly string[] | null;
  /** First day of the period (YYYY-MM-DD); events whose dates overlap the period match. */
  readonly fromDay: string | null;
  /** Last day of the period (YYYY-MM-DD), inclusive. */
  readonly toDay: string | null;
  readonly types: readonly string[] | null;
  readonly placeId: string | null;
}

export interface TimelinePage {
  readonly events: readonly EventModel[];
  readonly hasNextPage: boolean;
  /** Participants, place, agreements and related events of each event of the page, by event id. */
  readonly details: ReadonlyMap<string, EventDetails>;
  /** The sources the page's evidence cites, by id. */
  readonly sources: ReadonlyMap<string, SourceModel>;
}

export type SortOrder = 'ASC' | 'DESC';

/**
 * Events an entity is involved in: it takes part (directly, or through a delegation it leads or
 * belongs to), it is the place (or contains it), or the event produced or concerns it.
 * Expanded from the entities: the cheap way when they are in few events.
 */
const INVOLVED_EVENTS = `
  UNWIND $entityIds AS entityId
  MATCH (x:Entity {id: entityId})
  CALL {
    WITH x MATCH (x)-[:PARTICIPATED_IN]->(e:Event) RETURN e
    UNION WITH x MATCH (x)<-[:LED_BY]-(:Delegation)-[:PARTICIPATED_IN]->(e:Event) RETURN e
    UNION WITH x MATCH (x)-[:MEMBER_OF]->(:Delegation)-[:PARTICIPATED_IN]->(e:Event) RETURN e
    UNION WITH x MATCH (x)<-[:TOOK_PLACE_IN]-(e:Event) RETURN e
    UNION WITH x MATCH (x)<-[:LOCATED_IN]-(:Place)<-[:TOOK_PLACE_IN]-(e:Event) RETURN e
    UNION WITH x MATCH (x)<-[:PRODUCED|CONCERNS]-(e:Event) RETURN e
  }
  WITH DISTINCT e`;

/** The same involvement as a predicate on one event: the cheap way for hubs, checked from the event side. */
const INVOLVES = `(
  EXISTS { MATCH (x:Entity)-[:PARTICIPATED_IN]->(e) WHERE x.id IN $entityIds }
  OR EXISTS { MATCH (x:Entity)<-[:LED_BY]-(:Delegation)-[:PARTICIPATED_IN]->(e) WHERE x.id IN $entityIds }
  OR EXISTS { MATCH (x:Entity)-[:MEMBER_OF]->(:Delegation)-[:PARTICIPATED_IN]->(e) WHERE x.id IN $entityIds }
  OR EXISTS { MATCH (e)-[:TOOK_PLACE_IN]->(x:Entity) WHERE x.id IN $entityIds }
  OR EXISTS { MATCH (e)-[:TOOK_PLACE_IN]->(:Place)-[:LOCATED_IN]->(x:Entity) WHERE x.id IN $entityIds }
  OR EXISTS { MATCH (e)-[:PRODUCED|CONCERNS]->(x:Entity) WHERE x.id IN $entityIds })`;

/**
 * Entities with more relationships than this are hubs: their timeline is read in date order from
 * the index, each event checked for involvement, instead of collecting and sorting all their events.
 */
const HUB_DEGREE = 2000;

/** Whether an event's resolved date overlaps the period (only the bounds given). */
function resolvedOverlap(criteria: TimelineCriteria): string[] {
  return [
    criteria.fromDay !== null ? 'e.dateLatest >= date($fromDay)' : '',
    criteria.toDay !== null ? 'e.dateEarliest <= date($toDay)' : '',
  ].filter(Boolean);
}

/**
 * Whether any source's date of a disputed event overlaps the period: a disputed event appears
 * under each date its sources give (it is listed once, at its resolved date).
 */
function claimedOverlap(criteria: TimelineCriteria): string {
  const bounds = [
    criteria.fromDay !== null ? 'e.claimLatest[i] >= date($fromDay)' : '',
    criteria.toDay !== null ? 'e.claimEarliest[i] <= date($toDay)' : '',
  ].filter(Boolean);
  return `(e:Disputed AND any(i IN range(0, size(e.claimEarliest) - 1) WHERE ${bounds.join(' AND ')}))`;
}

function hasPeriod(criteria: TimelineCriteria): boolean {
  return criteria.fromDay !== null || criteria.toDay !== null;
}

/** The period as one predicate: resolved date, or any claimed date of a disputed event. */
function periodPredicate(criteria: TimelineCriteria): string[] {
  if (!hasPeriod(criteria)) return [];
  return [`((${resolvedOverlap(criteria).join(' AND ')}) OR ${claimedOverlap(criteria)})`];
}

/** Type and place filters. */
function otherPredicates(criteria: TimelineCriteria): string[] {
  return [
    criteria.types !== null ? 'e.type IN $types' : '',
    criteria.placeId !== null
      ? `EXISTS { MATCH (e)-[:TOOK_PLACE_IN]->(p:Entity)
                  WHERE p.id = $placeId OR EXISTS { (p)-[:LOCATED_IN]->(:Entity {id: $placeId}) } }`
      : '',
  ].filter(Boolean);
}

/**
 * Bounds on `timelineKey`, which starts with the first possible day, so that an index scan starts
 * near the period: an event whose resolved date overlaps [from, to] starts no later than `to`,
 * and no earlier than 31 days before `from` unless its date is a whole year (then it starts on
 * 1 January of `from`'s year: the year branch).
 */
function keyBounds(criteria: TimelineCriteria): string[] {
  return [criteria.fromDay !== null ? 'e.timelineKey >= $keyFloor' : '', criteria.toDay !== null ? 'e.timelineKey <= $keyCeiling' : ''].filter(Boolean);
}

/** Parameters of the predicates. */
function filterParams(criteria: TimelineCriteria): Record<string, unknown> {
  return {
    ...criteria,
    keyFloor: criteria.fromDay === null ? null : shiftDays(criteria.fromDay, -31),
    yearKey: criteria.fromDay === null ? null : `${criteria.fromDay.slice(0, 4)}-01-01|2|`,
    // '~' sorts after the digits and '|' that follow the day in a key.
    keyCeiling: criteria.toDay === null ? null : `${criteria.toDay}~`,
  };
}

function shiftDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.getUTCFullYear() < 1 ? '0001-01-01' : date.toISOString().slice(0, 10);
}

/**
 * The queries whose union is the selection, each returning `e`. Without an entity filter, or for a
 * hub, the range index on timelineKey provides the order (so the work per page does not grow with
 * the corpus), with two extra branches when a period is given: whole-year events of `from`'s year,
 * which start before the key floor, and disputed events, which a claimed date may put in the period.
 */
function selectionBranches(criteria: TimelineCriteria, hub: boolean, extra: readonly string[]): string[] {
  const where = (predicates: readonly string[]) => (predicates.length > 0 ? `WHERE ${predicates.join(' AND ')}` : '');
  const rest = [...extra, ...otherPredicates(criteria), ...(criteria.entityIds && hub ? [INVOLVES] : [])];
  if (criteria.entityIds && !hub) return [`${INVOLVED_EVENTS} ${where([...rest, ...periodPredicate(criteria)])}`];
  if (!hasPeriod(criteria)) return [`MATCH (e:Event) ${where(rest)}`];
  const resolved = [...rest, ...resolvedOverlap(criteria)];
  return [
    `MATCH (e:Event) ${where([...resolved, ...keyBounds(criteria)])}`,
    ...(criteria.fromDay !== null ? [`MATCH (e:Event) ${where([...resolved, 'e.timelineKey STARTS WITH $yearKey'])}`] : []),
    `MATCH (e:Disputed) ${where([...rest, claimedOverlap(criteria)])}`,
  ];
}

/**
 * One page of the timeline, ordered by `timelineKey` (first possible day, precision, id), after
 * the key of the previous page's last event.
 */
export async function findTimelinePage(
  database: Database,
  criteria: TimelineCriteria,
  afterKey: string | null,
  order: SortOrder,
  limit: number,
): Promise<TimelinePage> {
  const direction = order === 'ASC' ? 'ASC' : 'DESC';
  const params = {
    ...filterParams(criteria),
    afterKey: afterKey ?? (order === 'ASC' ? '' : '\uffff'),
    limit: neo4j.int(limit + 1),
  };
  const after = order === 'ASC' ? 'e.timelineKey > $afterKey' : 'e.timelineKey < $afterKey';
  return database.read(async (tx) => {
    let hub = false;
    if (criteria.entityIds) {
      const degree = await tx.run('UNWIND $entityIds AS id MATCH (x:Entity {id: id}) RETURN sum(COUNT { (x)--() }) AS degree', params);
      hub = Number(degree.records[0]?.get('degree') ?? 0) > HUB_DEGREE;
    }
    const branches = selectionBranches(criteria, hub, [after]).map((branch) => `${branch} RETURN e ORDER BY e.timelineKey ${direction} LIMIT $limit`);
    // The page with its details and sources in one round trip: a page is what clients show, and
    // separate queries for details and sources tripled the transactions per page.
    const page = await tx.run(
      `CALL { ${branches.join(' UNION ')} }
       WITH e ORDER BY e.timelineKey ${direction} LIMIT $limit
       RETURN ${NODE_PROJECTION('e')} AS event, ${DETAILS_PROJECTION('e')},
         [(e)-[:MENTIONED_IN]->(s:Source) | ${SOURCE_PROJECTION('s')}] AS sources
       ORDER BY e.timelineKey ${direction}`,
      params,
    );
    const records = page.records.slice(0, limit);
    return {
      events: records.map((record) => toEventModel(record.get('event'))),
      hasNextPage: page.records.length > limit,
      details: new Map(records.map((record) => [record.get('id') as string, toEventDetails(record)])),
      sources: new Map(records.flatMap((record) => (record.get('sources') as unknown[]).map(toSourceModel)).map((source) => [source.id, source])),
    };
  }, { query: 'timeline' });
}

/** How many events the selection holds: the same branches as a page, without cursor or limit. */
export async function countTimeline(database: Database, criteria: TimelineCriteria): Promise<number> {
  return database.read(async (tx) => {
    const branches = selectionBranches(criteria, false, []).map((branch) => `${branch} RETURN e`);
    const result = await tx.run(`CALL { ${branches.join(' UNION ')} } RETURN count(e) AS total`, filterParams(criteria));
    return Number(result.records[0]?.get('total') ?? 0);
  }, { query: 'timeline-count' });
}

/** Cypher returning `id`, `participants`, `places`, `agreements` and `related` of event `e`. */
const DETAILS_PROJECTION = (e: string) => `${e}.id AS id,
  [(x:Entity)-[r:PARTICIPATED_IN]->(${e}) | {role: r.role, title: r.title, entity: ${NODE_PROJECTION('x')}}] AS participants,
  [(${e})-[:TOOK_PLACE_IN]->(p:Entity) | ${NODE_PROJECTION('p')}] AS places,
  [(${e})-[:PRODUCED]->(a:Agreement) | ${NODE_PROJECTION('a')}] AS agreements,
  [(${e})-[:REFERENCES|PART_OF]-(o:Event) | ${NODE_PROJECTION('o')}] AS related`;

/** Maps the columns of DETAILS_PROJECTION. */
function toEventDetails(record: Neo4jRecord): EventDetails {
  const participants = (record.get('participants') as { role: string; title: string | null; entity: unknown }[])
    .map((item) => ({ role: item.role, title: item.title ?? null, entity: toEntityModel(item.entity) }))
    .sort((a, b) => a.role.localeCompare(b.role) || a.entity.name.localeCompare(b.entity.name));
  // The most specific place: a city before the country it lies in.
  const places = (record.get('places') as unknown[]).map(toEntityModel).sort((a, b) => Number(a.label === 'Country') - Number(b.label === 'Country'));
  const related = new Map((record.get('related') as unknown[]).map(toEventModel).map((event) => [event.id, event]));
  return {
    participants,
    place: places[0] ?? null,
    agreements: (record.get('agreements') as unknown[]).map(toEntityModel).sort((a, b) => a.id.localeCompare(b.id)),
    related: [...related.values()].sort((a, b) => a.timelineKey.localeCompare(b.timelineKey)),
  };
}

/** Participants, place, agreements and related events of many events, in one round trip. */
export async function findEventDetails(database: Database, ids: readonly string[]): Promise<Map<string, EventDetails>> {
  return database.read(async (tx) => {
    const result = await tx.run(`UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN ${DETAILS_PROJECTION('e')}`, { ids });
    return new Map(result.records.map((record) => [record.get('id') as string, toEventDetails(record)]));
  });
}
