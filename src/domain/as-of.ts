/**
 * What was known when (README, "As of a date"): the view of the graph as of a day is resolved from
 * the claims of the sources published on or before it, by the same rule as the current view
 * (claims.ts). A source's publication is its first possible day, as resolution orders it; a source
 * with no publication date belongs to no day's view (its load time says when this graph learned
 * it, not when the world did), so it counts only in the current view.
 *
 * Reads filter most of this in Cypher from what is stored beside the resolved view: `knownFrom`,
 * the first day any claim of a node or relationship was published, and for the few nodes and
 * relationships whose resolved date, type or period changed as reports came in, that state at each
 * publication day (`revision…` lists, computed here).
 */
import { resolveEvent, resolveRelationship, type ClaimSource, type EventClaim, type RelationshipClaim } from './claims';

/** Whether a claim's source was published on or before `day` (YYYY-MM-DD). */
export function publishedBy(claim: { readonly source: ClaimSource }, day: string): boolean {
  return claim.source.published !== null && claim.source.published <= day;
}

/** The claims of sources published on or before `day`. */
export function claimsAsOf<T extends { readonly source: ClaimSource }>(claims: readonly T[], day: string): T[] {
  return claims.filter((claim) => publishedBy(claim, day));
}

/** Stored claims (canonical JSON, any kind) of the sources published on or before `day`. */
export function claimTextsAsOf(texts: readonly string[], day: string): string[] {
  return texts.filter((text) => publishedBy(JSON.parse(text) as { source: ClaimSource }, day));
}

/** The first day a source of these claims was published: the first day an as-of view holds them; null when none is dated. */
export function knownFrom(claims: readonly { readonly source: ClaimSource }[]): string | null {
  return publicationDays(claims)[0] ?? null;
}

/** The distinct publication days of the claims' sources, in order. */
function publicationDays(claims: readonly { readonly source: ClaimSource }[]): string[] {
  const days = claims.flatMap((claim) => (claim.source.published === null ? [] : [claim.source.published]));
  return [...new Set(days)].sort();
}

/** What the timeline selects an event by, as of one publication day (dates as YYYY-MM-DD). */
export interface EventRevision {
  readonly day: string;
  readonly timelineKey: string;
  readonly earliest: string;
  readonly latest: string;
  readonly type: string;
  readonly disputed: boolean;
}

/**
 * The event's selection fields at each publication day of its sources, or null when they are the
 * current ones at every day (the case of an event one source reports, or whose later reports
 * agree): then the stored view serves every as-of read.
 */
export function eventRevisions(id: string, claims: readonly EventClaim[]): EventRevision[] | null {
  const selection = (view: ReturnType<typeof resolveEvent>) => ({
    timelineKey: view.timelineKey,
    earliest: view.date.earliest,
    latest: view.date.latest,
    type: view.type,
    disputed: view.disputed,
  });
  const current = JSON.stringify(selection(resolveEvent(id, claims)));
  const revisions = publicationDays(claims).map((day) => ({
    day,
    ...selection(resolveEvent(id, claimsAsOf(claims, day))),
  }));
  return revisions.every(({ day: _day, ...fields }) => JSON.stringify(fields) === current) ? null : revisions;
}

/** A relationship's period at one publication day ('' for an open side). */
export interface PeriodRevision {
  readonly day: string;
  readonly since: string;
  readonly until: string;
}

/** The period at each publication day, or null when it is the current one at every day (most relationships have none). */
export function periodRevisions(claims: readonly RelationshipClaim[]): PeriodRevision[] | null {
  const period = (view: ReturnType<typeof resolveRelationship>) => ({
    since: view.since ?? '',
    until: view.until ?? '',
  });
  const current = JSON.stringify(period(resolveRelationship(claims)));
  const revisions = publicationDays(claims).map((day) => ({
    day,
    ...period(resolveRelationship(claimsAsOf(claims, day))),
  }));
  return revisions.every(({ day: _day, ...fields }) => JSON.stringify(fields) === current) ? null : revisions;
}
