import type { EntityLabel } from '../domain/model';
import { matchKey } from '../domain/normalize';
import type { Sentence } from '../bundle/sentences';
import { inDateline } from './dateline';
import { countryNamed, isCapital } from './gazetteer';
import {
  FUNCTION_WORDS,
  LABEL_HINTS,
  MINISTRY_FROM_TITLE,
  MONTHS,
  NAME_CONNECTORS,
  ORGANIZATION_CUES,
  PLACE_HEADS,
  PLACE_TAILS,
  TITLE_RUNS,
  TITLE_WORDS,
  type DraftLanguage,
} from './rules';
import { findTitleBefore, type Title } from './titles';
import { overlaps, slugify, type Span } from './text-search';

/** A name the text uses that no known entity has: a possible new entity, for review. */
export interface CandidateEntity {
  readonly id: string;
  readonly label: EntityLabel;
  readonly name: string;
  readonly mentions: readonly CandidateMention[];
  /** Why it is proposed and why with this label. */
  readonly reason: string;
}

export interface CandidateMention extends Span {
  readonly quote: string;
  readonly sentence: number;
  readonly title?: Title;
}

// A hyphen before a capital joins two names ("Coreia do Norte-Rússia"), so it ends the word.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}'’]|-(?!\p{Lu}))*/gu;
const WEEKDAYS = new Set([
  'segunda',
  'terca',
  'quarta',
  'quinta',
  'sexta',
  'sabado',
  'domingo',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

/** Head words of institutions named after their city: "Pyongyang General Hospital". */
const INSTITUTION_HEADS = new Set([
  'hospital',
  'university',
  'universidade',
  'airport',
  'aeroporto',
  'stadium',
  'estadio',
  'station',
  'estacao',
]);

/** Head words of names that are no entity of the model: wars, pandemics. */
const NOT_ENTITIES = new Set(['war', 'guerra', 'pandemic', 'pandemia']);

interface Token extends Span {
  readonly text: string;
  readonly key: string;
  readonly capitalised: boolean;
}

/**
 * Runs of capitalised words ("Alexei Krivoruchko", "Treaty on Friendship, Good-Neighbourliness and
 * Cooperation") that overlap nothing already found (`taken`: known mentions, dates, triggers),
 * without the function words and titles that start sentences, each with a guessed label.
 */
export function findCandidateEntities(
  text: string,
  sentences: readonly Sentence[],
  language: DraftLanguage,
  taken: readonly Span[],
  reservedIds: ReadonlySet<string>,
  /** Single words that are a known person's surname here ("Kim"): theirs, not a candidate's. */
  knownSurnames: ReadonlySet<string> = new Set(),
): CandidateEntity[] {
  const functionWords = new Set(FUNCTION_WORDS[language].map(matchKey));
  const titleKeys = new Set(TITLE_WORDS[language].flatMap((title) => matchKey(title.word).split(' ')));
  const skip = (token: Token) =>
    functionWords.has(token.key) || titleKeys.has(token.key) || token.key in MONTHS || WEEKDAYS.has(token.key);
  const byKey = new Map<string, { name: string; label: EntityLabel; reason: string; mentions: CandidateMention[] }>();

  const titleSpans = MINISTRY_FROM_TITLE[language].flatMap(({ pattern }) =>
    [...text.matchAll(pattern)].map((match) => ({
      start: match.index ?? 0,
      end: (match.index ?? 0) + match[0].length,
    })),
  );
  const titleRuns = [...text.matchAll(new RegExp(TITLE_RUNS[language].source, TITLE_RUNS[language].flags))].map(
    (match) => ({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }),
  );
  const blocked = [...taken, ...titleSpans, ...titleRuns];
  for (const sentence of sentences) {
    for (const run of capitalisedRuns(text, sentence, language).flatMap((tokens) => splitAt(tokens, blocked))) {
      let tokens = run;
      // A function word is capitalised only where it starts the sentence: "Defesa, No Kwang Chol" is a name.
      const startsSentence = (token: Token) => text.slice(sentence.start, token.start).trim() === '';
      while (
        tokens.length > 0 &&
        skip(tokens[0] as Token) &&
        (startsSentence(tokens[0] as Token) ||
          titleKeys.has((tokens[0] as Token).key) ||
          !functionWords.has((tokens[0] as Token).key))
      )
        tokens = tokens.slice(1);
      while (
        tokens.length > 0 &&
        (!(tokens[tokens.length - 1] as Token).capitalised || skip(tokens[tokens.length - 1] as Token))
      )
        tokens = tokens.slice(0, -1);
      // a connector left in front once a known name before it was cut away: "… on Russky Island"
      while (tokens.length > 0 && !(tokens[0] as Token).capitalised) tokens = tokens.slice(1);
      const first = tokens[0];
      const last = tokens[tokens.length - 1];
      if (!first || !last) continue;
      let span = { start: first.start, end: last.end };
      if (/^\p{N}+$/u.test(first.text)) continue;
      // "Amur region", "cosmódromo de Vostochny": a lower-case head word belongs to a place's name.
      const tail = PLACE_TAILS[language].exec(text.slice(span.end, span.end + 20));
      const head = PLACE_HEADS[language].exec(text.slice(Math.max(sentence.start, span.start - 25), span.start));
      const place = Boolean(tail || head);
      if (tail) span = { ...span, end: span.end + tail[0].length };
      if (head) span = { ...span, start: span.start - head[0].length };
      // "Russian President": an adjective before a title, not a name.
      const next = text.slice(span.end, span.end + 30);
      if (tokens.length === 1 && TITLE_WORDS[language].some((title) => next.startsWith(` ${title.word}`))) continue;
      // "Pyongyang General Hospital": a known place before a name ending in a place or organisation word.
      const owner = /(\p{Lu}[\p{L}-]+) $/u.exec(text.slice(Math.max(sentence.start, span.start - 30), span.start));
      if (owner && tokens.length > 1 && INSTITUTION_HEADS.has(last.key))
        span = { ...span, start: span.start - owner[0].length };
      if (NOT_ENTITIES.has(last.key)) continue;
      const name = text.slice(span.start, span.end);
      const title = findTitleBefore(text, sentence, span.start, language);
      const key = matchKey(name);
      const context = { text, span, sentence, language };
      const entry = byKey.get(key) ?? {
        name,
        ...(place
          ? { label: 'Place' as const, reason: 'a place word is part of its name' }
          : guessLabel(tokens, title, context)),
        mentions: [],
      };
      entry.mentions.push({ ...span, quote: name, sentence: sentence.index, ...(title ? { title } : {}) });
      byKey.set(key, entry);
    }
  }

  // "Putin" after "Vladimir Putin", "Choe" after "Choe Son Hui", "Kwang Chol" beside "No Kwang Chol":
  // a surname, or a name without its first word, is the person already named.
  for (const [key, entry] of byKey) {
    if (knownSurnames.has(key)) continue;
    const person = [...byKey.entries()].find(
      ([other, candidate]) =>
        candidate.label === 'Person' &&
        other !== key &&
        (other.endsWith(` ${key}`) || (!key.includes(' ') && other.startsWith(`${key} `))),
    );
    if (!person) continue;
    person[1].mentions.push(...entry.mentions);
    byKey.delete(key);
  }
  const used = new Set(reservedIds);
  return [...byKey.values()].map((entry) => {
    const base = slugify(entry.name) || 'entity';
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    return { id, label: entry.label, name: entry.name, mentions: entry.mentions, reason: entry.reason };
  });
}

/** A run cut where it touches something already found, as its own name or a title. */
function splitAt(tokens: readonly Token[], blocked: readonly Span[]): Token[][] {
  const runs: Token[][] = [[]];
  for (const token of tokens) {
    if (blocked.some((span) => overlaps(span, token))) runs.push([]);
    else (runs[runs.length - 1] as Token[]).push(token);
  }
  return runs.filter((run) => run.some((token) => token.capitalised));
}

/** Consecutive capitalised words of a sentence, joined by single spaces or name connectors. */
function capitalisedRuns(text: string, sentence: Sentence, language: DraftLanguage): Token[][] {
  const connectors = new Set(NAME_CONNECTORS[language]);
  const agreementHeads = new Set(LABEL_HINTS.find((hint) => hint.label === 'Agreement')?.words ?? []);
  const tokens: Token[] = [...sentence.text.matchAll(WORD)].map((match) => {
    const start = sentence.start + (match.index ?? 0);
    const word = match[0];
    return { start, end: start + word.length, text: word, key: matchKey(word), capitalised: /^\p{Lu}/u.test(word) };
  });
  const runs: Token[][] = [];
  let run: Token[] = [];
  const close = () => {
    if (run.some((token) => token.capitalised)) runs.push(run);
    run = [];
  };
  for (const token of tokens) {
    const previous = run[run.length - 1];
    const gap = previous ? text.slice(previous.end, token.start) : '';
    // A treaty's name may list its subjects: "Treaty on Friendship, Good-Neighbourliness and Cooperation".
    const inAgreement = run.length > 0 && agreementHeads.has((run[0] as Token).key);
    const joins = gap === ' ' || (inAgreement && (gap === ', ' || gap === '-'));
    const connector =
      !token.capitalised && (connectors.has(token.key) || (inAgreement && ['and', 'e'].includes(token.key)));
    if (previous && joins && (token.capitalised || connector)) {
      run.push(token);
      continue;
    }
    close();
    if (token.capitalised) run.push(token);
  }
  close();
  return runs;
}

interface LabelContext {
  readonly text: string;
  readonly span: Span;
  readonly sentence: Sentence;
  readonly language: DraftLanguage;
}

function guessLabel(
  tokens: readonly Token[],
  title: Title | undefined,
  { text, span, sentence, language }: LabelContext,
): { label: EntityLabel; reason: string } {
  const name = text.slice(span.start, span.end);
  if (countryNamed(name)) return { label: 'Country', reason: 'a country of the country dataset' };
  if (isCapital(name)) return { label: 'Place', reason: 'a capital city of the country dataset' };
  const before = text.slice(sentence.start, span.start);
  if (/\($/u.test(before) && text.startsWith(')', span.end))
    return { label: 'Organization', reason: 'in brackets after the dateline, as news agencies are' };
  if (inDateline(sentence, span)) return { label: 'Place', reason: 'the place of a dateline' };
  const cue = ORGANIZATION_CUES[language].find((word) => new RegExp(`\\b${word} $`, 'iu').test(before));
  if (cue) return { label: 'Organization', reason: `"${cue}" precedes it` };
  if (/-(?:19|20)\d{2}$/u.test(name))
    return { label: 'Organization', reason: 'a name with a year, as forums and exhibitions have' };
  const ends = [tokens[0]?.key ?? '', tokens[tokens.length - 1]?.key ?? ''];
  for (const hint of LABEL_HINTS) {
    const word = ends.find((end) => hint.words.includes(end));
    if (word) return { label: hint.label, reason: `its word "${word}" suggests ${hint.label}` };
  }
  if (title) return { label: 'Person', reason: `the title "${title.text}" precedes it` };
  const only = tokens.length === 1 ? (tokens[0] as Token).text : '';
  if (/^\p{Lu}{2,6}$/u.test(only)) return { label: 'Organization', reason: 'an acronym, often an organisation' };
  if (tokens.length >= 2 && tokens.length <= 4)
    return { label: 'Person', reason: 'two to four capitalised words, often a person' };
  return { label: 'Place', reason: 'a single capitalised word, often a place' };
}
