import type { EntityLabel } from '../domain/model';
import { matchKey } from '../domain/normalize';
import type { Sentence } from '../ingest/sentences';
import {
  FUNCTION_WORDS,
  LABEL_HINTS,
  MINISTRY_FROM_TITLE,
  MONTHS,
  NAME_CONNECTORS,
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
  const blocked = [...taken, ...titleSpans];
  for (const sentence of sentences) {
    for (const run of capitalisedRuns(text, sentence, language).flatMap((tokens) => splitAt(tokens, blocked))) {
      let tokens = run;
      while (tokens.length > 0 && skip(tokens[0] as Token)) tokens = tokens.slice(1);
      while (
        tokens.length > 0 &&
        (!(tokens[tokens.length - 1] as Token).capitalised || skip(tokens[tokens.length - 1] as Token))
      )
        tokens = tokens.slice(0, -1);
      const first = tokens[0];
      const last = tokens[tokens.length - 1];
      if (!first || !last) continue;
      const span = { start: first.start, end: last.end };
      if (/^\p{N}+$/u.test(first.text)) continue;
      // "Russian President": an adjective before a title, not a name.
      const next = text.slice(span.end, span.end + 30);
      if (tokens.length === 1 && TITLE_WORDS[language].some((title) => next.startsWith(` ${title.word}`))) continue;
      const name = text.slice(span.start, span.end);
      const title = findTitleBefore(text, sentence, span.start, language);
      const key = matchKey(name);
      const entry = byKey.get(key) ?? { name, ...guessLabel(tokens, title), mentions: [] };
      entry.mentions.push({ ...span, quote: name, sentence: sentence.index, ...(title ? { title } : {}) });
      byKey.set(key, entry);
    }
  }

  // "Putin" after "Vladimir Putin": a surname alone is the person already named.
  for (const [key, entry] of byKey) {
    if (key.includes(' ')) continue;
    const person = [...byKey.entries()].find(
      ([other, candidate]) => candidate.label === 'Person' && other !== key && other.endsWith(` ${key}`),
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

function guessLabel(tokens: readonly Token[], title: Title | undefined): { label: EntityLabel; reason: string } {
  if (title) return { label: 'Person', reason: `the title "${title.text}" precedes it` };
  const ends = [tokens[0]?.key ?? '', tokens[tokens.length - 1]?.key ?? ''];
  for (const hint of LABEL_HINTS) {
    const word = ends.find((end) => hint.words.includes(end));
    if (word) return { label: hint.label, reason: `its word "${word}" suggests ${hint.label}` };
  }
  const only = tokens.length === 1 ? (tokens[0] as Token).text : '';
  if (/^\p{Lu}{2,6}$/u.test(only)) return { label: 'Organization', reason: 'an acronym, often an organisation' };
  if (tokens.length >= 2 && tokens.length <= 4)
    return { label: 'Person', reason: 'two to four capitalised words, often a person' };
  return { label: 'Place', reason: 'a single capitalised word, often a place' };
}
