import { matchKey } from '../domain/normalize';
import type { NodeModel } from '../domain/types';
import { badUserInput } from '../errors';

/** Longest text and most words a search takes. */
const MAX_TEXT = 200;
const MAX_TERMS = 8;

/**
 * The words of a search: normalised to lower-case letters and digits (so Lucene syntax, accents,
 * case and hyphens cannot matter), without the analyzer's stop words (the index never holds
 * "on" or "and", so requiring them would find nothing). More than MAX_TERMS is an error, not a cut.
 */
export function searchTerms(text: string, stopWords: ReadonlySet<string>): string[] {
  if (text.length > MAX_TEXT) throw badUserInput(`text is limited to ${MAX_TEXT} characters`, 'text');
  const terms = matchKey(text)
    .split(' ')
    .filter((term) => term.length > 0 && !stopWords.has(term));
  if (terms.length > MAX_TERMS)
    throw badUserInput(
      `text is limited to ${MAX_TERMS} words (stop words such as "and" not counted); got ${terms.length}`,
      'text',
    );
  return terms;
}

/** Edits a word of this length may be away and still match: none under 5 letters, 1 up to 7, then 2. */
export function fuzzyEdits(term: string): number {
  return term.length < 5 ? 0 : term.length < 8 ? 1 : 2;
}

/**
 * Portuguese function words ("de", "do", "em"), dropped from a search as the analyzer's English stop
 * words are: "junho de 2024" and "Coreia do Norte" mean their other words.
 */
export const PORTUGUESE_STOP_WORDS: ReadonlySet<string> = new Set(
  'a ao aos as com da das de do dos e em na nas no nos o os ou para pela pelas pelo pelos por um uma'.split(' '),
);

/**
 * A run of consecutive words written as one ("kim jong eun" as "kimjongeun"), matched within edits
 * against whole names stored as one word: a typo in a short name part ("Jong Eun", "Kim Jong Um")
 * is then a small share of the whole name, as it is for a reader.
 */
export interface NameSpan {
  /** Index of its first and last word in the terms. */
  readonly first: number;
  readonly last: number;
  readonly compact: string;
  readonly edits: number;
}

/** Words a name span may join (names of two or three parts). */
const SPAN_WORDS = [2, 3] as const;

/**
 * The name spans of a search: 2–3 consecutive words of letters making at least 6 letters, one of
 * them shorter than fuzzy matching of single words allows (a short name part: "Jong", "Um"); longer
 * words find their typos alone, and a span of them would only cost.
 */
export function nameSpans(terms: readonly string[]): NameSpan[] {
  return SPAN_WORDS.flatMap((size) =>
    terms.slice(0, terms.length - size + 1).flatMap((_, first) => {
      const words = terms.slice(first, first + size);
      const compact = words.join('');
      if (compact.length < 6 || /\p{N}/u.test(compact)) return [];
      if (words.every((word) => fuzzyEdits(word) > 0)) return [];
      return [{ first, last: first + size - 1, compact, edits: compact.length < 9 ? 1 : 2 }];
    }),
  );
}

/** The stored properties that hold whole names as one word (src/domain/search-text.ts). */
const COMPACT_NAME_PROPERTIES = ['nameVariants', 'searchParticipants', 'searchPlaces'] as const;

/**
 * Where a single word may be a typo: names, aliases and titles, as before events were searched by
 * what they are. Each fuzzy clause costs an automaton and a term walk per property, so an event's
 * participants and places are reached within edits through whole names (name spans) only.
 */
const TYPO_PROPERTIES = ['name', 'nameEn', 'aliasText', 'title', 'titleEn'] as const;

/**
 * Lucene query: each word matches exactly, as a prefix ("Krivo") or within a few edits ("Putim",
 * "krivoruchco"); boosts rank exact above prefix above fuzzy. `all` requires every word, `any` at
 * least one (BM25 ranks more words higher). Either way a run of words within edits of a whole name
 * ("Kim Jong Um") is a match too; rankHits then counts which words matched.
 */
export function toLuceneQuery(terms: readonly string[], mode: 'all' | 'any' = 'all'): string | undefined {
  if (terms.length === 0) return undefined;
  const words = terms
    .map((term) => {
      const edits = fuzzyEdits(term);
      const typos = edits > 0 ? TYPO_PROPERTIES.map((property) => `${property}:${term}~${edits}`) : [];
      return `(${[`${term}^4`, `${term}*^2`, ...typos].join(' OR ')})`;
    })
    .join(mode === 'all' ? ' AND ' : ' OR ');
  const names = nameSpans(terms).flatMap((span) =>
    COMPACT_NAME_PROPERTIES.map((property) => `${property}:${span.compact}~${span.edits}`),
  );
  return names.length === 0 ? words : `(${words}) OR ${names.join(' OR ')}`;
}

/** Lucene query for suggestions: any word, up to two edits away. */
export function toSuggestionQuery(terms: readonly string[]): string | undefined {
  const usable = terms.filter((term) => term.length >= 3);
  if (usable.length === 0) return undefined;
  return usable.map((term) => `${term}~2`).join(' OR ');
}

/**
 * How well the words name the node: 3 its name or title, 2 one of its aliases or of the name's
 * romanisation variants (`nameVariants` holds them as one word), 1 every word a word (or the start
 * of one) of its names, 0 only within edits (a typo). Names are compared without stop words, as the
 * words are. `terms` are searchTerms' words: none empty, none holding a space.
 */
export function matchTier(
  node: NodeModel,
  terms: readonly string[],
  stopWords: ReadonlySet<string>,
  nameVariants: string | null = null,
  wordsOf: WordsOf = keyWords,
): number {
  const significant = (name: string) => wordsOf(name).filter((word) => word.length > 0 && !stopWords.has(word));
  const areTerms = (words: readonly string[]) =>
    words.length === terms.length && words.every((word, index) => word === terms[index]);
  // Each name's words once: they are compared whole, then word by word.
  const main = (node.label === 'Event' ? [node.title, node.titleEn] : [node.name, node.nameEn])
    .filter((name): name is string => name !== null)
    .map(significant);
  if (main.some(areTerms)) return 3;
  const aliases = node.label === 'Event' ? [] : node.aliases.map(significant);
  if (aliases.some(areTerms)) return 2;
  if (terms.length > 1 && (nameVariants ?? '').split(' ').includes(terms.join(''))) return 2;
  const words = [...main, ...aliases].flat();
  return terms.every((term) => words.some((word) => word.startsWith(term))) ? 1 : 0;
}

/** A text's matchKey words. */
type WordsOf = (text: string) => readonly string[];

function keyWords(text: string): readonly string[] {
  return matchKey(text).split(' ');
}

/**
 * keyWords remembered for one ranking: a person's name, English name and first alias are usually
 * one text, and normalising names is most of the ranking's cost.
 */
function rememberedKeyWords(): WordsOf {
  const known = new Map<string, readonly string[]>();
  return (text) => {
    let words = known.get(text);
    if (words === undefined) {
      words = keyWords(text);
      known.set(text, words);
    }
    return words;
  };
}

/** Why a hit matched: which of its texts hold the words. */
const MATCH_FIELDS = ['NAME', 'ALIAS', 'TITLE', 'PARTICIPANT', 'PLACE', 'AGREEMENT', 'TYPE', 'DATE'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** The full-text index's properties, and what a match in each says. */
const FIELD_OF_PROPERTY = {
  name: 'NAME',
  nameEn: 'NAME',
  aliasText: 'ALIAS',
  nameVariants: 'ALIAS',
  title: 'TITLE',
  titleEn: 'TITLE',
  searchParticipants: 'PARTICIPANT',
  searchPlaces: 'PLACE',
  searchAgreements: 'AGREEMENT',
  searchType: 'TYPE',
  searchDate: 'DATE',
} as const satisfies Record<string, MatchField>;
export type SearchProperty = keyof typeof FIELD_OF_PROPERTY;

/** A hit's indexed texts by property (absent or null where the node has none). */
export type SearchTexts = Readonly<Partial<Record<SearchProperty, string | null>>>;

/** Properties stored as lower-case index words, which need no normalising. */
const NORMALISED: ReadonlySet<SearchProperty> = new Set([
  'nameVariants',
  'searchParticipants',
  'searchPlaces',
  'searchAgreements',
  'searchType',
  'searchDate',
]);

export interface MatchAnalysis {
  /** How many of the words match somewhere. */
  readonly matched: number;
  /** Every word matches whole or as a prefix somewhere (no typo needed). */
  readonly exact: boolean;
  /** The fields where a word found its best match, in MATCH_FIELDS order. */
  readonly fields: MatchField[];
}

const EXACT = 2;
const FUZZY = 1;

const TYPO: ReadonlySet<string> = new Set(TYPO_PROPERTIES);
const COMPACT: ReadonlySet<string> = new Set(COMPACT_NAME_PROPERTIES);

/**
 * Which words match which of a hit's texts, by the rules of toLuceneQuery (whole word, prefix,
 * within edits, or inside a whole name within edits), so that a ranking and an explanation can
 * be given per word: Lucene's score says how well, not where.
 */
export function analyseMatch(
  texts: SearchTexts,
  terms: readonly string[],
  spans: readonly NameSpan[] = nameSpans(terms),
): MatchAnalysis {
  return analyseWords(texts, planTerms(terms, spans), keyWords);
}

/** A word of the search with what matching it takes, worked out once per search, not per hit. */
interface TermPlan {
  readonly term: string;
  readonly edits: number;
  /** The name spans the word is part of. */
  readonly covering: readonly NameSpan[];
}

function planTerms(terms: readonly string[], spans: readonly NameSpan[]): TermPlan[] {
  return terms.map((term, index) => ({
    term,
    edits: fuzzyEdits(term),
    covering: spans.filter((span) => span.first <= index && index <= span.last),
  }));
}

const SEARCH_PROPERTIES = Object.keys(FIELD_OF_PROPERTY) as SearchProperty[];

function analyseWords(texts: SearchTexts, plans: readonly TermPlan[], wordsOf: WordsOf): MatchAnalysis {
  const properties: { property: SearchProperty; words: readonly string[] }[] = [];
  for (const property of SEARCH_PROPERTIES) {
    const text = texts[property];
    // The stored search texts are index words already (src/domain/search-text.ts); names and titles are not.
    if (text) properties.push({ property, words: NORMALISED.has(property) ? text.split(' ') : wordsOf(text) });
  }
  const fields = new Set<MatchField>();
  let matched = 0;
  let exact = true;
  for (const plan of plans) {
    const grades = properties.map(({ property, words }) => gradeOf(property, words, plan));
    const best = Math.max(0, ...grades);
    if (best === 0) {
      exact = false;
      continue;
    }
    matched += 1;
    if (best < EXACT) exact = false;
    properties.forEach(({ property }, i) => {
      if (grades[i] === best) fields.add(FIELD_OF_PROPERTY[property]);
    });
  }
  return { matched, exact, fields: MATCH_FIELDS.filter((field) => fields.has(field)) };
}

/** How a word matches one property's words: whole or as a prefix, within edits, inside a whole name within edits, or not. */
function gradeOf(property: SearchProperty, words: readonly string[], { term, edits, covering }: TermPlan): number {
  if (words.some((word) => word.startsWith(term))) return EXACT;
  if (edits > 0 && TYPO.has(property) && words.some((word) => withinEdits(word, term, edits))) return FUZZY;
  if (
    COMPACT.has(property) &&
    covering.some((span) => words.some((word) => withinEdits(word, span.compact, span.edits)))
  )
    return FUZZY;
  return 0;
}

/** Rows of withinEdits' table, kept between calls (it runs for many word pairs per search). */
let editRows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/**
 * Whether two words are at most `edits` apart, a transposition counting as one edit as in Lucene's
 * fuzzy queries (optimal string alignment distance). Stops at the first row whose every cell
 * exceeds `edits`: no later row can come back under it.
 */
export function withinEdits(a: string, b: string, edits: number): boolean {
  if (Math.abs(a.length - b.length) > edits) return false;
  if (a === b) return true;
  const width = b.length + 1;
  if (editRows[0].length < width)
    editRows = [new Int32Array(width), new Int32Array(width), new Int32Array(width)] as const;
  let [before, previous, current] = editRows;
  for (let j = 0; j < width; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j += 1) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > edits) return false;
    [before, previous, current] = [previous, current, before];
  }
  return (previous[b.length] as number) <= edits;
}

/** A full-text hit as the ranking needs it. */
export interface RankableHit {
  readonly node: NodeModel;
  /** Lucene's BM25 score. */
  readonly score: number;
  readonly texts: SearchTexts;
}

export interface RankedHit {
  readonly node: NodeModel;
  readonly score: number;
  readonly matchedOn: MatchField[];
}

/**
 * Orders hits: those matching every word first, then by how many words match; among equals an
 * entity the words name (its name, an alias, a variant) first, then events the words describe by
 * who, where or what they produced, then Lucene's BM25. The score is monotone in that order:
 * 100 for every word, 10 a word, 2 per tier (entities 1–4, events 0–3), plus BM25 scaled under 1.
 */
export function rankHits(
  hits: readonly RankableHit[],
  terms: readonly string[],
  stopWords: ReadonlySet<string>,
): RankedHit[] {
  const plans = planTerms(terms, nameSpans(terms));
  const wordsOf = rememberedKeyWords();
  return hits
    .map((hit) => {
      const match = analyseWords(hit.texts, plans, wordsOf);
      const every = match.matched === terms.length;
      const score =
        (every ? 100 : 0) +
        10 * match.matched +
        2 * tierOf(hit, match, terms, stopWords, wordsOf) +
        hit.score / (1 + hit.score);
      return { node: hit.node, score, matchedOn: match.fields };
    })
    .sort((a, b) => b.score - a.score || a.node.id.localeCompare(b.node.id));
}

/** Entities by how the words name them (1–4); events 3 for their exact title, else up to 1 for naming who/where/what and for needing no typo. */
function tierOf(
  hit: RankableHit,
  match: MatchAnalysis,
  terms: readonly string[],
  stopWords: ReadonlySet<string>,
  wordsOf: WordsOf,
): number {
  const tier = matchTier(hit.node, terms, stopWords, hit.texts.nameVariants ?? null, wordsOf);
  if (hit.node.label !== 'Event') return 1 + tier;
  if (tier === 3) return 3;
  const named = match.fields.some((field) => field === 'PARTICIPANT' || field === 'PLACE' || field === 'AGREEMENT');
  return (named ? 0.5 : 0) + (match.exact ? 0.5 : 0);
}
