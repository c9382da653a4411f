export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

/** A date known to a day, a month or a year, with the interval of days it may denote. */
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

/** Parses YYYY, YYYY-MM or YYYY-MM-DD; returns undefined for anything else or an impossible date. */
export function parseFuzzyDate(text: string): FuzzyDate | undefined {
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

/** A date at its precision, as readers write it: "18 July 2024", "July 2024", "2024"; "18 de julho de 2024". */
export function readableDate(
  date: Pick<FuzzyDate, 'year' | 'month' | 'day' | 'precision'>,
  language: 'en' | 'pt' = 'en',
): string {
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
