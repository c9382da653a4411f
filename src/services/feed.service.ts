import type { EventDetails, EventModel, SourceModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { findSourcesByIds } from '../repositories/node.repository';
import { countTimeline, findEventDetails, findTimelinePage, type SortOrder } from '../repositories/timeline.repository';
import { toCriteria, type TimelineFilterInput } from './timeline.service';

/** An event with everything a timeline widget shows about it. */
export interface FeedEvent {
  readonly event: EventModel;
  readonly details: EventDetails;
}

export interface FeedSelection {
  readonly events: readonly FeedEvent[];
  readonly sources: ReadonlyMap<string, SourceModel>;
  /** True when the selection held more events than a feed carries. */
  readonly truncated: boolean;
  readonly totalCount: number;
}

/** Most events one feed carries; widgets page with filters beyond that. */
export const FEED_MAX_EVENTS = 500;
const PAGE = 100;

/** Collects a timeline selection with details and sources, for the widget feeds. */
export class FeedService {
  constructor(private readonly database: Database) {}

  async select(filter: TimelineFilterInput, order: SortOrder = 'ASC'): Promise<FeedSelection> {
    const criteria = toCriteria(filter);
    const events: EventModel[] = [];
    let afterKey: string | null = null;
    let more = false;
    for (;;) {
      const page = await findTimelinePage(this.database, criteria, afterKey, order, Math.min(PAGE, FEED_MAX_EVENTS - events.length));
      events.push(...page.events);
      more = page.hasNextPage;
      if (!more || events.length >= FEED_MAX_EVENTS) break;
      afterKey = page.events.at(-1)?.timelineKey ?? null;
    }
    const totalCount = more ? await countTimeline(this.database, criteria) : events.length;
    const details = await findEventDetails(this.database, events.map((event) => event.id));
    const sourceIds = new Set(events.flatMap((event) => event.evidence.map((evidence) => evidence.sourceId)));
    const sources = await findSourcesByIds(this.database, [...sourceIds]);
    return {
      events: events.map((event) => ({
        event,
        details: details.get(event.id) ?? { participants: [], place: null, agreements: [], related: [] },
      })),
      sources,
      truncated: totalCount > events.length,
      totalCount,
    };
  }
}
