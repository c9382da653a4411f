import neo4j from 'neo4j-driver';
import type { SourceModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { SOURCE_PROJECTION, toSourceModel } from './node-mapper';

/** A loaded source as its author wrote it: the text and the bundle that was loaded from it. */
export interface StoredSourceDocument {
  readonly id: string;
  readonly text: string;
  /** The loaded bundle without its text (canonical JSON); null for a source loaded before bundles were kept. */
  readonly bundle: string | null;
}

/** The text and loaded bundle of one source; null when no source of that id is loaded. */
export async function findSourceDocument(database: Database, sourceId: string): Promise<StoredSourceDocument | null> {
  return database.read('source-document', async (tx) => {
    const result = await tx.run(
      'MATCH (s:Source {id: $sourceId}) RETURN s.id AS id, s.text AS text, s.bundle AS bundle',
      { sourceId },
    );
    const record = result.records[0];
    if (!record) return null;
    return {
      id: record.get('id') as string,
      text: record.get('text') as string,
      bundle: (record.get('bundle') as string | null) ?? null,
    };
  });
}

/** Whether a source of that id is loaded. */
export async function sourceExists(database: Database, sourceId: string): Promise<boolean> {
  return database.read('source-exists', async (tx) => {
    const result = await tx.run('MATCH (s:Source {id: $sourceId}) RETURN count(s) > 0 AS found', { sourceId });
    return result.records[0]?.get('found') === true;
  });
}

/**
 * Sources in publication order (first possible day, then id; undated ones last), after the source
 * `afterId`: what an "as reported by" control steps through. Null when `afterId` names no source.
 */
export async function listSources(
  database: Database,
  afterId: string | null,
  limit: number,
): Promise<SourceModel[] | null> {
  return database.read('source-list', async (tx) => {
    const key = (s: string) => `coalesce(toString(${s}.publishedEarliest), '9999-12-31') + '|' + ${s}.id`;
    const result = await tx.run(
      `OPTIONAL MATCH (a:Source {id: $afterId})
       WITH CASE WHEN a IS NULL THEN null ELSE ${key('a')} END AS afterKey
       MATCH (s:Source) WITH s, ${key('s')} AS key, afterKey
       WHERE afterKey IS NULL OR key > afterKey
       RETURN ${SOURCE_PROJECTION('s')} AS source, afterKey IS NULL AND $afterId IS NOT NULL AS unknownAfter
       ORDER BY key LIMIT $limit`,
      { afterId, limit: neo4j.int(limit) },
    );
    if (result.records.some((record) => record.get('unknownAfter') === true)) return null;
    return result.records.map((record) => toSourceModel(record.get('source')));
  });
}
