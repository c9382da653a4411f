import neo4j from 'neo4j-driver';
import type { NodeModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { SEARCH_ANALYZER, SEARCH_INDEX, SEARCH_PROPERTIES } from './graph-schema.repository';
import { toNodeModel } from './node-mapper';

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
export async function searchFullText(database: Database, luceneQuery: string, limit: number): Promise<FullTextHit[]> {
  return database.read(
    async (tx) => {
      const result = await tx.run(
        `CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node, score
       RETURN node {.*, claims: null, labels: labels(node)} AS node, score`,
        { index: SEARCH_INDEX, query: luceneQuery, limit: neo4j.int(limit) },
      );
      return result.records.map((record) => {
        // All properties at once (cheaper than listing them): the node, and its indexed texts.
        const row = record.get('node') as Record<string, unknown>;
        const texts = Object.fromEntries(
          SEARCH_PROPERTIES.map((property) => [property, (row[property] as string | undefined) ?? null]),
        );
        return { node: toNodeModel(row), score: Number(record.get('score')), texts };
      });
    },
    { query: 'search' },
  );
}

/** The stop words of the search index's analyzer (the index never holds them). */
export async function findStopWords(database: Database): Promise<ReadonlySet<string>> {
  return database.read(async (tx) => {
    const result = await tx.run(
      'CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer, stopwords WHERE analyzer = $analyzer RETURN stopwords',
      { analyzer: SEARCH_ANALYZER },
    );
    return new Set<string>((result.records[0]?.get('stopwords') as string[] | undefined) ?? []);
  });
}
