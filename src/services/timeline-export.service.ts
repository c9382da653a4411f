import type { EventDetails, SourceModel } from '../domain/types';
import { AppError } from '../errors';
import type { Database } from '../neo4j/database';
import { findSourcesByIds } from '../repositories/node.repository';
import { countTimeline, findTimelinePage, type SortOrder } from '../repositories/timeline.repository';
import type { FeedEvent } from './feed.service';
import { toCriteria, type TimelineFilterInput } from './timeline.service';

/** A page of an export: its events with their details, and every source their evidence cites. */
export interface ExportPage {
  readonly events: readonly FeedEvent[];
  readonly sources: ReadonlyMap<string, SourceModel>;
}

/** A checked selection: how many events it holds, and its pages in timeline order, read as they are written. */
export interface TimelineExport {
  readonly totalCount: number;
  readonly pages: AsyncIterable<ExportPage>;
}

/** Events read per round trip while an export streams. */
const EXPORT_PAGE = 200;

const NO_DETAILS: EventDetails = { participants: [], place: null, agreements: [], agreementSummaries: [], related: [] };

/**
 * Opens an export of a timeline selection (the filter and order of Query.timeline): checks the
 * filter, counts the selection (NOT_FOUND for unknown ids) and refuses it as BAD_USER_INPUT when it
 * holds more than `maxEvents`, before anything is written. The pages are then read one round trip
 * at a time, each with its own deadline, so a long export is bounded by its size, not by one timeout.
 */
export async function openTimelineExport(
  database: Database,
  hubDegree: number,
  filter: TimelineFilterInput,
  order: SortOrder,
  maxEvents: number,
): Promise<TimelineExport> {
  const criteria = toCriteria(filter);
  const totalCount = await countTimeline(database.forRequest(), criteria);
  if (totalCount > maxEvents) {
    throw new AppError(
      'BAD_USER_INPUT',
      `the selection holds ${totalCount} events, more than the ${maxEvents} an export carries: narrow it with from, to, type, entity or place`,
      { argument: 'selection', totalCount, maxEvents },
    );
  }
  async function* pages(): AsyncGenerator<ExportPage> {
    let afterKey: string | null = null;
    let read = 0;
    while (read < maxEvents) {
      const page = await findTimelinePage(
        database.forRequest(),
        criteria,
        afterKey,
        order,
        Math.min(EXPORT_PAGE, maxEvents - read),
        hubDegree,
      );
      if (page.events.length === 0) return;
      read += page.events.length;
      const sources = new Map(page.sources);
      // Evidence normally cites the sources its event is MENTIONED_IN; fetch any other.
      const missing = new Set(
        page.events
          .flatMap((event) => event.evidence.map((evidence) => evidence.sourceId))
          .filter((id) => !sources.has(id)),
      );
      if (missing.size > 0)
        for (const [id, source] of await findSourcesByIds(database.forRequest(), [...missing])) sources.set(id, source);
      yield {
        events: page.events.map((event) => ({ event, details: page.details.get(event.id) ?? NO_DETAILS })),
        sources,
      };
      if (!page.hasNextPage) return;
      afterKey = page.events.at(-1)?.timelineKey ?? null;
    }
    // Events were added while the file was written: it would end short of the selection unnoticed,
    // so the download fails (the connection is cut) instead.
    throw new AppError('CONFLICT', 'the selection grew past the export limit while it was written: export it again');
  }
  return { totalCount, pages: pages() };
}
