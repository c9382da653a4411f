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
 * Lucene query: every word must match, exactly, as a prefix ("Krivo"), or within a few edits
 * ("Putim", "krivoruchco"); boosts rank exact above prefix above fuzzy.
 */
export function toLuceneQuery(terms: readonly string[]): string | undefined {
  if (terms.length === 0) return undefined;
  return terms
    .map((term) => {
      const edits = fuzzyEdits(term);
      return `(${term}^4 OR ${term}*^2${edits > 0 ? ` OR ${term}~${edits}` : ''})`;
    })
    .join(' AND ');
}

/** Lucene query for suggestions: any word, up to two edits away. */
export function toSuggestionQuery(terms: readonly string[]): string | undefined {
  const usable = terms.filter((term) => term.length >= 3);
  if (usable.length === 0) return undefined;
  return usable.map((term) => `${term}~2`).join(' OR ');
}

function namesOf(node: NodeModel): string[] {
  const names = node.label === 'Event' ? [node.title, node.titleEn] : [node.name, node.nameEn, ...node.aliases];
  return names.filter((name): name is string => name !== null);
}

/**
 * How well the words name the node: 3 its name or title, 2 one of its aliases, 1 every word a
 * word (or the start of one) of its names, 0 only within edits (a typo). Names are compared
 * without stop words, as the words are.
 */
export function matchTier(node: NodeModel, terms: readonly string[], stopWords: ReadonlySet<string>): number {
  const key = terms.join(' ');
  const significant = (name: string) =>
    matchKey(name)
      .split(' ')
      .filter((word) => word.length > 0 && !stopWords.has(word));
  const main = node.label === 'Event' ? [node.title, node.titleEn] : [node.name, node.nameEn];
  if (main.some((name) => name !== null && significant(name).join(' ') === key)) return 3;
  if (node.label !== 'Event' && node.aliases.some((alias) => significant(alias).join(' ') === key)) return 2;
  const words = namesOf(node).flatMap(significant);
  return terms.every((term) => words.some((word) => word.startsWith(term))) ? 1 : 0;
}
