import type { NodeModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { findStopWords, searchFullText } from '../repositories/search.repository';
import { boundedInt, LIMITS } from './limits';
import {
  PORTUGUESE_STOP_WORDS,
  rankHits,
  searchTerms,
  toLuceneQuery,
  toSuggestionQuery,
  type MatchField,
} from './search-query';

export interface SearchHit {
  readonly score: number;
  readonly node: NodeModel;
  /** Which of the node's texts hold the words: its name, an alias, an event's title, participants, place… */
  readonly matchedOn: readonly MatchField[];
}

/**
 * The stop words of the search index's analyzer, read from Neo4j once per process (they are fixed
 * by the analyzer), so queries drop exactly the words the index never holds; and Portuguese
 * function words, which the index holds but which say nothing about what is sought.
 */
export class StopWords {
  private words: Promise<ReadonlySet<string>> | undefined;

  get(database: Database): Promise<ReadonlySet<string>> {
    this.words ??= findStopWords(database).then(
      (english) => new Set([...english, ...PORTUGUESE_STOP_WORDS]),
      (error: unknown) => {
        this.words = undefined; // a database that was down is asked again next time
        throw error;
      },
    );
    return this.words;
  }
}

/** Most suggestions didYouMean gives. */
const SUGGESTIONS = 5;

/**
 * Full-text search over names, aliases, titles and what events are (who, where, what, when):
 * hits matching every word first, then partial matches, each saying why it matched (see rankHits).
 */
export class SearchService {
  constructor(
    private readonly database: Database,
    private readonly stopWords: StopWords,
  ) {}

  async search(text: string, firstArg: number | null | undefined, asOf: string | null = null): Promise<SearchHit[]> {
    const first = boundedInt(firstArg, LIMITS.search, 'first');
    const stopWords = await this.stopWords.get(this.database);
    const terms = searchTerms(text, stopWords);
    const every = toLuceneQuery(terms, 'all');
    if (every === undefined) return [];
    // Fetch more than asked so the re-ranking by match tier can promote exact names.
    const fetch = Math.min(first * 3, LIMITS.search.max * 3);
    const hits = await searchFullText(this.database, every, fetch, asOf);
    // Too few hold every word: BM25 over any word fills the page with the best partial matches.
    if (hits.length < first && terms.length > 1) {
      const seen = new Set(hits.map((hit) => hit.node.id));
      const partial = await searchFullText(this.database, toLuceneQuery(terms, 'any') as string, fetch, asOf);
      hits.push(...partial.filter((hit) => !seen.has(hit.node.id)));
    }
    return rankHits(hits, terms, stopWords).slice(0, first);
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
