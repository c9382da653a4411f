import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import type {
  AgreementSummary,
  EntityModel,
  EventDetails,
  EventModel,
  RelationshipModel,
  SourceModel,
} from '../domain/types';
import { AppError, badUserInput } from '../errors';
import type { Database } from '../neo4j/database';
import { toNative } from '../neo4j/values';
import { knownAsOf } from './as-of-cypher';
import { entityAsOf, eventAsOf, relationshipAsOf } from './as-of-view';
import { HEAD_PARAMS, leadingAtEvent } from './head-leadership';
import { NODE_PROJECTION, RELATIONSHIP_PROJECTION, SOURCE_PROJECTION, toSourceModel } from './node-mapper';
import { selectionBranches, selectionParams, type SelectionPlan, type TimelineCriteria } from './timeline-query';

export type { TimelineCriteria } from './timeline-query';

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
 * Resolves the filter's ids (an id a bundle gave a merged entity finds that entity) and decides
 * how to read the selection from the entities' degrees, in one round trip. Ids that name no
 * entity are NOT_FOUND, naming each; a place that is not a Place or Country is BAD_USER_INPUT.
 */
async function planSelection(
  tx: ManagedTransaction,
  criteria: TimelineCriteria,
  hubDegree: number,
): Promise<{ criteria: TimelineCriteria; plan: SelectionPlan }> {
  const ids = [...(criteria.entityIds ?? []), ...(criteria.placeId !== null ? [criteria.placeId] : [])];
  if (ids.length === 0) return { criteria, plan: { hub: false, anchorId: null } };
  const result = await tx.run(
    `UNWIND $ids AS id
     OPTIONAL MATCH (n:Entity {id: id})
     OPTIONAL MATCH (:Redirect {id: id})-[:SAME_AS]->(r:Entity)
     WITH id, coalesce(n, r) AS x
     RETURN id, x.id AS stored, [l IN labels(x) WHERE l <> 'Entity'][0] AS label,
       CASE WHEN x IS NULL THEN 0 ELSE COUNT { (x)--() } + reduce(total = 0, events IN ${HEADED_COUNTRY_EVENTS('x')} | total + events) END AS degree`,
    { ids: [...new Set(ids)], ...HEAD_PARAMS },
  );
  const found = new Map(
    result.records.map((record) => [
      record.get('id') as string,
      {
        id: record.get('stored') as string | null,
        label: record.get('label') as string | null,
        degree: Number(record.get('degree')),
      },
    ]),
  );
  const unknown = [...found].filter(([, node]) => node.id === null).map(([id]) => id);
  if (unknown.length > 0) {
    const list = unknown
      .slice(0, 10)
      .map((id) => `"${id.slice(0, 80)}"`)
      .join(', ');
    throw new AppError(
      'NOT_FOUND',
      `no entity has id ${list}${unknown.length > 10 ? ` (and ${unknown.length - 10} more)` : ''}`,
      { ids: unknown.slice(0, 100) },
    );
  }
  const place = criteria.placeId !== null ? found.get(criteria.placeId) : undefined;
  if (place && place.label !== 'Place' && place.label !== 'Country') {
    throw badUserInput(`placeId "${criteria.placeId}" is a ${place.label}, not a Place or Country`, 'filter.placeId');
  }
  const entities = [
    ...new Map(
      (criteria.entityIds ?? [])
        .map((id) => found.get(id))
        .filter((node) => node !== undefined)
        .map((node) => [node.id as string, node]),
    ).values(),
  ];
  const resolved = {
    ...criteria,
    entityIds: criteria.entityIds && entities.map((node) => node.id as string),
    placeId: place?.id ?? null,
  };
  if (!criteria.entityIds) return { criteria: resolved, plan: { hub: false, anchorId: null } };
  if (criteria.entityMatch === 'ALL') {
    const anchor = [...entities].sort((a, b) => a.degree - b.degree)[0];
    return { criteria: resolved, plan: { hub: (anchor?.degree ?? 0) > hubDegree, anchorId: anchor?.id ?? null } };
  }
  return {
    criteria: resolved,
    plan: { hub: entities.reduce((sum, node) => sum + node.degree, 0) > hubDegree, anchorId: null },
  };
}

/**
 * The participations of each country `x` heads, as a Cypher list: a head's timeline reaches its
 * countries' summits, so their events count towards its degree (each a stored degree, not a walk).
 */
const HEADED_COUNTRY_EVENTS = (x: string) =>
  `COLLECT { MATCH (${x})<-[lead:LED_BY]-(country:Country) WHERE lead.role IN $headRoles RETURN COUNT { (country)-[:PARTICIPATED_IN]->() } }`;

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
  /** Entities with more relationships than this together are read from the date index (TIMELINE_HUB_DEGREE). */
  hubDegree: number,
): Promise<TimelinePage> {
  const direction = order === 'ASC' ? 'ASC' : 'DESC';
  const asOf = criteria.asOf;
  return database.read('timeline-page', async (tx) => {
    const { criteria: resolved, plan } = await planSelection(tx, criteria, hubDegree);
    const params = {
      ...selectionParams(resolved, plan),
      afterKey: afterKey ?? (order === 'ASC' ? '' : '\uffff'),
      limit: neo4j.int(limit + 1),
    };
    const branches = selectionBranches(resolved, plan, order === 'ASC' ? '>' : '<').map(
      ({ cypher, key }) => `${cypher} RETURN e, ${key} AS key ORDER BY key ${direction} LIMIT $limit`,
    );
    // The page with its details and sources in one round trip: a page is what clients show, and
    // separate queries for details and sources tripled the transactions per page.
    const page = await tx.run(
      `CALL { ${branches.join(' UNION ')} }
       WITH e, key ORDER BY key ${direction} LIMIT $limit
       RETURN ${NODE_PROJECTION('e', asOf !== null)} AS event, ${DETAILS_PROJECTION('e', asOf !== null)},
         [(e)-[:MENTIONED_IN]->(s:Source)${asOf !== null ? ' WHERE s.publishedEarliest <= date($asOf)' : ''} | ${SOURCE_PROJECTION('s')}] AS sources
       ORDER BY key ${direction}`,
      params,
    );
    const records = page.records.slice(0, limit);
    return {
      events: records.map((record) => eventAsOf(record.get('event'), asOf) as EventModel),
      hasNextPage: page.records.length > limit,
      details: new Map(records.map((record) => [record.get('id') as string, toEventDetails(record, asOf)])),
      sources: new Map(
        records
          .flatMap((record) => (record.get('sources') as unknown[]).map(toSourceModel))
          .map((source) => [source.id, source]),
      ),
    };
  });
}

/**
 * The whole selection as one `CALL { … }` yielding `e`: the same branches as a page, without
 * cursor or limit, expanded from the entities even for a hub (reading it all costs the same).
 */
async function wholeSelection(
  tx: ManagedTransaction,
  criteria: TimelineCriteria,
): Promise<{ call: string; params: Record<string, unknown> }> {
  const selection = await planSelection(tx, criteria, Number.POSITIVE_INFINITY);
  const plan = { ...selection.plan, hub: false };
  const branches = selectionBranches(selection.criteria, plan, null).map(({ cypher }) => `${cypher} RETURN e`);
  return { call: `CALL { ${branches.join(' UNION ')} }`, params: selectionParams(selection.criteria, plan) };
}

/** How many events the selection holds. */
export async function countTimeline(database: Database, criteria: TimelineCriteria): Promise<number> {
  return database.read('timeline-count', async (tx) => {
    const { call, params } = await wholeSelection(tx, criteria);
    const result = await tx.run(`${call} RETURN count(e) AS total`, params);
    return Number(result.records[0]?.get('total') ?? 0);
  });
}

/**
 * What a timeline widget shows of the selection, as one hash: each event's id, place in time,
 * titles, whether disputed, participants with roles, places, and the number and length of its
 * claims (a new source's claim, a changed quote). Equal hashes: the selection looks the same.
 */
export async function fingerprintTimeline(
  database: Database,
  criteria: TimelineCriteria,
  /** Events read at most (the first by time); `total` tells when the selection holds more. */
  limit: number,
): Promise<{ total: number; hash: string }> {
  return database.read('timeline-fingerprint', async (tx) => {
    const { call, params } = await wholeSelection(tx, criteria);
    const result = await tx.run(
      `${call}
         WITH e ORDER BY e.timelineKey LIMIT $limit
         RETURN count(e) AS total, collect([e.id, e.timelineKey, e.title, e.titleEn, e:Disputed,
           size(coalesce(e.claims, [])), reduce(length = 0, claim IN coalesce(e.claims, []) | length + size(claim)),
           [(x:Entity)-[r:PARTICIPATED_IN]->(e) | x.id + ' ' + r.role],
           [(e)-[:TOOK_PLACE_IN]->(p:Entity) | p.id]]) AS rows`,
      { ...params, limit: neo4j.int(limit) },
    );
    const record = result.records[0];
    // Pattern comprehensions list in storage order, which a rewrite may change: sort them.
    const rows = (toNative(record?.get('rows') ?? []) as unknown[][]).map((row) =>
      row.map((value) => (Array.isArray(value) ? [...(value as string[])].sort() : value)),
    );
    const hash = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    return { total: Number(record?.get('total') ?? 0), hash };
  });
}

/**
 * Cypher returning `id`, `participants`, `heads`, `places`, `agreements`, `agreementSummaries` and
 * `related` of event `e`; `asOf`: only what was known then, with the claims to resolve it again.
 */
const DETAILS_PROJECTION = (e: string, asOf = false) => {
  const known = (...names: string[]) => (asOf ? ` WHERE ${names.map(knownAsOf).join(' AND ')}` : '');
  const node = (v: string) => NODE_PROJECTION(v, asOf);
  const relation = (v: string) => RELATIONSHIP_PROJECTION(v, asOf);
  return `${e}.id AS id,
  [(x:Entity)-[r:PARTICIPATED_IN]->(${e})${known('x', 'r')} | {role: r.role, title: r.title, entity: ${node('x')}${asOf ? `, relation: ${relation('r')}` : ''}}] AS participants,
  [(h:Person)<-[lead:LED_BY]-(c:Country)-[p:PARTICIPATED_IN]->(${e}) WHERE ${leadingAtEvent('lead', e, asOf)}${asOf ? ` AND ${['h', 'lead', 'c', 'p'].map(knownAsOf).join(' AND ')}` : ''} | {role: lead.role, title: lead.title, entity: ${node('h')}, via: ${relation('lead')}}] AS heads,
  [(${e})-[t:TOOK_PLACE_IN]->(p:Entity)${known('t', 'p')} | ${node('p')}] AS places,
  [(${e})-[pr:PRODUCED]->(a:Agreement)${known('pr', 'a')} | ${node('a')}] AS agreements,
  ${
    asOf
      ? `[(${e})-[pr:PRODUCED]->(a:Agreement)${known('pr', 'a')} | {agreement: ${node('a')}, signatories: [(s)-[sg:SIGNED]->(a)${known('s', 'sg')} | ${node('s')}], parties: [(p)-[pt:PARTY_TO]->(a)${known('p', 'pt')} | ${node('p')}]}]`
      : `[(${e})-[:PRODUCED]->(a:Agreement) | {id: a.id, name: a.name, signatories: [(s)-[:SIGNED]->(a) | s.name], parties: [(p)-[:PARTY_TO]->(a) | p.name]}]`
  } AS agreementSummaries,
  [(${e})-[rr:REFERENCES|PART_OF]-(o:Event)${known('rr', 'o')} | ${node('o')}] AS related`;
};

/** Maps the columns of DETAILS_PROJECTION (as of `asOf`, when given). */
function toEventDetails(record: Neo4jRecord, asOf: string | null): EventDetails {
  const entity = (value: unknown) => entityAsOf(value, asOf) as EntityModel;
  const participants = (
    record.get('participants') as { role: string; title: string | null; entity: unknown; relation: unknown }[]
  )
    .map((item) => ({
      role: item.role,
      title: asOf === null ? (item.title ?? null) : (relationshipAsOf(item.relation, asOf)?.titles[0] ?? null),
      entity: entity(item.entity),
    }))
    .sort((a, b) => a.role.localeCompare(b.role) || a.entity.name.localeCompare(b.entity.name));
  const heads = (record.get('heads') as { role: string; title: string | null; entity: unknown; via: unknown }[])
    .map((item) => {
      const via = relationshipAsOf(item.via, asOf) as RelationshipModel;
      return {
        role: item.role,
        title: asOf === null ? (item.title ?? null) : (via.titles[0] ?? null),
        entity: entity(item.entity),
        via,
      };
    })
    // A country taking part in two roles reaches its head twice: one entry per head and leadership.
    .filter(
      (head, index, all) =>
        all.findIndex(
          (other) =>
            other.via.from === head.via.from && other.via.to === head.via.to && other.via.role === head.via.role,
        ) === index,
    )
    .sort((a, b) => a.via.from.localeCompare(b.via.from) || a.entity.name.localeCompare(b.entity.name));
  // The most specific place: a city before the country it lies in.
  const places = (record.get('places') as unknown[])
    .map(entity)
    .sort((a, b) => Number(a.label === 'Country') - Number(b.label === 'Country'));
  const related = new Map(
    (record.get('related') as unknown[])
      .map((value) => eventAsOf(value, asOf) as EventModel)
      .map((event) => [event.id, event]),
  );
  // As of a day, the names then: the nodes come whole, to be resolved again.
  const summaries = (record.get('agreementSummaries') as Record<string, unknown>[]).map((summary) => {
    if (asOf === null) return summary as unknown as AgreementSummary;
    const agreement = entity(summary.agreement);
    const names = (values: unknown) => (values as unknown[]).map((value) => entity(value).name);
    return {
      id: agreement.id,
      name: agreement.name,
      signatories: names(summary.signatories),
      parties: names(summary.parties),
    };
  });
  return {
    participants,
    heads,
    place: places[0] ?? null,
    agreements: (record.get('agreements') as unknown[]).map(entity).sort((a, b) => a.id.localeCompare(b.id)),
    agreementSummaries: summaries
      .map((summary) => ({
        ...summary,
        signatories: [...summary.signatories].sort(),
        parties: [...summary.parties].sort(),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    related: [...related.values()].sort((a, b) => a.timelineKey.localeCompare(b.timelineKey)),
  };
}

/** Participants, place, agreements and related events of many events, in one round trip. */
export async function findEventDetails(
  database: Database,
  ids: readonly string[],
  asOf: string | null = null,
): Promise<Map<string, EventDetails>> {
  return database.read('event-details', async (tx) => {
    const result = await tx.run(
      `UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN ${DETAILS_PROJECTION('e', asOf !== null)}`,
      { ids, asOf, ...HEAD_PARAMS },
    );
    return new Map(result.records.map((record) => [record.get('id') as string, toEventDetails(record, asOf)]));
  });
}
