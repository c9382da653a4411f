import fc from 'fast-check';
import { claimsAsOf, claimTextsAsOf } from '../../src/domain/as-of';
import { decodeEventClaim, decodeRelationshipClaim, resolveEvent, resolveRelationship } from '../../src/domain/claims';
import { parseFuzzyDate } from '../../src/domain/fuzzy-date';
import { EVENT_TYPES, HEAD_LED_EVENT_TYPES } from '../../src/domain/model';
import { HEAD_ROLES } from '../../src/domain/roles';
import type { Database } from '../../src/neo4j/database';
import { toNative } from '../../src/neo4j/values';
import type { TestServer } from './server';

const TYPES = Object.keys(EVENT_TYPES);

/**
 * A reference implementation of the timeline semantics (README, "What the queries mean"), written
 * from the rules rather than from the Cypher, over an in-memory copy of the graph. Tests only:
 * slow on purpose, obviously right.
 */

interface OracleEvent {
  readonly id: string;
  readonly key: string;
  readonly type: string;
  readonly earliest: string;
  readonly latest: string;
  readonly disputed: boolean;
  readonly claims: readonly { earliest: string; latest: string }[];
  /** Its claims as stored (one JSON string per source). */
  readonly stored?: readonly string[];
}

interface Edge {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly role: string | null;
  /** A leadership's first and last possible day (YYYY-MM-DD); null: open. */
  readonly since?: string | null;
  readonly until?: string | null;
  readonly stored?: readonly string[];
}

export interface OracleFilter {
  readonly entityIds?: readonly string[];
  readonly entityMatch?: 'ANY' | 'ALL';
  /** First and last day of the period (YYYY-MM-DD). */
  readonly fromDay?: string;
  readonly toDay?: string;
  readonly match?: 'OVERLAPS' | 'WITHIN';
  readonly types?: readonly string[];
  readonly placeId?: string;
}

export class TimelineOracle {
  /** Edges by `id|TYPE`, out of and into each node; participations as sets (a hub has thousands). */
  private readonly out = new Map<string, Edge[]>();
  private readonly in = new Map<string, Edge[]>();
  private readonly participations = new Map<string, Set<string>>();
  private readonly eventsById: ReadonlyMap<string, OracleEvent>;

  constructor(
    readonly events: readonly OracleEvent[],
    readonly labels: ReadonlyMap<string, readonly string[]>,
    private readonly edges: readonly Edge[],
    /** Each entity's and event's stored claims, for views as of a day. */
    private readonly nodeClaims: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    const add = (index: Map<string, Edge[]>, key: string, edge: Edge) => {
      const list = index.get(key);
      if (list) list.push(edge);
      else index.set(key, [edge]);
    };
    this.eventsById = new Map(events.map((event) => [event.id, event]));
    for (const edge of edges) {
      add(this.out, `${edge.from}|${edge.type}`, edge);
      add(this.in, `${edge.to}|${edge.type}`, edge);
      if (edge.type === 'PARTICIPATED_IN') {
        const events = this.participations.get(edge.from) ?? new Set<string>();
        this.participations.set(edge.from, events.add(edge.to));
      }
    }
  }

  /**
   * Reads every event, entity label and fact relationship of the database; `asOf` (YYYY-MM-DD):
   * only what the sources published by then claim, each view resolved again from those claims by
   * the resolution rule (src/domain/claims.ts), as README's "As of a date" says.
   */
  static async read(database: Database, asOf?: string): Promise<TimelineOracle> {
    const oracle = await TimelineOracle.readCurrent(database);
    return asOf === undefined ? oracle : oracle.asOf(asOf);
  }

  private static async readCurrent(database: Database): Promise<TimelineOracle> {
    return database.read('test', async (tx) => {
      const events = await tx.run(
        `MATCH (e:Event) RETURN e.id AS id, e.timelineKey AS key, e.type AS type, toString(e.dateEarliest) AS earliest, toString(e.dateLatest) AS latest,
           e:Disputed AS disputed, [d IN coalesce(e.claimEarliest, []) | toString(d)] AS claimEarliest, [d IN coalesce(e.claimLatest, []) | toString(d)] AS claimLatest,
           e.claims AS stored`,
      );
      const nodes = await tx.run(
        'MATCH (n) WHERE n:Entity OR n:Event RETURN n.id AS id, labels(n) AS labels, n.claims AS stored',
      );
      const edges = await tx.run(
        `MATCH (a)-[r]->(b) WHERE type(r) IN ['PARTICIPATED_IN', 'LED_BY', 'MEMBER_OF', 'REPRESENTS', 'TOOK_PLACE_IN', 'LOCATED_IN', 'PRODUCED', 'CONCERNS', 'PARTY_TO', 'SIGNED']
         RETURN type(r) AS type, a.id AS from, b.id AS to, r.role AS role, toString(r.since) AS since, toString(r.until) AS until, r.claims AS stored`,
      );
      return new TimelineOracle(
        events.records.map((record) => {
          const row = toNative(record.toObject()) as Record<string, unknown>;
          const claimEarliest = row.claimEarliest as string[];
          const claimLatest = row.claimLatest as string[];
          return {
            id: String(row.id),
            key: String(row.key),
            type: String(row.type),
            earliest: String(row.earliest),
            latest: String(row.latest),
            disputed: row.disputed === true,
            claims: claimEarliest.map((earliest, index) => ({ earliest, latest: claimLatest[index] as string })),
            stored: (row.stored as string[] | null) ?? [],
          };
        }),
        new Map(nodes.records.map((record) => [record.get('id') as string, record.get('labels') as string[]])),
        edges.records.map((record) => ({
          type: record.get('type'),
          from: record.get('from'),
          to: record.get('to'),
          role: record.get('role') ?? null,
          since: record.get('since') ?? null,
          until: record.get('until') ?? null,
          stored: record.get('stored') ?? [],
        })),
        new Map(nodes.records.map((record) => [record.get('id') as string, (record.get('stored') as string[]) ?? []])),
      );
    });
  }

  /** The graph as the sources published by `day` tell it: each event, node and relationship resolved from their claims alone. */
  private asOf(day: string): TimelineOracle {
    const events = this.events.flatMap((event) => {
      const claims = claimsAsOf((event.stored ?? []).map(decodeEventClaim), day);
      if (claims.length === 0) return [];
      const view = resolveEvent(event.id, claims);
      return [
        {
          id: event.id,
          key: view.timelineKey,
          type: view.type,
          earliest: view.date.earliest,
          latest: view.date.latest,
          disputed: view.disputed,
          claims: view.claimedDates.map(({ date }) => ({ earliest: date.earliest, latest: date.latest })),
        },
      ];
    });
    const known = new Set(
      [...this.nodeClaims].filter(([, stored]) => claimTextsAsOf(stored, day).length > 0).map(([id]) => id),
    );
    const edges = this.edges.flatMap((edge) => {
      const claims = claimsAsOf((edge.stored ?? []).map(decodeRelationshipClaim), day);
      if (claims.length === 0 || !known.has(edge.from) || !known.has(edge.to)) return [];
      const view = resolveRelationship(claims);
      return [{ ...edge, since: view.since, until: view.until }];
    });
    return new TimelineOracle(
      events,
      new Map([...this.labels].filter(([id]) => known.has(id))),
      edges,
      new Map([...this.nodeClaims].filter(([id]) => known.has(id))),
    );
  }

  private outgoing(id: string, type: string): readonly Edge[] {
    return this.out.get(`${id}|${type}`) ?? [];
  }

  private incoming(id: string, type: string): readonly Edge[] {
    return this.in.get(`${id}|${type}`) ?? [];
  }

  private is(id: string, label: string): boolean {
    return this.labels.get(id)?.includes(label) ?? false;
  }

  private participates(id: string, eventId: string): boolean {
    return this.participations.get(id)?.has(eventId) ?? false;
  }

  /** Whether the event involves the entity, rule by rule. */
  involves(eventId: string, entityId: string): boolean {
    if (this.participates(entityId, eventId)) return true;
    // Down: a delegation it leads or belongs to takes part.
    if (
      this.incoming(entityId, 'LED_BY').some(
        (edge) => this.is(edge.from, 'Delegation') && this.participates(edge.from, eventId),
      )
    )
      return true;
    if (
      this.outgoing(entityId, 'MEMBER_OF').some(
        (edge) => this.is(edge.to, 'Delegation') && this.participates(edge.to, eventId),
      )
    )
      return true;
    // Down, for a head: a summit, state visit, talks or signing of a country it led at that date.
    const event = this.eventsById.get(eventId);
    if (
      event &&
      (HEAD_LED_EVENT_TYPES as readonly string[]).includes(event.type) &&
      this.incoming(entityId, 'LED_BY').some(
        (edge) =>
          HEAD_ROLES.includes(edge.role as never) &&
          this.is(edge.from, 'Country') &&
          (edge.since == null || edge.since <= event.latest) &&
          (edge.until == null || edge.until >= event.earliest) &&
          this.participates(edge.from, eventId),
      )
    )
      return true;
    // Up: a delegation or organization acting for it, or its head of state or government.
    if (
      this.incoming(entityId, 'REPRESENTS').some(
        (edge) =>
          (this.is(edge.from, 'Delegation') || this.is(edge.from, 'Organization')) &&
          this.participates(edge.from, eventId),
      )
    )
      return true;
    if (
      this.outgoing(entityId, 'LED_BY').some(
        (edge) =>
          HEAD_ROLES.includes(edge.role as never) && this.is(edge.to, 'Person') && this.participates(edge.to, eventId),
      )
    )
      return true;
    // As the place, or the country containing it.
    const places = this.outgoing(eventId, 'TOOK_PLACE_IN').map((edge) => edge.to);
    if (places.includes(entityId)) return true;
    if (
      places.some(
        (place) => this.is(place, 'Place') && this.outgoing(place, 'LOCATED_IN').some((edge) => edge.to === entityId),
      )
    )
      return true;
    // As what it produced or concerns, or a party or signatory of an agreement it produced or concerns.
    const about = [...this.outgoing(eventId, 'PRODUCED'), ...this.outgoing(eventId, 'CONCERNS')].map((edge) => edge.to);
    if (about.includes(entityId)) return true;
    const agreements = [...this.outgoing(entityId, 'PARTY_TO'), ...this.outgoing(entityId, 'SIGNED')].map(
      (edge) => edge.to,
    );
    return agreements.some((agreement) => this.is(agreement, 'Agreement') && about.includes(agreement));
  }

  private inPeriod(event: OracleEvent, filter: OracleFilter): boolean {
    const from = filter.fromDay ?? '0000-01-01';
    const to = filter.toDay ?? '9999-12-31';
    const overlaps = (span: { earliest: string; latest: string }) => span.latest >= from && span.earliest <= to;
    const within = (span: { earliest: string; latest: string }) => span.earliest >= from && span.latest <= to;
    if (filter.match === 'WITHIN') return within(event) && (!event.disputed || event.claims.every(within));
    return overlaps(event) || (event.disputed && event.claims.some(overlaps));
  }

  private tookPlaceIn(eventId: string, placeId: string): boolean {
    return this.outgoing(eventId, 'TOOK_PLACE_IN').some(
      (edge) => edge.to === placeId || this.outgoing(edge.to, 'LOCATED_IN').some((inner) => inner.to === placeId),
    );
  }

  /** The ids of the selected events, in timeline order. */
  timeline(filter: OracleFilter, order: 'ASC' | 'DESC' = 'ASC'): string[] {
    const selected = this.events.filter((event) => {
      if (filter.entityIds) {
        const hits = filter.entityIds.map((id) => this.involves(event.id, id));
        if (filter.entityMatch === 'ALL' ? !hits.every(Boolean) : !hits.some(Boolean)) return false;
      }
      if ((filter.fromDay || filter.toDay) && !this.inPeriod(event, filter)) return false;
      if (filter.types && !filter.types.includes(event.type)) return false;
      if (filter.placeId && !this.tookPlaceIn(event.id, filter.placeId)) return false;
      return true;
    });
    const sorted = selected.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((event) => event.id);
    return order === 'DESC' ? sorted.reverse() : sorted;
  }
}

/** A TimelineFilter as the API takes it. */
export interface ApiFilter {
  entityIds?: string[];
  entityMatch?: 'ANY' | 'ALL';
  from?: string;
  to?: string;
  match?: 'OVERLAPS' | 'WITHIN';
  types?: string[];
  placeId?: string;
}

/** A date of any precision in the given years. */
const isoDate = (years: [number, number]) =>
  fc
    .tuple(
      fc.integer({ min: years[0], max: years[1] }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.constantFrom('YEAR', 'MONTH', 'DAY'),
    )
    .map(([year, month, day, precision]) => {
      const mm = String(month).padStart(2, '0');
      return precision === 'YEAR'
        ? String(year)
        : precision === 'MONTH'
          ? `${year}-${mm}`
          : `${year}-${mm}-${String(day).padStart(2, '0')}`;
    });

/** Random filters over these entities and places, periods in these years, both orders, small pages. */
export function filterArbitrary(
  entities: readonly string[],
  places: readonly string[],
  years: [number, number],
): fc.Arbitrary<{ filter: ApiFilter; order: 'ASC' | 'DESC'; first: number }> {
  return fc
    .record({
      entityIds: fc.option(fc.uniqueArray(fc.constantFrom(...entities), { minLength: 1, maxLength: 3 }), {
        nil: undefined,
      }),
      entityMatch: fc.option(fc.constantFrom('ANY' as const, 'ALL' as const), { nil: undefined }),
      from: fc.option(isoDate(years), { nil: undefined }),
      to: fc.option(isoDate(years), { nil: undefined }),
      match: fc.option(fc.constantFrom('OVERLAPS' as const, 'WITHIN' as const), { nil: undefined }),
      types: fc.option(fc.uniqueArray(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 3 }), {
        freq: 3,
        nil: undefined,
      }),
      placeId: fc.option(fc.constantFrom(...places), { freq: 4, nil: undefined }),
      order: fc.constantFrom('ASC' as const, 'DESC' as const),
      first: fc.integer({ min: 1, max: 7 }),
    })
    .map(({ order, first, ...filter }) => {
      // An inverted period is refused (tested elsewhere); swap it.
      if (
        filter.from &&
        filter.to &&
        (parseFuzzyDate(filter.from)?.earliest ?? '') > (parseFuzzyDate(filter.to)?.latest ?? '')
      ) {
        [filter.from, filter.to] = [filter.to, filter.from];
      }
      const defined = Object.fromEntries(
        Object.entries(filter).filter(([, value]) => value !== undefined),
      ) as ApiFilter;
      return { filter: defined, order, first };
    });
}

export function toOracleFilter(filter: ApiFilter): OracleFilter {
  return {
    ...filter,
    fromDay: filter.from ? parseFuzzyDate(filter.from)?.earliest : undefined,
    toDay: filter.to ? parseFuzzyDate(filter.to)?.latest : undefined,
  };
}

/** Walks the API's pages with cursors (at most `maxPages`); returns the ids and the first page's totalCount. */
export async function walk(
  server: TestServer,
  filter: ApiFilter,
  order: 'ASC' | 'DESC',
  first: number,
  maxPages: number,
  /** As of this day (YYYY-MM-DD). */
  asOf?: string,
): Promise<{ ids: string[]; totalCount: number; complete: boolean }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let page = 0; page < maxPages; page += 1) {
    const { body } = await server.graphql(
      `query ($filter: TimelineFilter, $first: Int, $after: String, $order: SortOrder, $asOf: String) {
         timeline(filter: $filter, first: $first, after: $after, order: $order, asOf: $asOf) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { filter, first, after, order, asOf: asOf ?? null },
    );
    if (body.errors) throw new Error(`${JSON.stringify(filter)}: ${JSON.stringify(body.errors)}`);
    const timeline = body.data?.timeline as {
      totalCount: number;
      nodes: { id: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    if (page === 0) totalCount = timeline.totalCount;
    ids.push(...timeline.nodes.map((node) => node.id));
    if (!timeline.pageInfo.hasNextPage) return { ids, totalCount, complete: true };
    after = timeline.pageInfo.endCursor;
  }
  return { ids, totalCount, complete: false };
}
