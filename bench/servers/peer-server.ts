import './without-source-maps'; // before the first query: see there
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import { createHandler } from 'graphql-http/lib/use/express';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createDriver } from '../../src/neo4j/driver';
import { PEER_FEATURES, PEER_TYPE_DEFS } from '../peer/typeDefs';

/** The peer: @neo4j/graphql over the same database, served by graphql-http on express like ours. */
async function main(): Promise<void> {
  const config = readConfig();
  const driver = createDriver({ ...config.neo4j, uri: config.neo4j.uri as string }, createLogger('error'));
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver, features: PEER_FEATURES }).getSchema();
  const app = express();
  app.use(express.json({ limit: '100kb' }));
  app.all(
    '/graphql',
    createHandler({ schema, context: () => ({ sessionConfig: { database: config.neo4j.database } }) }),
  );
  app.listen(config.port, '127.0.0.1', () => console.log('peer server listening'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
