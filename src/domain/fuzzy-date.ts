/** A day; an interval of days a report gives ("18–19 June", "last week"); a month; a year. */
export type DatePrecision = 'DAY' | 'RANGE' | 'MONTH' | 'YEAR';

/**
 * A date known to a day, an interval of days, a month or a year, with the interval of days it may
 * denote. For an interval (`2024-06-18/2024-06-19`), year, month and day are those of its first day.
 */
export interface FuzzyDate {
  readonly iso: string;
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
  readonly precision: DatePrecision;
  /** First day the date may denote (YYYY-MM-DD). */
  readonly earliest: string;
  /** Last day the date may denote (YYYY-MM-DD). */
  readonly latest: string;
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The longest interval of days a RANGE may be; a longer one is written as its month or year. */
export const MAX_RANGE_DAYS = 92;

/**
 * Parses YYYY, YYYY-MM, YYYY-MM-DD, or an ISO 8601 interval of days `YYYY-MM-DD/YYYY-MM-DD`
 * (second day after the first, at most MAX_RANGE_DAYS days); undefined for anything else.
 */
export function parseFuzzyDate(text: string): FuzzyDate | undefined {
  const slash = text.indexOf('/');
  if (slash >= 0) return parseRange(text, text.slice(0, slash), text.slice(slash + 1));
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (year < 1) return undefined;
  if (month !== null && (month < 1 || month > 12)) return undefined;
  if (month !== null && day !== null && (day < 1 || day > daysInMonth(year, month))) return undefined;
  const precision: DatePrecision = day !== null ? 'DAY' : month !== null ? 'MONTH' : 'YEAR';
  const earliest = isoDay(year, month ?? 1, day ?? 1);
  const latest = isoDay(year, month ?? 12, day ?? daysInMonth(year, month ?? 12));
  return { iso: text, year, month, day, precision, earliest, latest };
}

function parseRange(text: string, first: string, last: string): FuzzyDate | undefined {
  if (!ISO_DAY.test(first) || !ISO_DAY.test(last)) return undefined;
  const start = parseFuzzyDate(first);
  const end = parseFuzzyDate(last);
  if (!start || !end || end.earliest <= start.earliest) return undefined;
  if (daysBetween(start.earliest, end.earliest) + 1 > MAX_RANGE_DAYS) return undefined;
  return { ...start, iso: text, precision: 'RANGE', latest: end.latest };
}

/** Days from one ISO day to another (negative when the second is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The interval `first/last` as a FuzzyDate: a DAY when they are one day; undefined if not a valid range. */
export function dayInterval(first: string, last: string): FuzzyDate | undefined {
  return parseFuzzyDate(first === last ? first : `${first}/${last}`);
}

/** The days of a date, first to last (ISO). */
export function daysOf(date: Pick<FuzzyDate, 'earliest' | 'latest'>): string[] {
  const days: string[] = [];
  for (let day = date.earliest; day <= date.latest; day = nextIsoDay(day)) days.push(day);
  return days;
}

function nextIsoDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MONTH_NAMES = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
} as const; // prettier-ignore

/**
 * A date at its precision, as readers write it: "18 July 2024", "18–19 June 2024", "July 2024",
 * "2024"; "18 de julho de 2024", "18 a 19 de junho de 2024".
 */
export function readableDate(
  date: Pick<FuzzyDate, 'year' | 'month' | 'day' | 'precision'> & Partial<Pick<FuzzyDate, 'latest'>>,
  language: 'en' | 'pt' = 'en',
): string {
  if (date.precision === 'RANGE' && date.latest) return readableRange(date, date.latest, language);
  const month = date.month === null ? '' : MONTH_NAMES[language][date.month - 1];
  if (language === 'pt') {
    if (date.precision === 'DAY') return `${date.day} de ${month} de ${date.year}`;
    if (date.precision === 'MONTH') return `${month} de ${date.year}`;
    return String(date.year);
  }
  if (date.precision === 'DAY') return `${date.day} ${month} ${date.year}`;
  if (date.precision === 'MONTH') return `${month} ${date.year}`;
  return String(date.year);
}

function readableRange(
  first: Pick<FuzzyDate, 'year' | 'month' | 'day'>,
  latest: string,
  language: 'en' | 'pt',
): string {
  const [year, month, day] = latest.split('-').map(Number) as [number, number, number];
  const name = (value: number) => MONTH_NAMES[language][value - 1];
  const sameYear = first.year === year;
  const sameMonth = sameYear && first.month === month;
  if (language === 'pt') {
    const start = sameMonth
      ? `${first.day}`
      : `${first.day} de ${name(first.month ?? 1)}${sameYear ? '' : ` de ${first.year}`}`;
    return `${start} a ${day} de ${name(month)} de ${year}`;
  }
  const start = sameMonth
    ? `${first.day}`
    : `${first.day} ${name(first.month ?? 1)}${sameYear ? '' : ` ${first.year}`}`;
  return `${start}${sameMonth ? '–' : ' – '}${day} ${name(month)} ${year}`;
}
