import { readConfig } from '../config';
import { parseFuzzyDate } from '../domain/fuzzy-date';
import { createLogger } from '../logger';
import type { Database } from '../neo4j/database';
import { connectDatabase } from '../neo4j/driver';
import { findDraftKnowledge } from '../repositories/draft-knowledge.repository';
import type { KnownNodes } from './known-nodes';

/** Enough for any graph a person drafts against; the events are those near the article's date only. */
const GRAPH_LIMIT = 100_000;
const YEARS_AROUND = 2;

/** The graph's entities and its events within two years of `around` (YYYY[-MM[-DD]]; else this year). */
export async function findKnownNodesAround(database: Database, around: string | undefined): Promise<KnownNodes> {
  const year = parseFuzzyDate(around ?? '')?.year ?? new Date().getUTCFullYear();
  const { entities, events } = await findDraftKnowledge(
    database,
    { from: `${year - YEARS_AROUND}-01-01`, to: `${year + YEARS_AROUND}-12-31` },
    GRAPH_LIMIT,
  );
  return { entities, events };
}

/**
 * The entities and the events near `around` (YYYY[-MM[-DD]]) stored in the graph NEO4J_URI names;
 * nothing when NEO4J_URI is not set.
 */
export async function loadKnownNodesFromGraph(around: string | undefined): Promise<KnownNodes | undefined> {
  const config = readConfig();
  const uri = config.neo4j.uri;
  if (uri === undefined) return undefined;
  const connection = connectDatabase(config.neo4j, uri, createLogger('error'));
  try {
    return await findKnownNodesAround(connection.database, around);
  } finally {
    await connection.close();
  }
}
