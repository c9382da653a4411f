import { parseFuzzyDate } from '../domain/fuzzy-date';
import type { EventDetails, EventModel, SourceModel } from '../domain/types';
import { badUserInput } from '../errors';
import type { Database } from '../neo4j/database';
import { EVENT_TYPES } from '../domain/model';
import { countTimeline, findTimelinePage, type SortOrder } from '../repositories/timeline.repository';
import type { PeriodMatch } from '../repositories/period-filter';
import type { EntityMatch, TimelineCriteria } from '../repositories/timeline-query';
import { decodeCursor, encodeCursor } from './cursor';
import { boundedInt, LIMITS } from './limits';

export interface TimelineFilterInput {
  readonly entityIds?: readonly string[] | null;
  readonly entityMatch?: EntityMatch | null;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly match?: PeriodMatch | null;
  readonly types?: readonly string[] | null;
  readonly placeId?: string | null;
  /** As of this day (YYYY[-MM[-DD]]): not a GraphQL filter field; the fields' `asOf` argument and the feeds' `?asOf=` set it. */
  readonly asOf?: string | null;
}

export interface TimelineArgs {
  readonly filter?: TimelineFilterInput | null;
  readonly first?: number | null;
  readonly after?: string | null;
  readonly order?: SortOrder | null;
}

export interface EventConnection {
  readonly edges: readonly { cursor: string; node: EventModel }[];
  readonly nodes: readonly EventModel[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when a client asks for it (GraphQL calls it): counting reads the whole selection. */
  readonly totalCount: () => Promise<number>;
  /** Fetched with the page, so the event fields of the same request need no query (not GraphQL fields). */
  readonly details: ReadonlyMap<string, EventDetails>;
  readonly sources: ReadonlyMap<string, SourceModel>;
  /** The day the page is the view as of (null: the current view). */
  readonly asOf: string | null;
}

/** Timelines: validated filters, interval-overlap periods, opaque cursors. */
export class TimelineService {
  constructor(
    private readonly database: Database,
    /** TIMELINE_HUB_DEGREE: when the filtered entities are read from the date index. */
    private readonly hubDegree: number,
  ) {}

  async page(args: TimelineArgs): Promise<EventConnection> {
    const first = boundedInt(args.first, LIMITS.timeline, 'first');
    const afterKey = args.after === null || args.after === undefined ? null : decodeCursor(args.after);
    const criteria = toCriteria(args.filter ?? {});
    const page = await findTimelinePage(this.database, criteria, afterKey, args.order ?? 'ASC', first, this.hubDegree);
    const edges = page.events.map((event) => ({ cursor: encodeCursor(event.timelineKey), node: event }));
    return {
      edges,
      nodes: page.events,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: () => countTimeline(this.database, criteria),
      details: page.details,
      sources: page.sources,
      asOf: criteria.asOf,
    };
  }
}

/** Checks the filter and turns its period into the days it spans. */
export function toCriteria(filter: TimelineFilterInput): TimelineCriteria {
  const { fromDay, toDay } = toPeriod(filter.from, filter.to);
  const types = nonEmpty(filter.types, 'filter.types');
  const unknownTypes = (types ?? []).filter((type) => !Object.prototype.hasOwnProperty.call(EVENT_TYPES, type));
  if (unknownTypes.length > 0) {
    throw badUserInput(
      `unknown event type ${unknownTypes.map((type) => `"${type.slice(0, 40)}"`).join(', ')}; one of ${Object.keys(EVENT_TYPES).join(', ')}`,
      'filter.types',
    );
  }
  return {
    entityIds: nonEmpty(filter.entityIds, 'filter.entityIds'),
    entityMatch: filter.entityMatch ?? 'ANY',
    fromDay,
    toDay,
    match: filter.match ?? 'OVERLAPS',
    types,
    placeId: filter.placeId ?? null,
    asOf: asOfDay(filter.asOf),
  };
}

/**
 * The day an `asOf` argument means (YYYY, YYYY-MM or YYYY-MM-DD): its last day, so that "as of
 * June 2024" holds every report of June; null when absent. A malformed or impossible date is
 * BAD_USER_INPUT naming `argument`.
 */
export function asOfDay(value: string | null | undefined, argument = 'asOf'): string | null {
  if (value === null || value === undefined) return null;
  const date = parseFuzzyDate(value);
  if (!date || date.precision === 'RANGE')
    throw badUserInput(
      `${argument} must be a real date written YYYY, YYYY-MM or YYYY-MM-DD (got "${value.slice(0, 40)}")`,
      argument,
    );
  return date.latest;
}

/** A filter's `from`/`to` (YYYY, YYYY-MM or YYYY-MM-DD) as the first and last day they span. */
export function toPeriod(
  fromText: string | null | undefined,
  toText: string | null | undefined,
): { fromDay: string | null; toDay: string | null } {
  const from = periodBound(fromText, 'from');
  const to = periodBound(toText, 'to');
  if (from && to && from.earliest > to.latest) {
    throw badUserInput(`the period is inverted: from ${from.iso} is after to ${to.iso}`, 'filter.from');
  }
  return { fromDay: from?.earliest ?? null, toDay: to?.latest ?? null };
}

function periodBound(value: string | null | undefined, name: string) {
  if (value === null || value === undefined) return undefined;
  const date = parseFuzzyDate(value);
  // A period is given by its bounds; an interval of days is a date of events, not a bound.
  if (!date || date.precision === 'RANGE')
    throw badUserInput(
      `filter.${name} must be a real date written YYYY, YYYY-MM or YYYY-MM-DD (got "${value.slice(0, 40)}")`,
      `filter.${name}`,
    );
  return date;
}

function nonEmpty(values: readonly string[] | null | undefined, argument: string): readonly string[] | null {
  if (values === null || values === undefined) return null;
  if (values.length > 100) throw badUserInput(`${argument} takes at most 100 values`, argument);
  return values;
}
