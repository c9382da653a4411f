import * as chrono from 'chrono-node';
import { dayInterval, parseFuzzyDate, type DatePrecision, type FuzzyDate } from '../domain/fuzzy-date';
import { sentenceAt, type Sentence } from '../bundle/sentences';
import { findRelativeDates, resolveRelative, type RelativeDate } from './relative-dates';
import {
  DATE_PREPOSITIONS,
  DAY_RANGE,
  LAST_MONTH,
  MONTH_NAME,
  MONTHS,
  PUBLICATION_MARKERS,
  RECENTLY,
  YEAR_ALONE,
  type DraftLanguage,
} from './rules';
import { overlaps } from './text-search';

/** A date expression of the text, resolved against the publication date. */
export interface DateMention {
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  /** YYYY, YYYY-MM, YYYY-MM-DD or an interval of days, as precise as the text allows. */
  readonly iso: string;
  readonly precision: DatePrecision;
  /** True when the text does not state the year (or states no date at all, as "recently"). */
  readonly inferred: boolean;
  /** How an inferred date was worked out. */
  readonly note?: string;
}

const TAG_RECENTLY = 'draft/recently';
const TAG_LAST_MONTH = 'draft/lastMonth';

/** Our parsers, added to chrono's for what its locales miss; their tags tell the resolver what they found. */
function draftParsers(language: DraftLanguage, reference: FuzzyDate): chrono.Parser[] {
  const monthOf = (name: string | undefined) => MONTHS[(name ?? '').toLowerCase()] ?? 1;
  return [
    {
      pattern: () => RECENTLY[language],
      extract: (context) =>
        context
          .createParsingComponents({ year: reference.year })
          .imply('month', 1)
          .imply('day', 1)
          .addTag(TAG_RECENTLY),
    },
    {
      pattern: () => LAST_MONTH[language],
      extract: (context, match) =>
        context
          .createParsingComponents({ month: monthOf(match[1]) })
          .imply('day', 1)
          .addTag(TAG_LAST_MONTH),
    },
    {
      pattern: () => MONTH_NAME[language],
      extract: (context, match) => {
        // An implied day 1: chrono would otherwise imply the reference's day, and drop "junho" seen from 31 July.
        const components = context.createParsingComponents().imply('day', 1);
        components.assign('month', monthOf(match[1]));
        if (match[2] !== undefined) components.assign('year', Number(match[2]));
        return components;
      },
    },
    {
      pattern: () => YEAR_ALONE[language],
      extract: (context, match) => {
        const components = context.createParsingComponents().imply('month', 1).imply('day', 1);
        components.assign('year', Number(match[1]));
        return components;
      },
    },
  ];
}

function parserFor(language: DraftLanguage, reference: FuzzyDate): chrono.Chrono {
  const parser = (language === 'pt' ? chrono.pt.casual : chrono.en.casual).clone();
  parser.parsers.push(...draftParsers(language, reference));
  return parser;
}

/**
 * Every date expression of the text, each resolved against `reference` (the publication date):
 * a day without a year is the latest such day on or before it, "junho passado" the latest June
 * before its month, "on Wednesday" the latest Wednesday on or before it, "recently" its year;
 * "June 18-19" an interval of days; "last week" the Monday–Sunday week before the publication's;
 * "a day earlier", "na véspera", "three days later" count from the day the text last gave.
 */
export function findDateMentions(
  text: string,
  sentences: readonly Sentence[],
  language: DraftLanguage,
  reference: FuzzyDate,
): DateMention[] {
  const instant = new Date(`${reference.latest}T12:00:00Z`);
  const own: (RelativeDate | DayRange)[] = [...findRelativeDates(text, language), ...findDayRanges(text, language)];
  const found: (DateMention | (RelativeDate & { sentence: number }))[] = [];
  for (const item of own) {
    const sentence = sentenceAt(sentences, item.start, item.end);
    if (!sentence) continue;
    if ('kind' in item) {
      found.push({ ...item, sentence: sentence.index });
      continue;
    }
    const resolved = resolveDayRange(item, reference);
    if (resolved)
      found.push({ quote: item.quote, start: item.start, end: item.end, sentence: sentence.index, ...resolved });
  }
  for (const result of parserFor(language, reference).parse(text, { instant, timezone: 0 })) {
    const span = quoteSpan(text, result.index, result.index + result.text.length, language);
    if (own.some((item) => overlaps(item, span))) continue;
    // "for about three hours", "durante duas horas": a duration, not a date
    if (DURATION.test(result.text)) continue;
    const sentence = sentenceAt(sentences, span.start, span.end);
    const resolved = resolveDate(result, text.slice(span.start, span.end), reference);
    if (!sentence || !resolved) continue;
    found.push({ quote: text.slice(span.start, span.end), ...span, sentence: sentence.index, ...resolved });
  }
  found.sort((a, b) => a.start - b.start);
  // Relative dates count from the last day the text gave before them (else from the publication).
  const mentions: DateMention[] = [];
  for (const item of found) {
    if (!('kind' in item)) {
      mentions.push(item);
      continue;
    }
    // A day is a firmer anchor than an interval: "A day earlier" after "on Thursday … July 25-27".
    const earlier = [...mentions].reverse();
    const anchor =
      earlier.find((mention) => mention.precision === 'DAY') ??
      earlier.find((mention) => mention.precision === 'RANGE');
    const resolved = resolveRelative(item, reference, anchor);
    if (resolved)
      mentions.push({ quote: item.quote, start: item.start, end: item.end, sentence: item.sentence, ...resolved });
  }
  return mentions;
}

/** Units of time shorter than a day: chrono reads "for three hours" as three hours from now. */
const DURATION = /\b(?:hours?|minutes?|seconds?|horas?|minutos?|segundos?)\b/iu;

/** How the publication date was found: a "Published:" line, a line that is only a date, a dateline. */
export interface PublicationLine extends DateMention {
  readonly how: 'publication line' | 'date line' | 'dateline';
}

/** Sentences of the page's head that may hold its publication date. */
const HEAD_SENTENCES = 6;

/**
 * The publication date the page states near its top: a "Published:/Publicado em/Updated" line
 * first, then a line that is only a date (and time), then a dateline ("Pyongyang, 19 de outubro
 * de 2023 –"); each must state its year and its day.
 */
export function findPublication(
  text: string,
  sentences: readonly Sentence[],
  language: DraftLanguage,
): PublicationLine | undefined {
  const head = sentences.slice(0, HEAD_SENTENCES);
  const today = parseFuzzyDate(new Date().toISOString().slice(0, 10)) as FuzzyDate;
  const stated = findDateMentions(text, head, language, today).filter(
    (mention) => !mention.inferred && mention.precision === 'DAY',
  );
  for (const how of ['publication line', 'date line', 'dateline'] as const) {
    for (const sentence of head) {
      const date = stated.find((mention) => mention.sentence === sentence.index);
      if (date && lineIs(how, sentence, date)) return { ...date, how };
    }
  }
  return undefined;
}

/** "Published: …", "By Staff | Updated Nov 20, 2024": a line, or a part of it between bars, that dates the page. */
function isPublicationLine(line: string): boolean {
  return line.split(/\s[|·]\s/u).some((part) => PUBLICATION_MARKERS.test(part.trim()));
}

/**
 * The day of the dateline ("Moscou, 30 abr (Lusa) –"), its year from the publication date: the
 * day the story is told from, which "hoje" and "on Friday" count from when the page was published
 * later ("Publicado em 1 de maio").
 */
export function findDatelineDay(
  text: string,
  sentences: readonly Sentence[],
  language: DraftLanguage,
  published: FuzzyDate,
): DateMention | undefined {
  const head = sentences.slice(0, HEAD_SENTENCES);
  return findDateMentions(text, head, language, published).find((mention) => {
    const sentence = head.find((item) => item.index === mention.sentence);
    return (
      sentence !== undefined &&
      mention.precision === 'DAY' &&
      mention.iso <= published.latest &&
      lineIs('dateline', sentence, mention)
    );
  });
}

/** A time after a date on its line: "às 10h05", "- 07:15", "09:12 GMT". */
const TIME_AFTER = /^[\s,|·–-]*(?:(?:às|at)\s*)?(?:\d{1,2}[:h]\d{2}\s*(?:GMT|UTC|BST)?)?[\s|·–-]*$/iu;

function lineIs(how: PublicationLine['how'], sentence: Sentence, date: DateMention): boolean {
  if (how === 'publication line') return isPublicationLine(sentence.text);
  const before = sentence.text.slice(0, date.start - sentence.start);
  const after = sentence.text.slice(date.end - sentence.start);
  // A date line is short: the length check also keeps TIME_AFTER's two blank runs from backtracking.
  if (how === 'date line') return /^\s*$/u.test(before) && after.length <= 40 && TIME_AFTER.test(after);
  // "PYONGYANG, June 19 –", "Moscou, 17 jan (Lusa) –": a place, a comma, the date, then the story.
  return /^[\p{L}][\p{L} .'’-]{1,40},\s*$/u.test(before) && /^\s*(?:\([^)]{1,20}\)\s*)?[–—-]/u.test(after);
}

/** chrono's span, without trailing punctuation, with the preposition before it ("Em 18 de julho"). */
function quoteSpan(text: string, start: number, end: number, language: DraftLanguage): { start: number; end: number } {
  let to = end;
  while (to > start && /[\s,.;:]/.test(text[to - 1] as string)) to -= 1;
  const before = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, start - 12), start));
  const preposition = before?.[1];
  const from =
    preposition && DATE_PREPOSITIONS[language].includes(preposition.toLowerCase())
      ? start - (before[0] as string).length
      : start;
  return { start: from, end: to };
}

type Resolved = Pick<DateMention, 'iso' | 'precision' | 'inferred' | 'note'>;

function resolveDate(result: chrono.ParsedResult, quote: string, reference: FuzzyDate): Resolved | undefined {
  const { start } = result;
  const tags = result.tags();
  const seen = `"${quote}"`;
  const published = `the publication date (${reference.iso})`;
  const year = start.isCertain('year') ? start.get('year') : null;
  const month = start.isCertain('month') ? start.get('month') : null;
  const day = start.isCertain('day') ? start.get('day') : null;

  if (start.isCertain('weekday') && !start.isCertain('day'))
    return weekdayBefore(start.get('weekday') as number, seen, reference, published);
  if (tags.has(TAG_RECENTLY)) {
    return {
      iso: String(reference.year),
      precision: 'YEAR',
      inferred: true,
      note: `${seen} is vague; only the year of ${published} is taken.`,
    };
  }
  if (tags.has(TAG_LAST_MONTH) && month !== null) {
    const before = reference.month !== null && month < reference.month;
    const resolvedYear = before || reference.month === null ? reference.year : reference.year - 1;
    return {
      iso: isoOf(resolvedYear, month),
      precision: 'MONTH',
      inferred: true,
      note: `${seen}: the latest such month before ${published}.`,
    };
  }
  if ([...tags].some((tag) => tag.startsWith('casualReference'))) {
    const date = start.date().toISOString().slice(0, 10);
    return {
      iso: date,
      precision: 'DAY',
      inferred: true,
      note: `${seen} counted from ${published}${reference.precision === 'DAY' ? '' : ', known only to the ' + reference.precision.toLowerCase()}.`,
    };
  }
  if (result.end && result.end.isCertain('day') && month !== null && day !== null) {
    // chrono's own range, in forms DAY_RANGE misses: the end in the same year as its start
    const endMonth = result.end.get('month') as number;
    const endDay = result.end.get('day') as number;
    const firstYear =
      year ?? (isoOf(reference.year, month, day) <= reference.latest ? reference.year : reference.year - 1);
    const range = dayInterval(
      isoOf(firstYear, month, day),
      isoOf(firstYear + (endMonth < month ? 1 : 0), endMonth, endDay),
    );
    // An interval longer than a date may be (MAX_RANGE_DAYS) is no date of one event: drop it
    // rather than keep its first day as if the text had said that day.
    if (!range) return undefined;
    return {
      iso: range.iso,
      precision: range.precision,
      inferred: year === null,
      ...(year === null ? { note: `${seen} gives no year: the latest such days on or before ${published}.` } : {}),
    };
  }
  if (month !== null && year !== null) {
    return day === null
      ? { iso: isoOf(year, month), precision: 'MONTH', inferred: false }
      : { iso: isoOf(year, month, day), precision: 'DAY', inferred: false };
  }
  if (month !== null) {
    const probe = (candidate: number) => isoOf(candidate, month, day ?? 1);
    const resolvedYear = probe(reference.year) <= reference.latest ? reference.year : reference.year - 1;
    const what = day === null ? 'month' : 'day';
    return {
      iso: day === null ? isoOf(resolvedYear, month) : isoOf(resolvedYear, month, day),
      precision: day === null ? 'MONTH' : 'DAY',
      inferred: true,
      note: `${seen} gives no year: the latest such ${what} on or before ${published}.`,
    };
  }
  if (year !== null) return { iso: String(year), precision: 'YEAR', inferred: false };
  return undefined; // a time of day alone dates nothing
}

/** The latest such weekday on or before the publication date. */
function weekdayBefore(weekday: number, seen: string, reference: FuzzyDate, published: string): Resolved {
  const latest = new Date(`${reference.latest}T12:00:00Z`);
  const back = (latest.getUTCDay() - weekday + 7) % 7;
  const date = new Date(latest.getTime() - back * 86_400_000).toISOString().slice(0, 10);
  return {
    iso: date,
    precision: 'DAY',
    inferred: true,
    note: `${seen}: the latest such weekday on or before ${published}${reference.precision === 'DAY' ? '' : ' (known only to the ' + reference.precision.toLowerCase() + ': check it)'}.`,
  };
}

/** "June 18-19", "de 15 a 17 de janeiro", before its year is resolved. */
interface DayRange {
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly month: number;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly year?: number;
}

function findDayRanges(text: string, language: DraftLanguage): DayRange[] {
  const pattern = new RegExp(DAY_RANGE[language].source, DAY_RANGE[language].flags);
  return [...text.matchAll(pattern)].map((match) => {
    const [quote = '', a, b, c, year] = match;
    const [monthName, first, last] = language === 'en' ? [a, b, c] : [c, a, b];
    const start = match.index ?? 0;
    return {
      quote,
      start,
      end: start + quote.length,
      month: MONTHS[(monthName ?? '').toLowerCase()] ?? 1,
      firstDay: Number(first),
      lastDay: Number(last),
      ...(year ? { year: Number(year) } : {}),
    };
  });
}

function resolveDayRange(range: DayRange, reference: FuzzyDate): Resolved | undefined {
  const at = (year: number, day: number) => isoOf(year, range.month, day);
  const year =
    range.year ?? (at(reference.year, range.firstDay) <= reference.latest ? reference.year : reference.year - 1);
  const date = dayInterval(at(year, range.firstDay), at(year, range.lastDay));
  if (!date) return undefined;
  if (range.year !== undefined) return { iso: date.iso, precision: date.precision, inferred: false };
  return {
    iso: date.iso,
    precision: date.precision,
    inferred: true,
    note: `"${range.quote}" gives no year: the latest such days starting on or before the publication date (${reference.iso}).`,
  };
}

function isoOf(year: number, month: number, day?: number): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return day === undefined ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
}
