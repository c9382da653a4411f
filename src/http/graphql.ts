import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { RequestHandler } from 'express';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { createHandler, type Request as GraphqlHttpRequest } from 'graphql-http';
import type { GraphqlConfig } from '../config';
import { createContext, type SharedState } from '../graphql/context';
import { DocumentCache } from '../graphql/document-cache';
import { createErrorFormatter, withCode } from '../graphql/errors';
import type { Logger } from '../logger';
import type { Database } from '../neo4j/database';
import { errorBody } from '../errors';
import { sendError } from './send-error';

/** Total query text kept parsed and validated (~2 MB of strings plus their documents). */
const DOCUMENT_CACHE_CHARS = 2_000_000;

/** Validation rules bounding what one request may ask for, on top of the spec's rules. */
export function demandLimitRules(config: GraphqlConfig): ValidationRule[] {
  // graphql-armor throws when it propagates; report a validation error instead so the operation
  // never executes and the client gets a 400 with a code, not a 500.
  const reject = {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        ),
    ],
  };
  return [
    maxDepthRule({ n: config.maxDepth, ...reject }),
    maxAliasesRule({ n: config.maxAliases, ...reject }),
    maxDirectivesRule({ n: config.maxDirectives, ...reject }),
    costLimitRule({ maxCost: config.maxCost, ...reject }),
    ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
}

/**
 * `/graphql`: GraphQL over HTTP with graphql-http's spec-compliant core, demand limits and coded
 * errors. The adapter is ours (a few lines) so that a failure inside the handler is logged and
 * answered with a coded JSON error instead of an empty 500.
 */
export function graphqlHandler(
  schema: GraphQLSchema,
  database: Database,
  config: GraphqlConfig,
  logger: Logger,
  shared: SharedState,
): RequestHandler {
  const rules = [...specifiedRules, ...demandLimitRules(config)];
  const documents = new DocumentCache(DOCUMENT_CACHE_CHARS);
  const handle = createHandler<unknown, undefined, Record<string, unknown>>({
    schema,
    parse: (source) => {
      const parseLimited = (text: typeof source): DocumentNode => {
        try {
          return parse(text, { maxTokens: config.maxTokens });
        } catch (error) {
          throw error instanceof GraphQLError ? withCode(error, 'GRAPHQL_PARSE_FAILED') : error;
        }
      };
      return typeof source === 'string' ? documents.parse(source, parseLimited) : parseLimited(source);
    },
    // One fixed rule set, so a cached document's validation result stays valid.
    validate: (validSchema, document) =>
      documents.validate(validSchema, document, rules).map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')),
    // graphql-http types the context as a plain record; ours is a typed object built per request.
    context: (req) =>
      createContext(database, config, logger, shared, req.headers as Record<string, string>) as unknown as Record<
        string,
        unknown
      >,
    formatError: createErrorFormatter(logger),
  });
  return async (req, res) => {
    const request: GraphqlHttpRequest<unknown, undefined> = {
      url: req.url,
      method: req.method,
      headers: req.headers as Record<string, string>,
      // app.ts reads the body as text (with its size limit) before this handler runs.
      body: typeof req.body === 'string' ? req.body : null,
      raw: req,
      context: undefined,
    };
    try {
      const [body, init] = await handle(request);
      // graphql-http answers some refusals with a status and no body; every error here carries one.
      if (body === null && init.status >= 400) {
        res.set(init.headers);
        if (init.status === 415)
          sendError(
            res,
            'UNSUPPORTED_MEDIA_TYPE',
            'POST /graphql takes content-type application/json with {"query": "{ … }"}',
          );
        else res.status(init.status).json(errorBody('BAD_REQUEST', init.statusText ?? 'Bad request'));
        return;
      }
      res.writeHead(init.status, init.statusText, init.headers).end(body);
    } catch (error) {
      req.log.error({ err: error }, 'GraphQL request handling failed');
      sendError(res, 'INTERNAL_SERVER_ERROR', 'Unexpected error');
    }
  };
}
