import * as chrono from 'chrono-node';
import { parseFuzzyDate, type DatePrecision, type FuzzyDate } from '../domain/fuzzy-date';
import { sentenceAt, type Sentence } from '../ingest/sentences';
import { DATE_PREPOSITIONS, LAST_MONTH, MONTH_NAME, MONTHS, RECENTLY, YEAR_ALONE, type DraftLanguage } from './rules';

/** A date expression of the text, resolved against the publication date. */
export interface DateMention {
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  /** YYYY, YYYY-MM or YYYY-MM-DD, as precise as the text allows. */
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
 * before its month, "on Wednesday" the latest Wednesday on or before it, "recently" its year.
 */
export function findDateMentions(
  text: string,
  sentences: readonly Sentence[],
  language: DraftLanguage,
  reference: FuzzyDate,
): DateMention[] {
  const instant = new Date(`${reference.latest}T12:00:00Z`);
  const mentions: DateMention[] = [];
  for (const result of parserFor(language, reference).parse(text, { instant, timezone: 0 })) {
    const span = quoteSpan(text, result.index, result.index + result.text.length, language);
    const sentence = sentenceAt(sentences, span.start, span.end);
    const resolved = resolveDate(result, text.slice(span.start, span.end), reference);
    if (!sentence || !resolved) continue;
    mentions.push({ quote: text.slice(span.start, span.end), ...span, sentence: sentence.index, ...resolved });
  }
  return mentions;
}

/** The first date with its year stated in the opening sentence: a dateline ("PYONGYANG, June 19, 2024"). */
export function findDateline(
  text: string,
  sentences: readonly Sentence[],
  language: DraftLanguage,
): DateMention | undefined {
  const first = sentences[0];
  if (!first) return undefined;
  const today = parseFuzzyDate(new Date().toISOString().slice(0, 10)) as FuzzyDate;
  return findDateMentions(text, sentences, language, today).find(
    (mention) => mention.sentence === first.index && !mention.inferred && mention.precision === 'DAY',
  );
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
  if (start.isCertain('weekday')) {
    const weekday = start.get('weekday') as number;
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
  return undefined; // a time of day alone dates nothing
}

function isoOf(year: number, month: number, day?: number): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return day === undefined ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
}
