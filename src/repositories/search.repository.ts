import neo4j from 'neo4j-driver';
import type { NodeModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { SEARCH_ANALYZER, SEARCH_INDEX, SEARCH_PROPERTIES } from './graph-schema.repository';
import { knownAsOf } from './as-of-cypher';
import { nodeAsOf } from './as-of-view';

export interface FullTextHit {
  readonly node: NodeModel;
  /** Lucene relevance of the hit (BM25). */
  readonly score: number;
  /** The hit's indexed texts by property name (null where it has none), to tell why it matched. */
  readonly texts: Readonly<Record<string, string | null>>;
}

/**
 * Full-text hits over names, aliases, titles and what events are (participants, places,
 * agreements, type and date words); `luceneQuery` must already be escaped.
 */
export async function searchFullText(
  database: Database,
  luceneQuery: string,
  limit: number,
  /**
   * As of this day (src/domain/as-of.ts): hits known then, shown as they were then. The words are
   * matched against the current text, so a name first reported later still finds the node.
   */
  asOf: string | null = null,
): Promise<FullTextHit[]> {
  return database.read('search', async (tx) => {
    const result = await tx.run(
      `CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node, score
       ${asOf === null ? '' : `WHERE ${knownAsOf('node')}`}
       RETURN node {.*, ${asOf === null ? 'claims: null, ' : ''}labels: labels(node)} AS node, score`,
      { index: SEARCH_INDEX, query: luceneQuery, limit: neo4j.int(limit), asOf },
    );
    return result.records.flatMap((record) => {
      // All properties at once (cheaper than listing them): the node, and its indexed texts.
      const row = record.get('node') as Record<string, unknown>;
      const texts = Object.fromEntries(
        SEARCH_PROPERTIES.map((property) => [property, (row[property] as string | undefined) ?? null]),
      );
      const node = nodeAsOf(row, asOf);
      return node ? [{ node, score: Number(record.get('score')), texts }] : [];
    });
  });
}

/** The stop words of the search index's analyzer (the index never holds them). */
export async function findStopWords(database: Database): Promise<ReadonlySet<string>> {
  return database.read('stop-words', async (tx) => {
    const result = await tx.run(
      'CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer, stopwords WHERE analyzer = $analyzer RETURN stopwords',
      { analyzer: SEARCH_ANALYZER },
    );
    return new Set<string>((result.records[0]?.get('stopwords') as string[] | undefined) ?? []);
  });
}
