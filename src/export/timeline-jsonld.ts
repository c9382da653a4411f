import { eventTypeName } from '../domain/model';
import type { EntityModel, SourceModel } from '../domain/types';
import type { FeedWording } from '../feeds/feed-wording';
import { titleOf } from '../feeds/vis-timeline';
import type { SortOrder } from '../repositories/timeline.repository';
import type { FeedEvent } from '../services/feed.service';
import type { ExportPage, TimelineExport } from '../services/timeline-export.service';
import { eventDays } from './event-days';

/**
 * schema.org, and the few terms it has no word for (how precise a date is, whether its year was
 * inferred, the event type of this graph's taxonomy) in a vocabulary of this service.
 */
const CONTEXT = [
  'https://schema.org',
  {
    timeline: 'urn:x-event-timeline:',
    eventType: 'timeline:eventType',
    datePrecision: 'timeline:datePrecision',
    dateInferred: 'timeline:dateInferred',
    dateNote: 'timeline:dateNote',
    disputed: 'timeline:disputed',
    firstDay: 'timeline:firstDay',
    lastDay: 'timeline:lastDay',
  },
];

/** The schema.org type closest to each kind of entity. */
const SCHEMA_TYPE: Readonly<Record<string, string>> = {
  Person: 'Person',
  Organization: 'Organization',
  Delegation: 'Organization',
  Country: 'Country',
  Place: 'Place',
  Agreement: 'CreativeWork',
};

/** Which Event property a participant's role fills: hosts organise, speakers perform, the others attend. */
function participantProperty(role: string): 'organizer' | 'performer' | 'attendee' {
  if (role === 'host') return 'organizer';
  if (role === 'speaker') return 'performer';
  return 'attendee';
}

function thing(entity: EntityModel): Record<string, unknown> {
  return {
    '@type': SCHEMA_TYPE[entity.label] ?? 'Thing',
    identifier: entity.id,
    name: entity.name,
    ...(entity.nameEn && entity.nameEn !== entity.name ? { alternateName: entity.nameEn } : {}),
  };
}

function article(source: SourceModel | undefined, sourceId: string): Record<string, unknown> {
  if (!source) return { '@type': 'NewsArticle', identifier: sourceId };
  return {
    '@type': 'NewsArticle',
    identifier: source.id,
    ...(source.url ? { url: source.url } : {}),
    ...(source.title ? { headline: source.title } : {}),
    ...(source.publisher ? { publisher: { '@type': 'Organization', name: source.publisher } } : {}),
    ...(source.language ? { inLanguage: source.language } : {}),
    ...(source.published ? { datePublished: source.published.iso } : {}),
  };
}

/**
 * An event as a schema.org Event. startDate/endDate keep the date's precision (`2024-06` is a
 * month, ISO 8601 reduced precision); an interval of days gives its first and last day. Each
 * participant is wrapped in a schema.org Role that names its role; the evidence is `citation`
 * (each quote a Quotation, part of its source) and the sources are `subjectOf`.
 */
function toJsonLdEvent(item: FeedEvent, page: ExportPage, wording: FeedWording): Record<string, unknown> {
  const { event, details } = item;
  const days = eventDays(event);
  const range = event.date.precision === 'RANGE';
  const participants: Record<string, Record<string, unknown>[]> = {};
  for (const participation of details.participants) {
    const property = participantProperty(participation.role);
    (participants[property] ??= []).push({
      '@type': 'Role',
      roleName: participation.role,
      [property]: thing(participation.entity),
    });
  }
  const sourceIds = [...new Set(event.evidence.map((evidence) => evidence.sourceId))];
  return {
    '@type': 'Event',
    identifier: event.id,
    name: titleOf(event, wording),
    ...(event.titleEn && event.titleEn !== titleOf(event, wording) ? { alternateName: event.titleEn } : {}),
    ...(event.description ? { description: event.description } : {}),
    eventType: event.type,
    keywords: eventTypeName(event.type, wording.language),
    startDate: range ? days.first : event.date.iso,
    ...(range ? { endDate: days.last } : event.endDate ? { endDate: event.endDate.iso } : {}),
    datePrecision: event.date.precision,
    dateInferred: event.date.inferred,
    ...(event.date.note ? { dateNote: event.date.note } : {}),
    firstDay: days.first,
    lastDay: days.last,
    disputed: event.disputed,
    ...(details.place ? { location: thing(details.place) } : {}),
    ...participants,
    ...(details.agreements.length > 0 ? { about: details.agreements.map(thing) } : {}),
    citation: event.evidence.map((evidence) => ({
      '@type': 'Quotation',
      text: evidence.quote,
      isPartOf: article(page.sources.get(evidence.sourceId), evidence.sourceId),
    })),
    subjectOf: sourceIds.map((id) => article(page.sources.get(id), id)),
  };
}

/**
 * The selection as JSON-LD: a schema.org ItemList of Events in timeline order, `numberOfItems`
 * the selection's totalCount. Written one event per line, as the pages are read.
 */
export async function* timelineJsonLd(
  selection: TimelineExport,
  wording: FeedWording,
  title: string,
  order: SortOrder,
): AsyncGenerator<string> {
  const head = {
    '@context': CONTEXT,
    '@type': 'ItemList',
    name: title,
    numberOfItems: selection.totalCount,
    itemListOrder:
      order === 'ASC' ? 'https://schema.org/ItemListOrderAscending' : 'https://schema.org/ItemListOrderDescending',
  };
  yield `${JSON.stringify(head).slice(0, -1)},"itemListElement":[`;
  let first = true;
  for await (const page of selection.pages) {
    for (const item of page.events) {
      yield `${first ? '' : ','}\n${JSON.stringify(toJsonLdEvent(item, page, wording))}`;
      first = false;
    }
  }
  yield '\n]}\n';
}
