import type { EventDetails, EventModel, SourceModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { findNodeClaims, findSourcesByIds } from '../repositories/node.repository';
import { countTimeline, findTimelinePage, type SortOrder } from '../repositories/timeline.repository';
import { toCriteria, type TimelineFilterInput } from './timeline.service';
import { toDateClaims, type DateClaimModel } from './claim-views';

/** An event with everything a timeline widget shows about it. */
export interface FeedEvent {
  readonly event: EventModel;
  readonly details: EventDetails;
  /** Each source's date for the event with the words that state it (what supports the date). */
  readonly dateClaims?: readonly DateClaimModel[];
}

export interface FeedSelection {
  readonly events: readonly FeedEvent[];
  readonly sources: ReadonlyMap<string, SourceModel>;
  /** True when the selection held more events than a feed carries. */
  readonly truncated: boolean;
  readonly totalCount: number;
}

/** Most events one feed carries; widgets page with filters beyond that. */
const FEED_MAX_EVENTS = 500;
const PAGE = 100;

/** Collects a timeline selection with details and sources, for the widget feeds. */
export class FeedService {
  constructor(
    private readonly database: Database,
    /** TIMELINE_HUB_DEGREE, as for the timeline. */
    private readonly hubDegree: number,
  ) {}

  async select(filter: TimelineFilterInput, order: SortOrder = 'ASC'): Promise<FeedSelection> {
    const criteria = toCriteria(filter);
    const events: EventModel[] = [];
    const details = new Map<string, EventDetails>();
    const sources = new Map<string, SourceModel>();
    let afterKey: string | null = null;
    let more = false;
    for (;;) {
      const page = await findTimelinePage(
        this.database,
        criteria,
        afterKey,
        order,
        Math.min(PAGE, FEED_MAX_EVENTS - events.length),
        this.hubDegree,
      );
      events.push(...page.events);
      for (const [id, eventDetails] of page.details) details.set(id, eventDetails);
      for (const [id, source] of page.sources) sources.set(id, source);
      more = page.hasNextPage;
      if (!more || events.length >= FEED_MAX_EVENTS) break;
      afterKey = page.events.at(-1)?.timelineKey ?? null;
    }
    const totalCount = more ? await countTimeline(this.database, criteria) : events.length;
    // Evidence normally cites the sources its event is MENTIONED_IN; fetch any other.
    const claims =
      events.length > 0
        ? await findNodeClaims(
            this.database,
            events.map((event) => event.id),
          )
        : new Map();
    const dateClaims = new Map(events.map((event) => [event.id, toDateClaims(claims.get(event.id) ?? [])]));
    const missing = new Set(
      [
        ...events.flatMap((event) => event.evidence.map((evidence) => evidence.sourceId)),
        ...[...dateClaims.values()].flatMap((list) => list.map((claim) => claim.sourceId)),
      ].filter((id) => !sources.has(id)),
    );
    if (missing.size > 0)
      for (const [id, source] of await findSourcesByIds(this.database, [...missing])) sources.set(id, source);
    return {
      events: events.map((event) => ({
        event,
        details: details.get(event.id) ?? {
          participants: [],
          place: null,
          agreements: [],
          agreementSummaries: [],
          related: [],
        },
        dateClaims: dateClaims.get(event.id) ?? [],
      })),
      sources,
      truncated: totalCount > events.length,
      totalCount,
    };
  }
}
