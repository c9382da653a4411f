import ical, { foldLines, ICalEvent, type ICalCalendar } from 'ical-generator';
import { eventTypeName } from '../domain/model';
import { describeAgreements, describeEventDate, describeParticipants } from '../feeds/describe';
import type { FeedWording } from '../feeds/feed-wording';
import { titleOf } from '../feeds/vis-timeline';
import type { FeedEvent } from '../services/feed.service';
import type { ExportPage, TimelineExport } from '../services/timeline-export.service';
import { dayAfter, eventDays } from './event-days';

/** The right-hand part of every UID: an event keeps its UID from one export to the next, so calendars update it. */
const UID_DOMAIN = 'event-timeline-graph';

/**
 * The all-day span of an event as iCalendar writes it: DTSTART its first day, DTEND the day after
 * its last (DTEND is exclusive, RFC 5545 3.6.1). A month spans the month, a year the year.
 */
export function allDaySpan(event: FeedEvent['event']): { start: string; end: string } {
  const days = eventDays(event);
  return { start: days.first, end: dayAfter(days.last) };
}

/** The plain-text DESCRIPTION: what the event is, when and how that is known, and each quote with its source. */
function describe(item: FeedEvent, page: ExportPage, wording: FeedWording): string {
  const { event, details } = item;
  const participants = describeParticipants(item);
  const date = describeEventDate(event, wording.language);
  const lines = [
    event.titleEn && event.titleEn !== titleOf(event, wording) ? event.titleEn : '',
    `Date: ${date}${event.date.note ? ` — ${event.date.note}` : ''}`,
    participants ? `Participants: ${participants}` : '',
    details.place ? `Place: ${details.place.name}` : '',
    ...describeAgreements(item).map((agreement) => `Agreement: ${agreement}`),
  ].filter(Boolean);
  const evidence = event.evidence.map((quote) => {
    const source = page.sources.get(quote.sourceId);
    const cited = source ? [source.title ?? source.id, source.url].filter(Boolean).join(' ') : quote.sourceId;
    return `“${quote.quote}”\n— ${cited}`;
  });
  return [lines.join('\n'), ...evidence].join('\n\n');
}

function toVEvent(item: FeedEvent, page: ExportPage, wording: FeedWording, calendar: ICalCalendar): string {
  const { event, details } = item;
  const span = allDaySpan(event);
  const url = event.evidence.map((quote) => page.sources.get(quote.sourceId)?.url).find(Boolean);
  const vevent = new ICalEvent(
    {
      id: `${event.id}@${UID_DOMAIN}`,
      allDay: true,
      start: new Date(`${span.start}T00:00:00Z`),
      end: new Date(`${span.end}T00:00:00Z`),
      summary: titleOf(event, wording),
      description: describe(item, page, wording),
      location: details.place ? details.place.name : null,
      categories: [{ name: eventTypeName(event.type, wording.language) }],
      url: url ?? null,
    },
    calendar,
  );
  return foldLines(vevent.toString());
}

/**
 * A reader's text as an RFC 5545 TEXT value. ical-generator escapes the events' fields but writes
 * the calendar's NAME and X-WR-CALNAME as given, so a `title` with a line break could add lines
 * (events) of its own to the file.
 */
function calendarText(text: string): string {
  return text
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/\p{Cc}/gu, ' ');
}

/**
 * The selection as an iCalendar file: one all-day VEVENT per event (its span from the date's
 * precision, a range or an end date), its quotes and their sources in the DESCRIPTION, the first
 * source as URL, the place as LOCATION, the type as CATEGORIES, and a UID that stays the same.
 */
export async function* timelineIcs(
  selection: TimelineExport,
  wording: FeedWording,
  title: string,
): AsyncGenerator<string> {
  const calendar = ical({ name: calendarText(title), prodId: { company: UID_DOMAIN, product: 'timeline export' } });
  yield `${calendar.toString().replace(/END:VCALENDAR$/, '')}`;
  for await (const page of selection.pages)
    yield page.events.map((item) => toVEvent(item, page, wording, calendar)).join('');
  yield 'END:VCALENDAR\r\n';
}
