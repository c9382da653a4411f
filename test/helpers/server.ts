import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Driver } from 'neo4j-driver';
import { createApp } from '../../src/app';
import { readConfig } from '../../src/config';
import { buildSchema } from '../../src/graphql/schema';
import { ChangeFeed } from '../../src/services/change-feed';
import { responseCacheFor } from '../../src/graphql/response-cache';
import { createLogger } from '../../src/logger';
import { Database } from '../../src/neo4j/database';
import { connectDatabase } from '../../src/neo4j/driver';
import { defaultBundleFiles, seedBundles } from '../../src/ingest/seed-loader';
import { ServiceMetrics } from '../../src/observability/metrics';
import { serveMetrics } from '../../src/observability/metrics-server';
import { SEED_DIR } from './graph';

export interface TestServer {
  readonly base: string;
  readonly database: Database;
  readonly driver: Driver;
  /** The app's change feed (live subscriptions). */
  readonly changes: ChangeFeed;
  /** Where /metrics is served, when the server was started with `metrics: true`. */
  readonly metricsBase?: string;
  /** POSTs a GraphQL operation and returns the status and parsed body. */
  graphql(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GraphqlBody }>;
  close(): Promise<void>;
}

export interface GraphqlBody {
  data?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- shapes vary per query
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown>; path?: unknown[] }[];
}

export interface TestServerOptions {
  /** A stand-in driver that fails as Neo4j can. */
  readonly driver?: Driver;
  /** Measure, and serve /metrics on a free port of its own (off by default, as METRICS_PORT=0). */
  readonly metrics?: boolean;
}

/**
 * The real app on a free port of loopback, against the database the environment names, or over
 * `options.driver` when given.
 */
export async function startTestServer(
  env: NodeJS.ProcessEnv = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  // No rate limit unless a test asks for one: the suites send many requests from one address.
  const config = readConfig({
    ...process.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  if (!config.neo4j.uri) throw new Error('NEO4J_URI is not set: run integration tests through jest (global setup)');
  const logger = createLogger(config.logLevel);
  const { driver, database: plainDatabase } = options.driver
    ? {
        driver: options.driver,
        database: new Database(options.driver, config.neo4j.database, config.neo4j.queryTimeoutMs),
      }
    : connectDatabase(config.neo4j, config.neo4j.uri, logger);
  const metrics = options.metrics ? new ServiceMetrics() : undefined;
  const database = metrics ? plainDatabase.observedBy(metrics.transactions) : plainDatabase;
  const changes = new ChangeFeed(database, config.ingest.changePollMs, () => undefined, config.ingest.maxSubscriptions);
  const responseCache = responseCacheFor(config.graphql, changes);
  const app = createApp({
    database,
    logger,
    readiness: { shuttingDown: false },
    readyTimeoutMs: config.neo4j.connectionTimeoutMs,
    schema: buildSchema(),
    graphql: config.graphql,
    corsOrigins: config.corsOrigins,
    http: config.http,
    ingest: config.ingest,
    changes,
    metrics,
    responseCache,
  });
  metrics?.watch({ driver, changes, database, responseCache });
  const metricsServer = metrics && (await serveMetrics(metrics.registry, { host: '127.0.0.1', port: 0 }, logger));
  const server: Server = app.listen(0, '127.0.0.1');
  // Tests may think for a while between requests (an oracle over 10k events): an idle keep-alive
  // socket the server closes just as fetch reuses it is an ECONNRESET, not an answer.
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    database,
    driver,
    changes,
    metricsBase: metricsServer && `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}`,
    async graphql(query, variables) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphqlBody };
    },
    async close() {
      changes.close();
      if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
      await new Promise((resolve) => server.close(resolve));
      await driver.close();
    },
  };
}

/** startTestServer with the shipped bundles seeded (idempotent, so every test file may call it). */
export async function startSeededTestServer(
  env: NodeJS.ProcessEnv = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const server = await startTestServer(env, options);
  await seedBundles(server.database, defaultBundleFiles(SEED_DIR));
  return server;
}
