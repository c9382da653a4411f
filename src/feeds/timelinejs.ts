import { eventTypeName } from '../domain/model';
import type { FuzzyDateModel } from '../domain/types';
import type { FeedSelection } from '../services/feed.service';
import {
  describeAgreements,
  describeDate,
  describeEventDate,
  describeHeads,
  describeParticipants,
  escapeHtml,
  headsOf,
} from './describe';
import { DEFAULT_WORDING, type FeedWording } from './feed-wording';
import { titleOf } from './vis-timeline';

/** TimelineJS3 date object: only the parts the precision knows. */
export interface TimelineJsDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  readonly display_date?: string;
}

export interface TimelineJsSlide {
  readonly start_date?: TimelineJsDate;
  readonly end_date?: TimelineJsDate;
  /** The date as the slide shows it, overriding TimelineJS3's own wording of start and end. */
  readonly display_date?: string;
  readonly text: { readonly headline: string; readonly text: string };
  readonly group?: string;
  readonly unique_id?: string;
}

export interface TimelineJsEra {
  readonly start_date: TimelineJsDate;
  readonly end_date: TimelineJsDate;
  readonly text: { readonly headline: string };
}

/** The JSON TimelineJS3 loads: https://timeline.knightlab.com/docs/json-format.html */
export interface TimelineJsFeed {
  readonly title: TimelineJsSlide;
  readonly events: readonly TimelineJsSlide[];
  readonly eras: readonly TimelineJsEra[];
}

/**
 * The last day a date may denote, when it is more than one day (a year, a month, a range of
 * days): TimelineJS3 then draws the event as a span over it instead of a point on its first day
 * (a year-only event on 1 January).
 */
function spanEnd(date: FuzzyDateModel): TimelineJsDate | null {
  return date.earliest === date.latest ? null : lastDayOf(date);
}

/** The last day a date may mean, to the day: TimelineJS3 would end a month or a year on its first day. */
function lastDayOf(date: FuzzyDateModel): TimelineJsDate {
  const [year, month, day] = date.latest.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function toDate(date: FuzzyDateModel, wording: FeedWording): TimelineJsDate {
  return {
    year: date.year,
    ...(date.month !== null ? { month: date.month } : {}),
    ...(date.day !== null ? { day: date.day } : {}),
    display_date: describeDate(date, wording.language),
  };
}

/**
 * Builds the TimelineJS3 feed: a title slide and one slide per event, on tracks named by event
 * type. An event known only to the month or year spans it, worded as it is known ("2024 (year
 * inferred)"). Eras are left out: TimelineJS3 draws their labels over the axis.
 */
export function toTimelineJs(
  selection: FeedSelection,
  title: string,
  wording: FeedWording = DEFAULT_WORDING,
): TimelineJsFeed {
  const events = selection.events.map((item) => {
    const { event, details } = item;
    const participants = describeParticipants(item);
    const quotes = event.evidence.map((evidence) => {
      const source = selection.sources.get(evidence.sourceId);
      const link = source?.url
        ? ` <a href="${escapeHtml(source.url)}" target="_blank" rel="noopener">${escapeHtml(source.title ?? source.url)}</a>`
        : '';
      return `<blockquote>${escapeHtml(evidence.quote)}</blockquote><p class="evidence-source">Source:${link || ` ${escapeHtml(evidence.sourceId)}`}</p>`;
    });
    const text = [
      event.titleEn && event.titleEn !== titleOf(event, wording) ? `<p><em>${escapeHtml(event.titleEn)}</em></p>` : '',
      participants ? `<p><strong>Participants:</strong> ${escapeHtml(participants)}</p>` : '',
      headsOf(item).length > 0 ? `<p><strong>Heads:</strong> ${escapeHtml(describeHeads(item))}</p>` : '',
      details.place ? `<p><strong>Place:</strong> ${escapeHtml(details.place.name)}</p>` : '',
      ...describeAgreements(item).map((agreement) => `<p><strong>Agreement:</strong> ${escapeHtml(agreement)}</p>`),
      `<p><strong>Date:</strong> ${escapeHtml(describeEventDate(event, wording.language))}${event.date.note ? ` — ${escapeHtml(event.date.note)}` : ''}</p>`,
      ...quotes,
    ].join('');
    const end = event.endDate ? lastDayOf(event.endDate) : spanEnd(event.date);
    const displayDate = describeEventDate(event, wording.language);
    return {
      start_date: { ...toDate(event.date, wording), display_date: displayDate },
      ...(end ? { end_date: end } : {}),
      display_date: displayDate,
      text: { headline: escapeHtml(titleOf(event, wording)), text },
      group: eventTypeName(event.type, wording.language),
      unique_id: event.id,
    };
  });
  const count = `${selection.events.length} event${selection.events.length === 1 ? '' : 's'}${selection.truncated ? ` of ${selection.totalCount}` : ''}`;
  return {
    title: {
      text: {
        headline: escapeHtml(title),
        text: `<p>${count}, each with the sentence of the source that states it.</p>`,
      },
    },
    events,
    eras: [],
  };
}
