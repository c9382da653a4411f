import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { projectRoot } from '../paths';
import type { Resolvers } from './contract/schema-types';
import { Entity, entityTypes, Node } from './resolvers/entity';
import {
  DateClaim,
  EntityClaim,
  EntityRevision,
  EventClaim,
  EventRevision,
  Evidence,
  Source,
} from './resolvers/claims';
import { ChangeConnection, EventChange } from './resolvers/changes';
import { Event, Path, Quote } from './resolvers/event';
import { Mutation } from './resolvers/mutation';
import { Query } from './resolvers/query';
import { Subscription } from './resolvers/subscription';
import { EventConnection } from './resolvers/timeline-page';

/** The contract from schema.graphql (read at start) joined with the resolvers. */
export function buildSchema(): GraphQLSchema {
  const typeDefs = readFileSync(path.join(projectRoot(), 'schema.graphql'), 'utf8');
  const resolvers: Resolvers = {
    Query,
    Mutation,
    Subscription,
    Node,
    Entity,
    ...entityTypes,
    Event,
    Evidence,
    Path,
    Quote,
    Source,
    DateClaim,
    EntityClaim,
    EventClaim,
    EventRevision,
    EntityRevision,
    EventChange,
    EventConnection,
    ChangeConnection,
  };
  return makeExecutableSchema({
    typeDefs,
    resolvers,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}
