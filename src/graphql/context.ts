import DataLoader from 'dataloader';
import type { GraphqlConfig } from '../config';
import type { BundleApi } from '../ingest/bundle-api';
import type { AgreementPartyModel, EntityModel, EventDetails, NodeModel, SourceModel } from '../domain/types';
import type { Logger } from '../logger';
import type { Database } from '../neo4j/database';
import {
  findAgreementParties,
  findClaimRecordTimes,
  findNodeClaims,
  findNodesByIds,
  findSourceCitations,
  findSourcesByIds,
} from '../repositories/node.repository';
import { findEventDetails } from '../repositories/timeline.repository';
import { findHistoryInputs, type HistoryInput } from '../repositories/history.repository';
import type { ChangeFeed } from '../services/change-feed';
import { ChangesService } from '../services/changes.service';
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
  readonly changes: ChangesService;
  /** The `Authorization` header as the request presented it: the write service checks it. */
  readonly authorization?: string;
  /** The write path and live updates; absent where an app is built without them. */
  readonly writes?: BundleApi;
  readonly live?: {
    readonly changes: ChangeFeed;
    /** The process's database: a subscription outlives the request's time budget. */
    readonly database: Database;
  };
  /** Per-request loaders of the current view; a timeline page primes `node`, `eventDetails` and `source` with what it read. */
  readonly loaders: Loaders;
  /** The loaders of the view as of a day (YYYY-MM-DD; null: the current view), one set per day and request. */
  readonly loadersAsOf: (asOf: string | null | undefined) => Loaders;
}

export interface Loaders {
  readonly node: DataLoader<string, NodeModel | null>;
  readonly eventDetails: DataLoader<string, EventDetails | null>;
  readonly source: DataLoader<string, SourceModel | null>;
  /** Stored claims by node id (one JSON string per source), read only when a client asks for them. */
  readonly claims: DataLoader<string, string[] | null>;
  /** Organizations each source relays (CITES), by source id. */
  readonly citations: DataLoader<string, EntityModel[] | null>;
  /** Signatories and parties by agreement id. */
  readonly agreementParties: DataLoader<string, AgreementPartyModel[] | null>;
  /** Record time of each claim, by `sourceId|nodeId`. */
  readonly claimRecorded: DataLoader<string, string | null>;
  /** Every claim a node's history is computed from (every day's: the history stops at the node's `asOf` itself). */
  readonly history: DataLoader<string, HistoryInput | null>;
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
  state: SharedState = { stopWords: new StopWords() },
  authorization?: string,
): GraphqlContext {
  const database = sharedDatabase.forRequest();
  const shared = {
    source: loaderOf((ids) => findSourcesByIds(database, ids)),
    citations: loaderOf((ids) => findSourceCitations(database, ids)),
    claimRecorded: loaderOf((keys) => findClaimRecordTimes(database, keys)),
    history: loaderOf((ids) => findHistoryInputs(database, ids)),
  };
  // What a node, its details, claims and parties are depends on the day of the view.
  const loadersOf = (asOf: string | null): Loaders => ({
    ...shared,
    node: loaderOf((ids) => findNodesByIds(database, ids, asOf)),
    eventDetails: loaderOf((ids) => findEventDetails(database, ids, asOf)),
    claims: loaderOf((ids) => findNodeClaims(database, ids, asOf)),
    agreementParties: loaderOf((ids) => findAgreementParties(database, ids, asOf)),
  });
  const loaders = loadersOf(null);
  const views = new Map<string, Loaders>();
  return {
    database,
    logger,
    timeline: new TimelineService(database, config.timelineHubDegree),
    search: new SearchService(database, state.stopWords),
    feeds: new FeedService(database, config.timelineHubDegree),
    changes: new ChangesService(database),
    graph: new GraphService(database, {
      hubDegree: config.hubDegree,
      connectionsTimeoutMs: config.connectionsTimeoutMs,
    }),
    authorization,
    writes: state.writes,
    live: state.changes && { changes: state.changes, database: sharedDatabase },
    loaders,
    loadersAsOf: (asOf) => {
      if (asOf === null || asOf === undefined) return loaders;
      const view = views.get(asOf) ?? loadersOf(asOf);
      views.set(asOf, view);
      return view;
    },
  };
}
