import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../config';
import type { Logger } from '../logger';

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
