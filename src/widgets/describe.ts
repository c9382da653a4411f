import { parseFuzzyDate } from '../domain/fuzzy-date';
import type { EventModel, FuzzyDateModel } from '../domain/types';
import type { FeedEvent } from '../services/feed.service';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  );
}

/** "2024-07-18", "July 2024 (month known)", "2024 (year known)", with "year inferred". */
export function describeDate(date: FuzzyDateModel): string {
  const precision = { DAY: '', MONTH: ' (month known)', YEAR: ' (year known)' }[date.precision];
  return `${date.iso}${precision}${date.inferred ? ', year inferred' : ''}`;
}

/**
 * An event's date, marked when its sources disagree: "2024-06-19 (disputed: 2024-06-18 in 1
 * source)". Sources whose date overlaps the one shown (a month around a day) do not dispute it.
 */
export function describeEventDate(event: Pick<EventModel, 'date' | 'disputed' | 'claimedDates'>): string {
  const shown = describeDate(event.date);
  if (!event.disputed) return shown;
  const others = new Map<string, number>();
  for (const iso of event.claimedDates) {
    const claimed = parseFuzzyDate(iso);
    if (claimed && (claimed.latest < event.date.earliest || claimed.earliest > event.date.latest))
      others.set(iso, (others.get(iso) ?? 0) + 1);
  }
  const list = [...others].map(([iso, count]) => `${iso} in ${count} source${count === 1 ? '' : 's'}`).join('; ');
  return `${shown} (disputed: ${list})`;
}

/** Plain-text participants: "host: Kim Jong Un; guest: Alexei Krivoruchko". */
export function describeParticipants(item: FeedEvent): string {
  return item.details.participants.map((p) => `${p.role}: ${p.entity.name}`).join('; ');
}

/** Plain-text agreements: "Treaty (signed by Kim Jong Un, Vladimir Putin; parties: North Korea, Russia)". */
export function describeAgreements(item: FeedEvent): string[] {
  return item.details.agreementSummaries.map((agreement) => {
    const who = [
      agreement.signatories.length > 0 ? `signed by ${agreement.signatories.join(', ')}` : '',
      agreement.parties.length > 0 ? `parties: ${agreement.parties.join(', ')}` : '',
    ].filter(Boolean);
    return who.length > 0 ? `${agreement.name} (${who.join('; ')})` : agreement.name;
  });
}
