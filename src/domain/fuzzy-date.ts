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
