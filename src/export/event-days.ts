import type { EventModel } from '../domain/types';

/**
 * The days an event may cover, first and last (YYYY-MM-DD): from the first day its date may denote
 * to the last day of its end date, or of its date when it has none (a month: the whole month).
 */
export function eventDays(event: Pick<EventModel, 'date' | 'endDate'>): { first: string; last: string } {
  const last = event.endDate && event.endDate.latest > event.date.latest ? event.endDate.latest : event.date.latest;
  return { first: event.date.earliest, last };
}

/** The day after an ISO day (YYYY-MM-DD). */
export function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
