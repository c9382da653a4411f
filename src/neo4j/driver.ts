import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../config';
import type { Logger } from '../logger';
import { Database } from './database';

/** The one driver of the process; created by the composition root, closed on shutdown. */
export function createDriver(config: Neo4jConfig & { uri: string }, logger: Logger): Driver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    maxConnectionPoolSize: config.maxPoolSize,
    // Fail fast when the database is away instead of the driver's 60 s defaults.
    connectionTimeout: config.connectionTimeoutMs,
    connectionAcquisitionTimeout: config.connectionTimeoutMs,
    maxTransactionRetryTime: config.maxRetryTimeMs,
    userAgent: 'event-timeline-graph',
    logging: {
      level: 'error',
      logger: (_level, message) => logger.error({ component: 'neo4j-driver' }, message),
    },
  });
}

/** A driver and the Database over it, for a process that has one database to talk to. */
export interface Connection {
  readonly driver: Driver;
  readonly database: Database;
  close(): Promise<void>;
}

/**
 * Connects to the database `config` names (at `uri`), with the query timeout of the config or
 * a longer one for tools whose transactions are large (seeding, schema creation).
 */
export function connectDatabase(
  config: Neo4jConfig,
  uri: string,
  logger: Logger,
  queryTimeoutMs = config.queryTimeoutMs,
): Connection {
  const driver = createDriver({ ...config, uri }, logger);
  return { driver, database: new Database(driver, config.database, queryTimeoutMs), close: () => driver.close() };
}
