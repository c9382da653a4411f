/**
 * Cypher for reading the graph as of a day (src/domain/as-of.ts), from what is stored beside the
 * resolved view: `knownFrom` on every node and relationship, and the `revision…` lists of the few
 * whose date, type or period changed as reports came in. Every expression reads `$asOf`
 * (YYYY-MM-DD). A read of the current view uses none of this, so its queries are unchanged.
 */

/** The fields the timeline selects an event `e` by, as Cypher expressions. */
export interface EventFields {
  readonly key: string;
  readonly type: string;
  readonly earliest: string;
  readonly latest: string;
  readonly disputed: string;
}

/** The stored (current) fields. */
export function currentEventFields(e: string): EventFields {
  return {
    key: `${e}.timelineKey`,
    type: `${e}.type`,
    earliest: `${e}.dateEarliest`,
    latest: `${e}.dateLatest`,
    disputed: `${e}:Disputed`,
  };
}

/** Whether node or relationship `v` is backed by a source published by then. */
export function knownAsOf(v: string): string {
  return `${v}.knownFrom <= $asOf`;
}

/** The revision in force as of then (revisionDays ascending; the first is knownFrom, so never -1 for what is known). */
const revision = (v: string) => `size([day IN ${v}.revisionDays WHERE day <= $asOf]) - 1`;

/** A stored field, or its revision as of then where `v` has revisions. */
function revised(v: string, current: string, list: string): string {
  return `CASE WHEN ${v}.revisionDays IS NULL THEN ${current} ELSE ${v}.${list}[${revision(v)}] END`;
}

/** The fields as of then: the stored ones, or a revised event's state at the last publication day by then. */
export function asOfEventFields(e: string): EventFields {
  return {
    key: revised(e, `${e}.timelineKey`, 'revisionKeys'),
    type: revised(e, `${e}.type`, 'revisionTypes'),
    earliest: revised(e, `${e}.dateEarliest`, 'revisionEarliest'),
    latest: revised(e, `${e}.dateLatest`, 'revisionLatest'),
    disputed: revised(e, `${e}:Disputed`, 'revisionDisputed'),
  };
}

/** A leadership's first or last day as of then (a DATE, null when open). */
export function asOfPeriodSide(lead: string, side: 'since' | 'until'): string {
  const list = side === 'since' ? 'revisionSince' : 'revisionUntil';
  const day = `${lead}.${list}[${revision(lead)}]`;
  return `CASE WHEN ${lead}.revisionDays IS NULL THEN ${lead}.${side} WHEN ${day} = '' THEN null ELSE date(${day}) END`;
}

/** Whether claim `i` of a disputed event `e` counts: its source was published by then (as of a day), or always. */
export function claimCounts(e: string, i: string, asOf: boolean): string {
  return asOf ? `${e}.claimPublished[${i}] <> '' AND ${e}.claimPublished[${i}] <= $asOf` : '';
}
