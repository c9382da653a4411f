import type { NodeModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { findStopWords, searchFullText } from '../repositories/search.repository';
import { boundedInt, LIMITS } from './limits';
import { matchTier, searchTerms, toLuceneQuery, toSuggestionQuery } from './search-query';

export interface SearchHit {
  readonly score: number;
  readonly node: NodeModel;
}

/**
 * The stop words of the search index's analyzer, read from Neo4j once per process (they are fixed
 * by the analyzer), so queries drop exactly the words the index never holds.
 */
export class StopWords {
  private words: Promise<ReadonlySet<string>> | undefined;

  get(database: Database): Promise<ReadonlySet<string>> {
    this.words ??= findStopWords(database).catch((error: unknown) => {
      this.words = undefined; // a database that was down is asked again next time
      throw error;
    });
    return this.words;
  }
}

/** Most suggestions didYouMean gives. */
const SUGGESTIONS = 5;

/** Full-text search over names, aliases and titles, ranked exact name > alias > words > typo. */
export class SearchService {
  constructor(
    private readonly database: Database,
    private readonly stopWords: StopWords,
  ) {}

  async search(text: string, firstArg: number | null | undefined): Promise<SearchHit[]> {
    const first = boundedInt(firstArg, LIMITS.search, 'first');
    const stopWords = await this.stopWords.get(this.database);
    const terms = searchTerms(text, stopWords);
    const query = toLuceneQuery(terms);
    if (query === undefined) return [];
    // Fetch more than asked so the re-ranking by match tier can promote exact names.
    const hits = await searchFullText(this.database, query, Math.min(first * 3, LIMITS.search.max * 3));
    return hits
      .map((hit) => ({ node: hit.node, score: matchTier(hit.node, terms, stopWords) + hit.score / (1 + hit.score) }))
      .sort((a, b) => b.score - a.score || a.node.id.localeCompare(b.node.id))
      .slice(0, first);
  }

  /** Names close to the text (any word up to two edits away), for when search finds nothing. */
  async didYouMean(text: string): Promise<string[]> {
    const terms = searchTerms(text, await this.stopWords.get(this.database));
    const query = toSuggestionQuery(terms);
    if (query === undefined) return [];
    const hits = await searchFullText(this.database, query, SUGGESTIONS * 4);
    const names = hits.map((hit) => (hit.node.label === 'Event' ? hit.node.title : hit.node.name));
    return [...new Set(names)].slice(0, SUGGESTIONS);
  }
}
