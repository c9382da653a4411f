import type { Driver } from 'neo4j-driver';
import { readConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { Database } from '../../src/neo4j/database';
import { connectDatabase } from '../../src/neo4j/driver';

/** Config for the database the global setup provides (NEO4J_URI is always set by then). */
function testConfig(overrides: NodeJS.ProcessEnv = {}): Config & { neo4j: { uri: string } } {
  const config = readConfig({ ...process.env, LOG_LEVEL: 'silent', ...overrides });
  if (!config.neo4j.uri) throw new Error('NEO4J_URI is not set: run integration tests through jest (global setup)');
  return config as Config & { neo4j: { uri: string } };
}

/** A driver and Database for the test database; close the driver in afterAll. */
export function connectTestDatabase(overrides: NodeJS.ProcessEnv = {}): {
  driver: Driver;
  database: Database;
  config: Config;
} {
  const config = testConfig(overrides);
  const { driver, database } = connectDatabase(config.neo4j, config.neo4j.uri, createLogger('silent'));
  return { driver, database, config };
}
