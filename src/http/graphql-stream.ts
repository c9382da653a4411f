import type { RequestHandler } from 'express';
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { GraphqlConfig } from '../config';
import { createContext, type SharedState } from '../graphql/context';
import { createErrorFormatter, withCode } from '../graphql/errors';
import type { Logger } from '../logger';
import type { Database } from '../neo4j/database';
import { demandLimitRules } from './graphql';
import { sendError } from './send-error';

/**
 * `/graphql/stream`: subscriptions over Server-Sent Events (graphql-sse). The same parse and demand
 * limits and the same coded, masked errors as /graphql; queries and mutations are refused here (a
 * GET that an EventSource sends must never write).
 */
export function graphqlStreamHandler(
  schema: GraphQLSchema,
  database: Database,
  config: GraphqlConfig,
  logger: Logger,
  shared: SharedState,
): RequestHandler {
  const rules = [...specifiedRules, ...demandLimitRules(config)];
  const formatError = createErrorFormatter(logger);
  // graphql-sse takes an object as a result only when it has `data`.
  const refuse = (error: GraphQLError) => ({ data: null, errors: [formatError(error) as GraphQLError] });
  const handle = createHandler({
    // One event stream per subscription: a plain EventSource can listen without a client library.
    authenticate: () => null,
    onSubscribe: (req, params) => {
      let document;
      try {
        document =
          typeof params.query === 'string' ? parse(params.query, { maxTokens: config.maxTokens }) : params.query;
      } catch (error) {
        return refuse(withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED'));
      }
      const invalid = validate(schema, document, rules);
      if (invalid[0]) return refuse(withCode(invalid[0], 'GRAPHQL_VALIDATION_FAILED'));
      if (getOperationAST(document, params.operationName)?.operation !== 'subscription') {
        return refuse(
          new GraphQLError('/graphql/stream serves subscriptions; send queries and mutations to /graphql', {
            extensions: { code: 'BAD_REQUEST' },
          }),
        );
      }
      return {
        schema,
        document,
        operationName: params.operationName,
        variableValues: params.variables,
        // graphql-sse types the context as a plain record; ours is a typed object built per subscription.
        contextValue: createContext(database, config, logger, shared, req.raw.headers) as unknown as Record<
          string,
          unknown
        >,
      };
    },
    onNext: (_context, _req, result) =>
      result.errors ? { ...result, errors: result.errors.map((error) => formatError(error) as GraphQLError) } : result,
  });
  return async (req, res) => {
    try {
      await handle(req, res);
    } catch (error) {
      req.log.error({ err: error }, 'event stream failed');
      if (!res.headersSent) sendError(res, 'INTERNAL_SERVER_ERROR', 'Unexpected error');
      else res.end();
    }
  };
}
