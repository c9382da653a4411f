/** Stops and removes the test database the global setup started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  const neo4j = globalThis.__TEST_NEO4J__;
  if (!neo4j) return;
  globalThis.__TEST_NEO4J__ = undefined;
  await neo4j.stop();
  neo4j.destroy();
}
