import neo4j from 'neo4j-driver';
import type { NodeModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { SEARCH_ANALYZER, SEARCH_INDEX } from './graph-schema.repository';
import { NODE_PROJECTION, toNodeModel } from './node-mapper';

export interface FullTextHit {
  readonly node: NodeModel;
  /** Lucene relevance of the hit. */
  readonly score: number;
}

/** Full-text hits over names, aliases and titles; `luceneQuery` must already be escaped. */
export async function searchFullText(database: Database, luceneQuery: string, limit: number): Promise<FullTextHit[]> {
  return database.read(
    async (tx) => {
      const result = await tx.run(
        `CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node, score
       RETURN ${NODE_PROJECTION('node')} AS node, score`,
        { index: SEARCH_INDEX, query: luceneQuery, limit: neo4j.int(limit) },
      );
      return result.records.map((record) => ({
        node: toNodeModel(record.get('node')),
        score: Number(record.get('score')),
      }));
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
