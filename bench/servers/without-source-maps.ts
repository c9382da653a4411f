/**
 * Imported first by the servers ours is compared with. tsx, which runs them from source, turns
 * Node's source maps on, and the Neo4j driver reads a stack trace for every query it sends
 * (neo4j-driver-core's Result): with maps on, each of those stacks is mapped back to TypeScript.
 * That cost the raw server 0.06–0.15 ms of CPU per request at 100k (timeline, search, paths from
 * a hub), work ours, compiled and run without maps, never does.
 */
process.setSourceMapsEnabled(false);
