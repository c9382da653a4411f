import neo4j from 'neo4j-driver';
import type { EventDetails, EventModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { NODE_PROJECTION, toEntityModel, toEventModel } from './node-mapper';

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
  readonly totalCount: number;
}

export type SortOrder = 'ASC' | 'DESC';

/**
 * Events an entity is involved in: it takes part (directly, or through a delegation it leads or
 * belongs to), it is the place (or contains it), or the event produced or concerns it.
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

const FILTERS = `
  ($fromDay IS NULL OR e.dateLatest >= date($fromDay))
  AND ($toDay IS NULL OR e.dateEarliest <= date($toDay))
  AND ($types IS NULL OR e.type IN $types)
  AND ($placeId IS NULL OR EXISTS {
        MATCH (e)-[:TOOK_PLACE_IN]->(p:Entity)
        WHERE p.id = $placeId OR EXISTS { (p)-[:LOCATED_IN]->(:Entity {id: $placeId}) } })`;

/**
 * One page of the timeline, ordered by `timelineKey` (first possible day, precision, id), after
 * the key of the previous page's last event, plus the total count of the selection.
 */
export async function findTimelinePage(
  database: Database,
  criteria: TimelineCriteria,
  afterKey: string | null,
  order: SortOrder,
  limit: number,
): Promise<TimelinePage> {
  const source = criteria.entityIds ? `${INVOLVED_EVENTS} WHERE` : 'MATCH (e:Event) WHERE';
  // With no cursor the bound is open; a predicate on timelineKey lets its index provide the order.
  const cursor = order === 'ASC' ? 'e.timelineKey > $afterKey' : 'e.timelineKey < $afterKey';
  const direction = order === 'ASC' ? 'ASC' : 'DESC';
  const params = {
    ...criteria,
    afterKey: afterKey ?? (order === 'ASC' ? '' : '\uffff'),
    limit: neo4j.int(limit + 1),
  };
  return database.read(async (tx) => {
    const page = await tx.run(
      `${source} ${FILTERS} AND ${cursor}
       RETURN ${NODE_PROJECTION('e')} AS event
       ORDER BY e.timelineKey ${direction}
       LIMIT $limit`,
      params,
    );
    const count = await tx.run(`${source} ${FILTERS} RETURN count(e) AS total`, params);
    const events = page.records.map((record) => toEventModel(record.get('event')));
    return {
      events: events.slice(0, limit),
      hasNextPage: events.length > limit,
      totalCount: (count.records[0]?.get('total') as { toNumber(): number }).toNumber(),
    };
  }, { query: 'timeline' });
}

/** Participants, place, agreements and related events of many events, in one round trip. */
export async function findEventDetails(database: Database, ids: readonly string[]): Promise<Map<string, EventDetails>> {
  return database.read(async (tx) => {
    const result = await tx.run(
      `UNWIND $ids AS id
       MATCH (e:Event {id: id})
       RETURN id,
         [(x:Entity)-[r:PARTICIPATED_IN]->(e) | {role: r.role, entity: ${NODE_PROJECTION('x')}}] AS participants,
         [(e)-[:TOOK_PLACE_IN]->(p:Entity) | ${NODE_PROJECTION('p')}] AS places,
         [(e)-[:PRODUCED]->(a:Agreement) | ${NODE_PROJECTION('a')}] AS agreements,
         [(e)-[:REFERENCES|PART_OF]-(o:Event) | ${NODE_PROJECTION('o')}] AS related`,
      { ids },
    );
    return new Map(
      result.records.map((record) => {
        const participants = (record.get('participants') as { role: string; entity: unknown }[])
          .map((item) => ({ role: item.role, entity: toEntityModel(item.entity) }))
          .sort((a, b) => a.role.localeCompare(b.role) || a.entity.name.localeCompare(b.entity.name));
        // The most specific place: a city before the country it lies in.
        const places = (record.get('places') as unknown[]).map(toEntityModel).sort((a, b) => Number(a.label === 'Country') - Number(b.label === 'Country'));
        const related = new Map((record.get('related') as unknown[]).map(toEventModel).map((event) => [event.id, event]));
        const details: EventDetails = {
          participants,
          place: places[0] ?? null,
          agreements: (record.get('agreements') as unknown[]).map(toEntityModel).sort((a, b) => a.id.localeCompare(b.id)),
          related: [...related.values()].sort((a, b) => a.timelineKey.localeCompare(b.timelineKey)),
        };
        return [record.get('id') as string, details];
      }),
    );
  });
}
