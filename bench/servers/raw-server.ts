import './without-source-maps'; // before the first query: see there
import { createServer } from 'node:http';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { connectDatabase } from '../../src/neo4j/driver';
import { expandNeighborhood, findShortestPaths } from '../../src/repositories/graph.repository';
import { searchFullText } from '../../src/repositories/search.repository';
import { findTimelinePage, type TimelineCriteria } from '../../src/repositories/timeline.repository';
import { searchTerms, toLuceneQuery } from '../../src/services/search-query';
import { toCriteria } from '../../src/services/timeline.service';

/**
 * The limit the API is measured against: the same Cypher (our repositories) sent straight
 * through the driver and serialised as JSON, with no GraphQL, validation or DataLoader layer.
 * `GET /raw/<scenario>?…` on PORT.
 */
const config = readConfig();
const { database } = connectDatabase(config.neo4j, config.neo4j.uri as string, createLogger('error'));

async function timelinePage(criteria: Partial<TimelineCriteria>): Promise<unknown> {
  const page = await findTimelinePage(
    database,
    // The API's defaults for an empty filter, then what the scenario sets.
    { ...toCriteria({}), ...criteria },
    null,
    'ASC',
    20,
    config.graphql.timelineHubDegree,
  );
  return {
    events: page.events.map((event) => ({ ...event, ...page.details.get(event.id) })),
    hasNextPage: page.hasNextPage,
    sources: [...page.sources.values()],
  };
}

/** The API's search Cypher: every word, then any word when fewer than a page (10) hold them all. */
async function rawSearch(text: string): Promise<unknown> {
  const terms = searchTerms(text, new Set());
  const hits = await searchFullText(database, toLuceneQuery(terms, 'all') as string, 30);
  if (hits.length >= 10 || terms.length < 2) return hits;
  return [...hits, ...(await searchFullText(database, toLuceneQuery(terms, 'any') as string, 30))];
}

const HANDLERS: Record<string, (q: URLSearchParams) => Promise<unknown>> = {
  timeline: () => timelinePage({}),
  'timeline-entity': (q) => timelinePage({ entityIds: [q.get('id') as string] }),
  'timeline-period': (q) => timelinePage({ fromDay: q.get('from'), toDay: q.get('to') }),
  'timeline-asof': (q) =>
    timelinePage({ asOf: q.get('asOf'), ...(q.get('id') ? { entityIds: [q.get('id') as string] } : {}) }),
  search: (q) => rawSearch(q.get('text') as string),
  connections: (q) =>
    findShortestPaths(database, {
      fromId: q.get('from') as string,
      toId: q.get('to') as string,
      maxHops: 4,
      paths: 3,
      hubDegree: config.graphql.hubDegree,
      timeoutMs: config.graphql.connectionsTimeoutMs,
      period: null,
      chronological: q.get('chronological') === 'true',
    }),
  neighborhood: (q) => expandNeighborhood(database, q.get('id') as string, 2, 100),
};

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const handler = HANDLERS[url.pathname.replace(/^\/raw\//, '')];
  if (!handler) {
    res.writeHead(404).end();
    return;
  }
  handler(url.searchParams).then(
    (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)),
    (error: unknown) =>
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) })),
  );
}).listen(config.port, '127.0.0.1', () => console.log('raw server listening'));
