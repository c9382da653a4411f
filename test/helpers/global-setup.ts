import { createDisposableNeo4j, TEST_PASSWORD } from './local-neo4j';
import type { LocalNeo4j } from '../../src/localdb/instance';

declare global {
  var __TEST_NEO4J__: LocalNeo4j | undefined;
}

/**
 * Gives the integration tests a real Neo4j: the one NEO4J_URI names, or a fresh local server on
 * free ports (so a developer's running database is never touched), stopped by the teardown.
 * Both the integration and the browser project name this setup; the first run starts the
 * database and sets NEO4J_URI, so the second finds it set and shares it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI) return;
  const neo4j = await createDisposableNeo4j('test');
  await neo4j.start();
  globalThis.__TEST_NEO4J__ = neo4j;
  process.env.NEO4J_URI = neo4j.boltUri;
  process.env.NEO4J_PASSWORD = TEST_PASSWORD;
  process.env.NEO4J_USER = 'neo4j';
  process.env.TEST_NEO4J_HTTP_URL = `http://127.0.0.1:${neo4j.status().httpPort}`;
}
