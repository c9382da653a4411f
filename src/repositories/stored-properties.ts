import {
  decodeEntityClaim,
  decodeEventClaim,
  decodeRelationshipClaim,
  type ResolvedEntity,
  type ResolvedEvent,
  type ResolvedRelationship,
} from '../domain/claims';
import { eventRevisions, knownFrom, periodRevisions } from '../domain/as-of';
import { toNeo4jDate } from '../neo4j/values';
import { storedDateProperties } from './stored-date';

/**
 * The properties a node or relationship stores for its resolved view, as the loader writes them and
 * as an as-of read recomputes them from the claims known then (as-of-view.ts): one function for
 * both, so that a view as of today is the stored view. Beside the view: `knownFrom`, the first day
 * a claim of it was published, and the `revision…` lists of src/domain/as-of.ts.
 */

export function entityProperties(entity: ResolvedEntity): Record<string, unknown> {
  const { label: _label, ...props } = entity;
  return { ...props, knownFrom: knownFrom(entity.claims.map(decodeEntityClaim)) };
}

/** An event's stored properties: dates flattened as `<prefix>Iso`, `<prefix>Year`… (see README). */
export function eventProperties(event: ResolvedEvent): Record<string, unknown> {
  const claims = event.claims.map(decodeEventClaim);
  const published = new Map(claims.map((claim) => [claim.source.id, claim.source.published ?? '']));
  const revisions = eventRevisions(event.id, claims);
  return {
    id: event.id,
    type: event.type,
    cameo: event.cameo,
    title: event.title,
    titleEn: event.titleEn,
    description: event.description,
    ...storedDateProperties('date', event.date),
    ...storedDateProperties('endDate', event.endDate),
    ...storedDateProperties('reported', event.reported),
    disputed: event.disputed,
    claimedDates: event.claimedDates.map((claimed) => claimed.date.iso),
    // Only a disputed event can overlap a period its resolved date does not: the timeline checks these then.
    claimEarliest: event.disputed ? event.claimedDates.map((claimed) => toNeo4jDate(claimed.date.earliest)) : null,
    claimLatest: event.disputed ? event.claimedDates.map((claimed) => toNeo4jDate(claimed.date.latest)) : null,
    // … and as of a day, only the claims published by then ('' for a source with no publication date).
    claimPublished: event.disputed ? event.claimedDates.map((claimed) => published.get(claimed.sourceId) ?? '') : null,
    timelineKey: event.timelineKey,
    evidence: event.evidence,
    quotes: event.quotes,
    sourceIds: event.sourceIds,
    redirectIds: event.redirectIds,
    claims: event.claims,
    knownFrom: knownFrom(claims),
    revisionDays: revisions?.map((revision) => revision.day) ?? null,
    revisionKeys: revisions?.map((revision) => revision.timelineKey) ?? null,
    revisionEarliest: revisions?.map((revision) => toNeo4jDate(revision.earliest)) ?? null,
    revisionLatest: revisions?.map((revision) => toNeo4jDate(revision.latest)) ?? null,
    revisionTypes: revisions?.map((revision) => revision.type) ?? null,
    revisionDisputed: revisions?.map((revision) => revision.disputed) ?? null,
  };
}

export function relationshipProperties(key: string, resolved: ResolvedRelationship): Record<string, unknown> {
  const claims = resolved.claims.map(decodeRelationshipClaim);
  const revisions = periodRevisions(claims);
  return {
    key,
    role: key === '' ? null : key,
    title: resolved.titles[0] ?? null,
    titles: resolved.titles,
    since: resolved.since === null ? null : toNeo4jDate(resolved.since),
    until: resolved.until === null ? null : toNeo4jDate(resolved.until),
    note: resolved.note,
    confidence: resolved.confidence,
    evidence: resolved.evidence,
    sourceIds: resolved.sourceIds,
    claims: resolved.claims,
    knownFrom: knownFrom(claims),
    // A leadership's period as of each publication day ('' for an open side), where it changed.
    revisionDays: revisions?.map((revision) => revision.day) ?? null,
    revisionSince: revisions?.map((revision) => revision.since) ?? null,
    revisionUntil: revisions?.map((revision) => revision.until) ?? null,
  };
}
