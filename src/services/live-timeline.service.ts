import type { Database } from '../neo4j/database';
import { fingerprintTimeline } from '../repositories/timeline.repository';
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
  let last: string;
  try {
    last = (await fingerprintTimeline(database.forRequest(), criteria)).hash;
  } catch (error) {
    await versions.return?.();
    throw error;
  }
  const changeAt = async (version: number): Promise<TimelineChange | undefined> => {
    const now = await fingerprintTimeline(database.forRequest(), criteria);
    if (now.hash === last) return undefined;
    last = now.hash;
    return { version, totalCount: now.total, changedAt: new Date().toISOString() };
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
