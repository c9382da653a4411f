import DataLoader from 'dataloader';
import type { GraphqlConfig } from '../config';
import type { BundleApi } from '../ingest/bundle-api';
import type { AgreementPartyModel, EntityModel, EventDetails, NodeModel, SourceModel } from '../domain/types';
import type { Logger } from '../logger';
import type { Database } from '../neo4j/database';
import {
  findAgreementParties,
  findNodeClaims,
  findNodesByIds,
  findSourceCitations,
  findSourcesByIds,
} from '../repositories/node.repository';
import { findEventDetails } from '../repositories/timeline.repository';
import type { ChangeFeed } from '../services/change-feed';
import { FeedService } from '../services/feed.service';
import { GraphService } from '../services/graph.service';
import { SearchService, StopWords } from '../services/search.service';
import { TimelineService } from '../services/timeline.service';

/** Everything a resolver may use; built fresh for every request so no cache outlives it. */
export interface GraphqlContext {
  readonly database: Database;
  readonly logger: Logger;
  readonly timeline: TimelineService;
  readonly search: SearchService;
  readonly graph: GraphService;
  readonly feeds: FeedService;
  /** The `Authorization` header as the request presented it: the write service checks it. */
  readonly authorization?: string;
  /** The write path and live updates; absent where an app is built without them. */
  readonly writes?: BundleApi;
  readonly live?: {
    readonly changes: ChangeFeed;
    /** The process's database: a subscription outlives the request's time budget. */
    readonly database: Database;
  };
  /** Per-request loaders; a timeline page primes `node`, `eventDetails` and `source` with what it read. */
  readonly loaders: {
    readonly node: DataLoader<string, NodeModel | null>;
    readonly eventDetails: DataLoader<string, EventDetails | null>;
    readonly source: DataLoader<string, SourceModel | null>;
    /** Stored claims by node id (one JSON string per source), read only when a client asks for them. */
    readonly claims: DataLoader<string, string[] | null>;
    /** Organizations each source relays (CITES), by source id. */
    readonly citations: DataLoader<string, EntityModel[] | null>;
    /** Signatories and parties by agreement id. */
    readonly agreementParties: DataLoader<string, AgreementPartyModel[] | null>;
  };
}

/** Batches per-key lookups of one request into one query per kind. */
function loaderOf<V>(load: (ids: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
  return new DataLoader(async (ids) => {
    const found = await load(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** What requests share: caches of facts that do not change while the process runs. */
export interface SharedState {
  readonly stopWords: StopWords;
  readonly writes?: GraphqlContext['writes'];
  readonly changes?: ChangeFeed;
}

export function createContext(
  sharedDatabase: Database,
  config: GraphqlConfig,
  logger: Logger,
  shared: SharedState = { stopWords: new StopWords() },
  authorization?: string,
): GraphqlContext {
  const database = sharedDatabase.forRequest();
  const node = loaderOf((ids) => findNodesByIds(database, ids));
  return {
    database,
    logger,
    timeline: new TimelineService(database, config.timelineHubDegree),
    search: new SearchService(database, shared.stopWords),
    feeds: new FeedService(database, config.timelineHubDegree),
    graph: new GraphService(database, {
      hubDegree: config.hubDegree,
      connectionsTimeoutMs: config.connectionsTimeoutMs,
    }),
    authorization,
    writes: shared.writes,
    live: shared.changes && { changes: shared.changes, database: sharedDatabase },
    loaders: {
      node,
      eventDetails: loaderOf((ids) => findEventDetails(database, ids)),
      source: loaderOf((ids) => findSourcesByIds(database, ids)),
      claims: loaderOf((ids) => findNodeClaims(database, ids)),
      citations: loaderOf((ids) => findSourceCitations(database, ids)),
      agreementParties: loaderOf((ids) => findAgreementParties(database, ids)),
    },
  };
}
