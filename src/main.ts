// First: tracing patches http and express as they load (a no-op without an OTLP endpoint).
import { tracing } from './tracing/start-tracing';
import type { Server } from 'node:http';
import path from 'node:path';
import { createApp } from './app';
import { ConfigError, describePassword, readConfig, type Config } from './config';
import type { Readiness } from './http/health';
import { createLocalNeo4j } from './localdb/create';
import { LocalNeo4jError } from './localdb/errors';
import type { LocalNeo4j } from './localdb/instance';
import { createLogger, type Logger } from './logger';
import type { Database } from './neo4j/database';
import { connectDatabase } from './neo4j/driver';
import { defaultBundleFiles, seedBundles } from './ingest/seed-loader';
import { BundleValidationError } from './bundle/validate-bundle';
import { projectRoot } from './paths';
import { buildSchema } from './graphql/schema';
import { ChangeFeed } from './services/change-feed';
import { responseCacheFor } from './graphql/response-cache';
import { ServiceMetrics } from './observability/metrics';
import { serveMetrics } from './observability/metrics-server';

const SHUTDOWN_GRACE_MS = 8000;
const SEED_RETRY_MS = 5000;

/** Composition root: config → (local Neo4j) → driver → app → listen, and the way back down. */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel, config.logFormat);
  // METRICS_PORT=0: no registry at all, so nothing is measured.
  const metrics = config.metrics ? new ServiceMetrics() : undefined;

  const local = config.neo4j.uri === undefined ? await startLocalNeo4j(config, logger) : undefined;
  const uri = config.neo4j.uri ?? (local?.neo4j.boltUri as string);
  const connection = connectDatabase(config.neo4j, uri, logger);
  const { driver, close: closeDriver } = connection;
  const database = metrics ? connection.database.observedBy(metrics.transactions) : connection.database;

  if (config.seedOnStart) await seedAtStart(database, logger, local !== undefined);

  const readiness: Readiness = { shuttingDown: false };
  const changes = new ChangeFeed(
    database,
    config.ingest.changePollMs,
    (error) => logger.warn({ err: error }, 'cannot read the data version; retrying'),
    config.ingest.maxSubscriptions,
  );
  const responseCache = responseCacheFor(config.graphql, changes);
  const app = createApp({
    database,
    logger,
    readiness,
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
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const metricsServer = metrics && config.metrics && (await serveMetrics(metrics.registry, config.metrics, logger));
  printUrls(config, local?.neo4j, logger);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    readiness.shuttingDown = true;
    // Let load balancers see the failing readiness before the port closes.
    if (config.http.shutdownDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, config.http.shutdownDelayMs));
    const force = setTimeout(() => {
      logger.error('graceful shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS + 2000);
    force.unref();
    changes.close(); // ends live streams, which would otherwise hold the server open
    await closeServer(server, SHUTDOWN_GRACE_MS);
    metricsServer?.close();
    await closeDriver();
    if (local?.startedHere) await local.neo4j.stop();
    await tracing?.shutdown(); // exports the spans still queued
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

async function startLocalNeo4j(config: Config, logger: Logger): Promise<{ neo4j: LocalNeo4j; startedHere: boolean }> {
  const neo4j = createLocalNeo4j(config, { log: (line) => logger.info({ component: 'local-neo4j' }, line) });
  const { alreadyRunning } = await neo4j.start();
  logger.info({ bolt: neo4j.boltUri, reused: alreadyRunning }, 'local Neo4j is up');
  return { neo4j, startedHere: !alreadyRunning };
}

/**
 * Loads the shipped bundles. With the local database a failure stops the start; with an external
 * one the service still starts (not ready) and keeps retrying until Neo4j answers. An invalid
 * bundle always stops the start: it is a deployment mistake, not a transient fault.
 */
async function seedAtStart(database: Database, logger: Logger, mustSucceed: boolean): Promise<void> {
  const files = defaultBundleFiles(path.join(projectRoot(), 'seed'));
  const attempt = async () => {
    const report = await seedBundles(database, files);
    logger.info(
      {
        files: report.files.map((f) => ({ source: f.sourceId, coverage: `${f.coverage.covered}/${f.coverage.total}` })),
        created: report.nodesCreated,
      },
      'seeded',
    );
  };
  try {
    await attempt();
  } catch (error) {
    if (mustSucceed || error instanceof BundleValidationError) throw error;
    logger.error({ err: error }, 'seeding failed; retrying in the background until Neo4j answers');
    const retryLater = () =>
      setTimeout(() => {
        attempt().catch((again: unknown) => {
          logger.warn({ err: again }, 'seeding still failing');
          retryLater();
        });
      }, SEED_RETRY_MS).unref();
    retryLater();
  }
}

/** Stops accepting connections and waits for in-flight requests, closing idle keep-alive sockets. */
function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    // A connection whose last response ends during the drain (an event stream just ended) turns idle
    // later, and would be kept alive for keepAliveTimeout: close idle ones as they appear.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const timer = setTimeout(() => {
      clearInterval(sweep);
      server.closeAllConnections();
      resolve();
    }, graceMs);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function printUrls(config: Config, local: LocalNeo4j | undefined, logger: Logger): void {
  const reachable = (host: string) => (host === '0.0.0.0' ? '127.0.0.1' : host);
  const base = `http://${reachable(config.host)}:${config.port}`;
  const metrics = config.metrics && `http://${reachable(config.metrics.host)}:${config.metrics.port}/metrics`;
  const lines = [
    `Event-timeline graph service is up`,
    `  GraphQL:        ${base}/graphql`,
    ...(config.graphql.graphiql ? [`  GraphiQL:       ${base}/graphiql`] : []),
    `  Explorer:       ${base}/widget/explore  (widgets: ${base}/widget/timeline, ${base}/widget/timelinejs)`,
    config.ingest.keys.length > 0
      ? `  Author:         ${base}/author  (drafts and loads with an INGEST_API_KEYS key)`
      : `  Author:         ${base}/author  (set INGEST_API_KEYS to draft and load there)`,
    `  Health:         ${base}/health/live  ${base}/health/ready`,
    ...(metrics ? [`  Metrics:        ${metrics}`] : []),
    `  Neo4j:          ${local ? local.boltUri : config.neo4j.uri}  (database ${config.neo4j.database})`,
    ...(local ? [`  Neo4j Browser:  ${local.browserUrl}`] : []),
    `  Credentials:    ${config.neo4j.user} / ${describePassword(config.neo4j.password)}`,
  ];
  logger.info({ urls: { graphql: `${base}/graphql`, health: `${base}/health/ready`, metrics } }, 'listening');
  process.stderr.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof LocalNeo4jError || error instanceof BundleValidationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
