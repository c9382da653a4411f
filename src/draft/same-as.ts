import { parseFuzzyDate } from '../domain/fuzzy-date';
import type { DraftEvent } from './events';
import type { KnownEvent } from './known-nodes';

/** A known event a drafted one looks like, and why. */
export interface SameAsProposal {
  readonly knownId: string;
  readonly reason: string;
}

/**
 * Proposes, for each drafted event, the known event that looks like the same happening: same
 * type, overlapping dates, at least one participant in common (the loader's likely-duplicate
 * test). Each known event is proposed at most once, to the drafted event sharing most with it,
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
    for (const candidate of known) {
      const other = parseFuzzyDate(candidate.dateIso);
      if (candidate.type !== event.type || !date || !other) continue;
      if (date.latest < other.earliest || other.latest < date.earliest) continue;
      const shared = candidate.participants.filter((id) => participants.has(id));
      if (shared.length === 0) continue;
      pairs.push({
        eventId: event.id,
        knownId: candidate.id,
        shared,
        reason: `same type (${event.type}), dates overlap (${event.date.iso} / ${candidate.dateIso}), shared participants: ${shared.join(', ')}; known as "${candidate.title}"`,
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
