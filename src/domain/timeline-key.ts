import type { FuzzyDate } from './fuzzy-date';

/**
 * The key the timeline sorts and pages by: first possible day, then the more precise date first,
 * then the id (`2024-06-19|0|2024-06-19-putin-kim-talks`). Unique, so it is also the cursor. This
 * module is the only one that builds, parses or bounds it.
 */

/** Orders a precise date before a vaguer one that starts on the same day. */
export const PRECISION_RANK = { DAY: 0, RANGE: 1, MONTH: 2, YEAR: 3 } as const;

/** Raised whenever PRECISION_RANK changes, so that stored keys are rebuilt (graph-schema.repository). */
export const TIMELINE_KEY_FORMAT = 2;

const KEY = /^\d{4}-\d{2}-\d{2}\|[0-3]\|[a-z0-9-]+$/;

export function timelineKey(date: Pick<FuzzyDate, 'earliest' | 'precision'>, eventId: string): string {
  return `${date.earliest}|${PRECISION_RANK[date.precision]}|${eventId}`;
}

/** True for a well-formed key (what a cursor must hold). */
export function isTimelineKey(text: string): boolean {
  return KEY.test(text);
}

/** The prefix every key of a whole-year date of `year` starts with (they all start on 1 January). */
export function yearKeyPrefix(year: string): string {
  return `${year}-01-01|${PRECISION_RANK.YEAR}|`;
}

/** A bound above every key whose first day is `isoDay` or earlier ('~' sorts after digits and '|'). */
export function keyCeiling(isoDay: string): string {
  return `${isoDay}~`;
}
