import { badUserInput } from '../errors';
import type { Database } from '../neo4j/database';
import { countTimeline, fingerprintTimeline } from '../repositories/timeline.repository';
import type { ChangeFeed } from './change-feed';
import { toCriteria, type TimelineFilterInput } from './timeline.service';

export interface TimelineChange {
  /** The data version after the load or retraction that changed the selection. */
  readonly version: number;
  /** How many events the selection holds now. */
  readonly totalCount: number;
  readonly changedAt: string;
}

/**
 * The largest selection a subscription follows: after every change it is read again (one reading
 * per change and subscriber), so a subscription to a whole corpus is refused.
 */
const LIVE_MAX_EVENTS = 5000;

/**
 * Changes of one timeline selection: after each new data version the selection is read again and
 * a change is reported only when what it shows differs (a load that touches other events is
 * silent). The filter is checked before anything is returned, as `timeline` checks it.
 */
export async function watchTimeline(
  database: Database,
  feed: ChangeFeed,
  filter: TimelineFilterInput,
): Promise<AsyncIterableIterator<TimelineChange>> {
  const criteria = toCriteria(filter);
  // Listen first, so that a change committed while the first reading runs is not missed.
  const versions = feed.versions();
  const read = () => fingerprintTimeline(database.forRequest(), criteria, LIVE_MAX_EVENTS + 1);
  let last: string;
  try {
    const first = await read();
    if (first.total > LIVE_MAX_EVENTS) {
      throw badUserInput(
        `live updates follow selections of at most ${LIVE_MAX_EVENTS} events; this one holds more: narrow the filter`,
        'filter',
      );
    }
    last = first.hash;
  } catch (error) {
    await versions.return?.();
    throw error;
  }
  const changeAt = async (version: number): Promise<TimelineChange | undefined> => {
    const now = await read();
    if (now.hash === last) return undefined;
    last = now.hash;
    // Grown past the bound since: the first events are compared, the count is the whole selection's.
    const totalCount = now.total > LIVE_MAX_EVENTS ? await countTimeline(database.forRequest(), criteria) : now.total;
    return { version, totalCount, changedAt: new Date().toISOString() };
  };
  const changes: AsyncIterableIterator<TimelineChange> = {
    next: async () => {
      for (;;) {
        const step = await versions.next();
        if (step.done) return { done: true, value: undefined };
        const change = await changeAt(step.value);
        if (change) return { done: false, value: change };
      }
    },
    return: async () => {
      await versions.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return changes;
}
