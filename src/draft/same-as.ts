import { parseFuzzyDate } from '../domain/fuzzy-date';
import { eventTypeFamily } from '../domain/model';
import type { DraftEvent } from './events';
import type { KnownEvent } from './known-nodes';

/** A known event a drafted one looks like, and why. */
export interface SameAsProposal {
  readonly knownId: string;
  readonly reason: string;
}

/**
 * Proposes, for each drafted event, the known event that looks like the same happening: a type of
 * the same family (a visit is a state visit), overlapping dates, at least one participant in
 * common, and for a signing the same agreement (a treaty signing is not the signing of other
 * agreements the same day). Each known event is proposed at most once, to the drafted event sharing most with it,
 * because a bundle may say sameAs of one graph node only once.
 */
export function proposeSameAs(
  events: readonly DraftEvent[],
  known: readonly KnownEvent[],
): Map<string, SameAsProposal> {
  const pairs: { eventId: string; knownId: string; shared: string[]; reason: string }[] = [];
  for (const event of events) {
    const date = parseFuzzyDate(event.date.iso);
    const participants = new Set(
      event.links.filter((link) => link.type === 'PARTICIPATED_IN').map((link) => link.entityId),
    );
    const agreements = new Set(event.links.filter((link) => link.type === 'PRODUCED').map((link) => link.entityId));
    for (const candidate of known) {
      const other = parseFuzzyDate(candidate.dateIso);
      if (eventTypeFamily(candidate.type) !== eventTypeFamily(event.type) || !date || !other) continue;
      if (date.latest < other.earliest || other.latest < date.earliest) continue;
      const shared = candidate.participants.filter((id) => participants.has(id));
      if (shared.length === 0) continue;
      // A signing that names what it signed is only the signing of that: the agreements must meet.
      const otherAgreements = agreements.size > 0 && !candidate.agreements.some((id) => agreements.has(id));
      if (eventTypeFamily(event.type) === 'signing' && otherAgreements) continue;
      pairs.push({
        eventId: event.id,
        knownId: candidate.id,
        shared,
        reason: `same type family (${event.type}${candidate.type === event.type ? '' : ` / ${candidate.type}`}), dates overlap (${event.date.iso} / ${candidate.dateIso}), shared participants: ${shared.join(', ')}; known as "${candidate.title}"`,
      });
    }
  }
  pairs.sort((a, b) => b.shared.length - a.shared.length);
  const proposals = new Map<string, SameAsProposal>();
  const taken = new Set<string>();
  for (const pair of pairs) {
    if (proposals.has(pair.eventId) || taken.has(pair.knownId)) continue;
    proposals.set(pair.eventId, { knownId: pair.knownId, reason: pair.reason });
    taken.add(pair.knownId);
  }
  return proposals;
}
