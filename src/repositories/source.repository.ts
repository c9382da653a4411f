import type { Database } from '../neo4j/database';

/** A loaded source as its author wrote it: the text and the bundle that was loaded from it. */
export interface StoredSourceDocument {
  readonly id: string;
  readonly text: string;
  /** The loaded bundle without its text (canonical JSON); null for a source loaded before bundles were kept. */
  readonly bundle: string | null;
}

/** The text and loaded bundle of one source; null when no source of that id is loaded. */
export async function findSourceDocument(database: Database, sourceId: string): Promise<StoredSourceDocument | null> {
  return database.read(async (tx) => {
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
  return database.read(async (tx) => {
    const result = await tx.run('MATCH (s:Source {id: $sourceId}) RETURN count(s) > 0 AS found', { sourceId });
    return result.records[0]?.get('found') === true;
  });
}
