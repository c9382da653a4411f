import { matchKey } from '../domain/normalize';
import type { NodeModel } from '../domain/types';
import { badUserInput } from '../errors';
import type { Database } from '../neo4j/database';
import { searchFullText } from '../repositories/search.repository';
import { boundedInt, LIMITS } from './limits';

export interface SearchHit {
  readonly score: number;
  readonly node: NodeModel;
}

const MAX_TEXT = 200;
const MAX_TERMS = 8;

/**
 * Builds a Lucene query from free text: the text is normalised to letters and digits first (so
 * Lucene syntax, accents, case and hyphens cannot matter), then each term must match, exactly
 * or as a prefix ("Krivo" finds Krivoruchko).
 */
export function toLuceneQuery(text: string): string | undefined {
  const terms = matchKey(text).split(' ').filter(Boolean).slice(0, MAX_TERMS);
  if (terms.length === 0) return undefined;
  return terms.map((term) => `(${term}^2 OR ${term}*)`).join(' AND ');
}

/** How well the whole text names the node: 3 its name or title, 2 one of its aliases, 1 a part. */
export function matchTier(node: NodeModel, text: string): number {
  const key = matchKey(text);
  const names = node.label === 'Event' ? [node.title, node.titleEn] : [node.name, node.nameEn];
  if (names.some((name) => name !== null && matchKey(name) === key)) return 3;
  if (node.label !== 'Event' && node.aliases.some((alias) => matchKey(alias) === key)) return 2;
  return 1;
}

/** Full-text search over names, aliases and titles, ranked exact name > alias > partial. */
export class SearchService {
  constructor(private readonly database: Database) {}

  async search(text: string, firstArg: number | null | undefined): Promise<SearchHit[]> {
    const first = boundedInt(firstArg, LIMITS.search, 'first');
    if (text.length > MAX_TEXT) throw badUserInput(`text is limited to ${MAX_TEXT} characters`, 'text');
    const query = toLuceneQuery(text);
    if (query === undefined) return [];
    // Fetch more than asked so the re-ranking by match tier can promote exact names.
    const hits = await searchFullText(this.database, query, Math.min(first * 3, LIMITS.search.max * 3));
    return hits
      .map((hit) => ({ node: hit.node, score: matchTier(hit.node, text) + hit.score / (1 + hit.score) }))
      .sort((a, b) => b.score - a.score || a.node.id.localeCompare(b.node.id))
      .slice(0, first);
  }
}
