/**
 * The period filter as Cypher predicates on an event variable, for every query that selects
 * events by date (the timeline, the connections' middle events). Days come as the parameters
 * `$fromDay` and `$toDay`; dates are read from their stored properties (stored-date.ts), and a
 * disputed event's claimed dates from `claimEarliest`/`claimLatest`.
 */
import { asOfEventFields, claimCounts, currentEventFields } from './as-of-cypher';

export type PeriodMatch = 'OVERLAPS' | 'WITHIN';

export interface Period {
  /** First day of the period (YYYY-MM-DD). */
  readonly fromDay: string | null;
  /** Last day of the period (YYYY-MM-DD), inclusive. */
  readonly toDay: string | null;
  /** OVERLAPS: the event may fall in the period; WITHIN: it is known to fall inside it. */
  readonly match: PeriodMatch;
}

export function hasPeriod(period: Period): boolean {
  return period.fromDay !== null || period.toDay !== null;
}

/** Bounds of one date (its first and last possible day, as Cypher) against the period. */
function bounds(period: Period, earliest: string, latest: string): string[] {
  const within = period.match === 'WITHIN';
  return [
    period.fromDay !== null ? `${within ? earliest : latest} >= date($fromDay)` : '',
    period.toDay !== null ? `${within ? latest : earliest} <= date($toDay)` : '',
  ].filter(Boolean);
}

/** The event's resolved date against the period, one predicate per bound (what the date index serves). */
export function resolvedInPeriod(event: string, period: Period, fields = currentEventFields(event)): string[] {
  return bounds(period, fields.earliest, fields.latest);
}

/**
 * A disputed event overlaps a period when any source's date does (it is listed once, at its
 * resolved date); it is within a period only when every source's date is.
 */
export function claimsInPeriod(event: string, period: Period, asOf = false): string {
  const claimed = bounds(period, `${event}.claimEarliest[i]`, `${event}.claimLatest[i]`).join(' AND ');
  const counts = claimCounts(event, 'i', asOf);
  if (!counts) {
    const quantifier = period.match === 'WITHIN' ? 'all' : 'any';
    return `${quantifier}(i IN range(0, size(${event}.claimEarliest) - 1) WHERE ${claimed})`;
  }
  // As of a day, only the claims published by then count.
  return period.match === 'WITHIN'
    ? `all(i IN range(0, size(${event}.claimEarliest) - 1) WHERE NOT (${counts}) OR (${claimed}))`
    : `any(i IN range(0, size(${event}.claimEarliest) - 1) WHERE ${counts} AND ${claimed})`;
}

/** The whole period filter as predicates on the event (none without a period); `asOf`: with the fields as of then. */
export function periodPredicate(event: string, period: Period, asOf = false): string[] {
  if (!hasPeriod(period)) return [];
  const fields = asOf ? asOfEventFields(event) : currentEventFields(event);
  const resolved = resolvedInPeriod(event, period, fields).join(' AND ');
  const claims = claimsInPeriod(event, period, asOf);
  if (period.match === 'WITHIN') return [resolved, `(NOT ${fields.disputed} OR ${claims})`];
  return [`((${resolved}) OR (${fields.disputed} AND ${claims}))`];
}
