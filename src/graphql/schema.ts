import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { projectRoot } from '../paths';
import { Entity, entityTypes, Node } from './resolvers/entity';
import { Event, Evidence, Path } from './resolvers/event';
import { Query } from './resolvers/query';

/** The contract from schema.graphql (read at start) joined with the resolvers. */
export function buildSchema(): GraphQLSchema {
  const typeDefs = readFileSync(path.join(projectRoot(), 'schema.graphql'), 'utf8');
  return makeExecutableSchema({
    typeDefs,
    resolvers: { Query, Node, Entity, ...entityTypes, Event, Evidence, Path },
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}
