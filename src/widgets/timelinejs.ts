import type { FuzzyDateModel } from '../domain/types';
import type { FeedSelection } from '../services/feed.service';
import { describeAgreements, describeDate, describeEventDate, describeParticipants, escapeHtml } from './describe';

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

function toDate(date: FuzzyDateModel): TimelineJsDate {
  return {
    year: date.year,
    ...(date.month !== null ? { month: date.month } : {}),
    ...(date.day !== null ? { day: date.day } : {}),
    display_date: describeDate(date),
  };
}

/** A date bound as a full day, for eras. */
function toDay(isoDay: string): TimelineJsDate {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** Builds the TimelineJS3 feed: a title slide, one slide per event, an era per known span. */
export function toTimelineJs(selection: FeedSelection, title: string): TimelineJsFeed {
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
      event.titleEn ? `<p><em>${escapeHtml(event.titleEn)}</em></p>` : '',
      participants ? `<p><strong>Participants:</strong> ${escapeHtml(participants)}</p>` : '',
      details.place ? `<p><strong>Place:</strong> ${escapeHtml(details.place.name)}</p>` : '',
      ...describeAgreements(item).map((agreement) => `<p><strong>Agreement:</strong> ${escapeHtml(agreement)}</p>`),
      `<p><strong>Date:</strong> ${escapeHtml(describeEventDate(event))}${event.date.note ? ` — ${escapeHtml(event.date.note)}` : ''}</p>`,
      ...quotes,
    ].join('');
    return {
      start_date: { ...toDate(event.date), display_date: describeEventDate(event) },
      ...(event.endDate ? { end_date: toDate(event.endDate) } : {}),
      text: { headline: escapeHtml(event.title), text },
      group: event.type,
      unique_id: event.id,
    };
  });
  const eras = selection.events
    .filter(({ event }) => event.endDate !== null || event.date.precision !== 'DAY')
    .map(({ event }) => ({
      start_date: toDay(event.date.earliest),
      end_date: toDay((event.endDate ?? event.date).latest),
      text: { headline: escapeHtml(event.title) },
    }));
  const count = `${selection.events.length} event${selection.events.length === 1 ? '' : 's'}${selection.truncated ? ` of ${selection.totalCount}` : ''}`;
  return {
    title: {
      text: {
        headline: escapeHtml(title),
        text: `<p>${count}, each with the sentence of the source that states it.</p>`,
      },
    },
    events,
    eras,
  };
}
