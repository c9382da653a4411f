import neo4j from 'neo4j-driver';
import { decodeEntityClaim, decodeEventClaim, decodeRelationshipClaim } from '../domain/claims';
import type { EntityHistoryInput, EventHistoryInput, EventLink } from '../domain/history';
import { RELATIONSHIP_KEY_SEPARATOR, relationshipKeyPrefix } from '../domain/relationship-key';
import type { Database } from '../neo4j/database';
import { toNative, toNeo4jDate } from '../neo4j/values';

/** What a node's history is computed from (src/domain/history.ts). */
export type HistoryInput =
  | ({ readonly kind: 'event' } & EventHistoryInput)
  | ({ readonly kind: 'entity' } & EntityHistoryInput);

/** An event's relationships to entities as the history reads them, `e` the event. */
const LINKS = (e: string) => `
  [(x:Entity)-[r:PARTICIPATED_IN]->(${e}) | {entityId: x.id, role: r.role, country: false, knownFrom: x.knownFrom, claims: coalesce(r.claims, [])}] AS participations,
  [(${e})-[r:TOOK_PLACE_IN]->(x:Entity) | {entityId: x.id, role: null, country: x:Country, knownFrom: x.knownFrom, claims: coalesce(r.claims, [])}] AS places`;

interface LinkRow {
  entityId: string;
  role: string | null;
  country: boolean;
  knownFrom: string | null;
  claims: string[];
}

const toLink = (row: LinkRow): EventLink => ({
  entityId: row.entityId,
  role: row.role,
  country: row.country,
  entityKnownFrom: row.knownFrom,
  claims: row.claims.map(decodeRelationshipClaim),
});

/**
 * The claims of entities and events by id, an event's with the claims of its participations and
 * places, in one round trip; ids of nothing stored are absent.
 */
export async function findHistoryInputs(
  database: Database,
  ids: readonly string[],
): Promise<Map<string, HistoryInput>> {
  return database.read('history', async (tx) => {
    const result = await tx.run(
      `UNWIND $ids AS id
       OPTIONAL MATCH (entity:Entity {id: id})
       OPTIONAL MATCH (event:Event {id: id})
       WITH id, coalesce(entity, event) AS n WHERE n IS NOT NULL
       RETURN id, n:Event AS isEvent, coalesce(n.claims, []) AS claims, ${LINKS('n')}`,
      { ids },
    );
    return new Map(
      result.records.map((record) => {
        const id = record.get('id') as string;
        const claims = record.get('claims') as string[];
        const input: HistoryInput =
          record.get('isEvent') === true
            ? {
                kind: 'event',
                id,
                claims: claims.map(decodeEventClaim),
                participations: (toNative(record.get('participations')) as LinkRow[]).map(toLink),
                places: (toNative(record.get('places')) as LinkRow[]).map(toLink),
              }
            : { kind: 'entity', id, claims: claims.map(decodeEntityClaim) };
        return [id, input] as const;
      }),
    );
  });
}

/** An event the sources of a period claim, with those sources (publication order) and the first one's day. */
export interface TouchedEvent {
  readonly eventId: string;
  readonly firstDay: string;
  readonly sourceIds: readonly string[];
}

/** Where a page of touched events starts: after this event of this first day. */
export interface TouchedPosition {
  readonly day: string;
  readonly eventId: string;
}

/**
 * The events the sources published after `from`, up to and including `to` (YYYY-MM-DD) claim:
 * those in their `nodeIds`, and those their participations and places name (`relationshipKeys`),
 * known by `to`. Read from the sources (the range index on publishedEarliest), never from the
 * events. Columns: e, firstDay, sourceIds.
 */
export const TOUCHED_EVENTS = `
  MATCH (s:Source) WHERE s.publishedEarliest > $from AND s.publishedEarliest <= $to
  WITH s, coalesce(s.nodeIds, [])
    + [k IN coalesce(s.relationshipKeys, []) WHERE k STARTS WITH $participated | split(k, $separator)[2]]
    + [k IN coalesce(s.relationshipKeys, []) WHERE k STARTS WITH $tookPlace | split(k, $separator)[1]] AS ids
  UNWIND ids AS id
  MATCH (e:Event {id: id}) WHERE e.knownFrom <= $toText
  WITH e, s ORDER BY s.publishedEarliest, s.id
  WITH e, min(s.publishedEarliest) AS firstDay, collect(DISTINCT s.id) AS sourceIds`;

/** The parameters of TOUCHED_EVENTS for a period (YYYY-MM-DD, `from` exclusive). */
export function touchedParams(from: string, to: string): Record<string, unknown> {
  return {
    from: toNeo4jDate(from),
    to: toNeo4jDate(to),
    toText: to,
    participated: relationshipKeyPrefix('PARTICIPATED_IN'),
    tookPlace: relationshipKeyPrefix('TOOK_PLACE_IN'),
    separator: RELATIONSHIP_KEY_SEPARATOR,
  };
}

/** A page of the touched events, by their first source's day, then id, after `after`. */
export async function findTouchedEvents(
  database: Database,
  from: string,
  to: string,
  after: TouchedPosition | null,
  limit: number,
): Promise<TouchedEvent[]> {
  return database.read('changes', async (tx) => {
    const result = await tx.run(
      `${TOUCHED_EVENTS}
         ${after === null ? '' : 'WHERE firstDay > $afterDay OR (firstDay = $afterDay AND e.id > $afterId)'}
         RETURN e.id AS eventId, toString(firstDay) AS firstDay, sourceIds
         ORDER BY firstDay, eventId LIMIT $limit`,
      {
        ...touchedParams(from, to),
        afterDay: after === null ? null : toNeo4jDate(after.day),
        afterId: after?.eventId ?? null,
        limit: neo4j.int(limit),
      },
    );
    return result.records.map((record) => ({
      eventId: record.get('eventId') as string,
      firstDay: record.get('firstDay') as string,
      sourceIds: record.get('sourceIds') as string[],
    }));
  });
}

/** How many events the sources of the period touch. */
export async function countTouchedEvents(database: Database, from: string, to: string): Promise<number> {
  return database.read('changes-count', async (tx) => {
    const result = await tx.run(`${TOUCHED_EVENTS} RETURN count(e) AS total`, touchedParams(from, to));
    return Number(result.records[0]?.get('total') ?? 0);
  });
}
