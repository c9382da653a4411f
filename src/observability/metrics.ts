import type { Driver } from 'neo4j-driver';
import { collectDefaultMetrics, Gauge, Histogram, Counter, Registry } from 'prom-client';
import type { IngestObserver } from '../ingest/ingest-observer';
import type { Database } from '../neo4j/database';
import type { TransactionObserver } from '../neo4j/transaction-observer';
import { readDataVersion } from '../repositories/data-version.repository';
import type { ResponseCacheCounts } from '../graphql/response-cache';
import type { ChangeFeed } from '../services/change-feed';
import { readPoolState } from './driver-pool';
import type { GraphqlOperation } from './graphql-operation';
import { OperationNameLabels } from './operation-names';
import { outcomeOfError, type Outcome } from './outcome';

/** Ingest takes longer than a query: a load on a graph of 1M events is up to about a second. */
const INGEST_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** HTTP methods kept as label values; anything else is `OTHER`. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** What the gauges read at each scrape. */
export interface WatchedService {
  readonly driver: Driver;
  readonly changes: ChangeFeed;
  /** The database the data version is read from when the change feed is not following it. */
  readonly database: Database;
  /** The query answer cache, when it is on. */
  readonly responseCache?: { readonly stats: ResponseCacheCounts };
}

/**
 * The service's Prometheus series, in a registry of its own (one per app, so that apps built in
 * one process, as the tests build them, never share counts). Label values come from closed sets:
 * route patterns, error codes, query purposes, operation names bounded by OperationNameLabels.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new OperationNameLabels();

  private readonly httpDuration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code: time from arrival to the end of the response',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });

  private readonly graphqlOperations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by name (bounded), type and outcome (OK or the first error code)',
    labelNames: ['operation_name', 'operation_type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly graphqlDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operations by name, type and outcome: time to the end of the response (for a subscription, how long it stayed open)',
    labelNames: ['operation_name', 'operation_type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly transactionDuration = new Histogram({
    name: 'neo4j_transaction_duration_seconds',
    help: 'Neo4j transaction calls by purpose, mode and outcome: time from the call to its end, pool wait and retries included',
    labelNames: ['purpose', 'mode', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly ingestDuration = new Histogram({
    name: 'ingest_duration_seconds',
    help: 'Bundle loads, dry runs and retractions through the API, by outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: INGEST_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Measures every transaction call of a Database (Database.observedBy). */
  readonly transactions: TransactionObserver = {
    measure: (purpose, mode, call) =>
      timed(call, (seconds, outcome) => this.transactionDuration.observe({ purpose, mode, outcome }, seconds)),
  };

  /** Measures the API's loads and retractions (BundleApi). */
  readonly ingest: IngestObserver = {
    measure: (operation, call) =>
      timed(call, (seconds, outcome) => this.ingestDuration.observe({ operation, outcome }, seconds)),
  };

  /** One HTTP request that ended, and the GraphQL operation it carried if any. */
  observeRequest(
    request: { method: string; route: string; status: number; seconds: number },
    graphql?: { operation: GraphqlOperation; outcome: Outcome },
  ): void {
    const method = METHODS.has(request.method) ? request.method : 'OTHER';
    this.httpDuration.observe({ method, route: request.route, status_code: String(request.status) }, request.seconds);
    if (!graphql) return;
    const labels = {
      operation_name: this.operationNames.label(graphql.operation.name),
      operation_type: graphql.operation.type,
      outcome: graphql.outcome,
    };
    this.graphqlOperations.inc(labels);
    this.graphqlDuration.observe(labels, request.seconds);
  }

  /**
   * The gauges read at each scrape: the driver's pool, the open live subscriptions and the data
   * version (from the change feed while it follows the version, else one index lookup). A figure
   * that cannot be read is NaN for that scrape, never a stale or made-up number.
   */
  watch(service: WatchedService): void {
    const registers = [this.registry];
    new Gauge({
      name: 'neo4j_pool_connections',
      help: "Connections of the Neo4j driver's pool, in use by a session or idle",
      labelNames: ['state'] as const,
      registers,
      collect() {
        const pool = readPoolState(service.driver);
        this.set({ state: 'in_use' }, pool?.inUse ?? NaN);
        this.set({ state: 'idle' }, pool?.idle ?? NaN);
      },
    });
    new Gauge({
      name: 'neo4j_pool_acquisitions_waiting',
      help: 'Sessions waiting for a connection of the full pool (NEO4J_MAX_POOL_SIZE)',
      registers,
      collect() {
        this.set(readPoolState(service.driver)?.waiting ?? NaN);
      },
    });
    new Gauge({
      name: 'graphql_subscriptions_open',
      help: 'Live subscriptions open on /graphql/stream',
      registers,
      collect() {
        this.set(service.changes.subscribers);
      },
    });
    const cache = service.responseCache;
    if (cache)
      new Counter({
        name: 'graphql_response_cache_lookups_total',
        help: 'GraphQL operations by what the answer cache did: HIT (answered from it), MISS (ran; kept unless it had errors), JOINED (asked while the same query ran: given the answer of that run), BYPASS (not for the cache: a mutation, or no data version known yet)',
        labelNames: ['result'] as const,
        registers,
        collect() {
          // Cumulative counts kept by the cache itself; copied at each scrape.
          const { hits, misses, joined, bypassed } = cache.stats;
          this.reset();
          this.inc({ result: 'HIT' }, hits);
          this.inc({ result: 'MISS' }, misses);
          this.inc({ result: 'JOINED' }, joined);
          this.inc({ result: 'BYPASS' }, bypassed);
        },
      });
    new Gauge({
      name: 'graph_data_version',
      help: 'The data version of the graph (incremented by every load and retraction)',
      registers,
      async collect() {
        try {
          this.set(service.changes.followedVersion ?? (await readDataVersion(service.database)));
        } catch {
          this.set(NaN);
        }
      },
    });
  }
}

/** Runs `call`, then reports its duration and outcome; returns or throws what the call did. */
async function timed<T>(call: () => Promise<T>, report: (seconds: number, outcome: Outcome) => void): Promise<T> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await call();
    report(seconds(), 'OK');
    return result;
  } catch (error) {
    report(seconds(), outcomeOfError(error));
    throw error;
  }
}
