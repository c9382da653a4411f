import { dayInterval, parseFuzzyDate, type DatePrecision, type FuzzyDate } from '../domain/fuzzy-date';
import { NUMBER_WORDS, RELATIVE_DATES, type DraftLanguage } from './rules';

/** A relative date expression ("last week", "na véspera"), found before it is resolved. */
export interface RelativeDate {
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly kind: 'week' | 'monthSoFar' | 'offset';
  readonly unit: 'day' | 'month';
  /** Signed count: -1 for "a day earlier", 0 for "later that day", 2 for "two weeks ago" (weeks back). */
  readonly count: number;
}

interface Resolved {
  readonly iso: string;
  readonly precision: DatePrecision;
  readonly inferred: true;
  readonly note: string;
}

/** Every relative date expression of the text, by RELATIVE_DATES. */
export function findRelativeDates(text: string, language: DraftLanguage): RelativeDate[] {
  return RELATIVE_DATES[language].flatMap((rule) =>
    [...text.matchAll(new RegExp(rule.pattern.source, rule.pattern.flags))].map((match) => {
      const quote = match[0];
      const start = match.index ?? 0;
      const counted = match[1] === undefined ? undefined : (NUMBER_WORDS[match[1].toLowerCase()] ?? Number(match[1]));
      const magnitude = rule.count ?? counted ?? 1;
      return {
        quote,
        start,
        end: start + quote.length,
        kind: rule.kind,
        unit: rule.unit ?? 'day',
        count: rule.kind === 'offset' ? (rule.sign ?? 1) * magnitude : magnitude,
      };
    }),
  );
}

/**
 * The interval a relative date denotes. "last week", "há duas semanas": the Monday–Sunday week so
 * many weeks before the publication's. "earlier this month": the 1st to the day before
 * publication. An offset counts from `anchor`, the day (or first day of the interval) the text
 * gave last, else from the publication: in days to a day, in months to a month. Always inferred,
 * with a note saying from what it was counted; undefined when the publication day is not known.
 */
export function resolveRelative(
  relative: RelativeDate,
  reference: FuzzyDate,
  anchor: { iso: string; quote: string; precision: DatePrecision } | undefined,
): Resolved | undefined {
  const seen = `"${relative.quote}"`;
  const publication = `the publication date (${reference.iso})`;
  if (relative.kind === 'week') {
    if (reference.precision !== 'DAY') return undefined;
    const day = addDays(reference.earliest, -7 * relative.count);
    const monday = addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
    const week = dayInterval(monday, addDays(monday, 6)) as FuzzyDate;
    return {
      iso: week.iso,
      precision: 'RANGE',
      inferred: true,
      note: `${seen}: the Monday–Sunday week ${relative.count} week(s) before ${publication}.`,
    };
  }
  if (relative.kind === 'monthSoFar') {
    if (reference.precision !== 'DAY' || reference.day === 1) return undefined;
    const first = `${reference.earliest.slice(0, 8)}01`;
    const date = dayInterval(first, addDays(reference.earliest, -1)) as FuzzyDate;
    return {
      iso: date.iso,
      precision: date.precision,
      inferred: true,
      note: `${seen}: from the 1st to the day before ${publication}.`,
    };
  }
  const base = anchor ? (parseFuzzyDate(anchor.iso) as FuzzyDate) : reference;
  const from = anchor ? `"${anchor.quote}" (${anchor.iso})` : publication;
  if (base.precision !== 'DAY' && base.precision !== 'RANGE') return undefined;
  if (relative.unit === 'month') {
    const [year, month] = base.earliest.split('-').map(Number) as [number, number];
    const index = year * 12 + (month - 1) + relative.count;
    const iso = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    return { iso, precision: 'MONTH', inferred: true, note: `${seen}: counted from ${from}, to the month.` };
  }
  return {
    iso: addDays(base.earliest, relative.count),
    precision: 'DAY',
    inferred: true,
    note: `${seen}: counted from ${from}.`,
  };
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
