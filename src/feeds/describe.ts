import { parseFuzzyDate, readableDate } from '../domain/fuzzy-date';
import type { WidgetLanguage } from '../domain/model';
import type { EventModel, FuzzyDateModel, ParticipationModel, RelationshipModel } from '../domain/types';
import type { FeedEvent } from '../services/feed.service';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  );
}

/**
 * A date as readers write it, at its precision: "18 July 2024", "July 2024", "2024"; a year the
 * source did not state says so: "18 July 2024 (year inferred)".
 */
export function describeDate(date: FuzzyDateModel, language: WidgetLanguage = 'en'): string {
  const inferred = { en: ' (year inferred)', pt: ' (ano inferido)' }[language];
  return `${readableDate(date, language)}${date.inferred ? inferred : ''}`;
}

/**
 * An event's date, marked when its sources disagree: "19 June 2024 (disputed: 18 June 2024 in 1
 * source)". Sources whose date overlaps the one shown (a month around a day) do not dispute it.
 */
export function describeEventDate(
  event: Pick<EventModel, 'date' | 'disputed' | 'claimedDates'>,
  language: WidgetLanguage = 'en',
): string {
  const shown = describeDate(event.date, language);
  if (!event.disputed) return shown;
  const others = new Map<string, number>();
  for (const iso of event.claimedDates) {
    const claimed = parseFuzzyDate(iso);
    if (claimed && (claimed.latest < event.date.earliest || claimed.earliest > event.date.latest)) {
      const text = readableDate(claimed, language);
      others.set(text, (others.get(text) ?? 0) + 1);
    }
  }
  const list = [...others]
    .map(([text, count]) =>
      language === 'pt'
        ? `${text} em ${count} fonte${count === 1 ? '' : 's'}`
        : `${text} in ${count} source${count === 1 ? '' : 's'}`,
    )
    .join('; ');
  return `${shown} (${language === 'pt' ? 'data contestada' : 'disputed'}: ${list})`;
}

/** Plain-text participants: "host: Kim Jong Un; guest: Alexei Krivoruchko". */
export function describeParticipants(item: FeedEvent): string {
  return item.details.participants.map((p) => `${p.role}: ${p.entity.name}`).join('; ');
}

/**
 * Plain-text heads a summit, visit, talks or signing involves through the country they lead:
 * "head_of_state: Kim Jong Un (leads north-korea)", the country named as the participants name it.
 */
export function describeHeads(item: FeedEvent): string {
  return headsOf(item)
    .map((head) => `${head.role}: ${head.entity.name} (leads ${countryName(item, head.via.from)})`)
    .join('; ');
}

/** The heads an event involves through a leadership, each with that LED_BY. */
export function headsOf(item: FeedEvent): (ParticipationModel & { readonly via: RelationshipModel })[] {
  return (item.details.heads ?? []).flatMap((head) => (head.via ? [{ ...head, via: head.via }] : []));
}

/** A participating country's name, as the event's participants carry it. */
export function countryName(item: FeedEvent, countryId: string): string {
  return item.details.participants.find((p) => p.entity.id === countryId)?.entity.name ?? countryId;
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
