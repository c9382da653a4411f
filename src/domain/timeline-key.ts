import type { FuzzyDate } from './fuzzy-date';

/** Orders a precise date before a vaguer one that starts on the same day. */
const PRECISION_RANK = { DAY: 0, MONTH: 1, YEAR: 2 } as const;

/**
 * The key the timeline sorts and pages by: first possible day, then the more precise date first,
 * then the id (`2024-06-19|0|2024-06-19-putin-kim-talks`). Unique, so it is also the cursor.
 */
export function timelineKey(date: Pick<FuzzyDate, 'earliest' | 'precision'>, eventId: string): string {
  return `${date.earliest}|${PRECISION_RANK[date.precision]}|${eventId}`;
}
