import type { IncomingHttpHeaders } from 'node:http';
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  subscribe,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type OperationTypeNode,
} from 'graphql';
import type { GraphqlConfig } from '../config';
import type { Logger } from '../logger';
import { compiledExecution } from './compiled-execution';
import { DocumentCache } from './document-cache';
import type { ResponseCache } from './response-cache';
import { createErrorFormatter, withCode } from './errors';
import { validationRules, type DemandLimits } from './validation-rules';

/** Total query text kept parsed and validated (~2 MB of strings plus their documents). */
const DOCUMENT_CACHE_CHARS = 2_000_000;

/** Variable errors reported at most (graphql-js's own bound when it coerces them). */
const MAX_VARIABLE_ERRORS = 50;

/** One GraphQL operation as a transport received it. */
export interface GraphqlRequest {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly headers: IncomingHttpHeaders;
}

/** The kinds of operation a transport serves, and what it tells a client that sends another kind. */
export interface ServedOperations {
  readonly operations: readonly OperationTypeNode[];
  readonly elsewhere: string;
}

/** Ready to execute (or subscribe), or refused with coded errors before any resolver ran. */
export type PreparedOperation<Context> =
  | {
      readonly args: ExecutionArgs & { readonly contextValue: Context };
      /** The operation that runs (its name and kind are measured and logged); also given with a refusal once known. */
      readonly operation: OperationDefinitionNode;
    }
  | { readonly errors: readonly GraphQLError[]; readonly operation?: OperationDefinitionNode };

export interface GraphqlPipelineOptions<Context> {
  readonly schema: GraphQLSchema;
  /** Parse and validation limits (GRAPHQL_MAX_*, introspection). */
  readonly limits: DemandLimits & Pick<GraphqlConfig, 'maxTokens'>;
  /** Where unexpected errors are logged with their detail. */
  readonly logger: Logger;
  /** The per-operation context; called only for an operation that will run. */
  readonly context: (request: GraphqlRequest) => Context;
  /** Query answers kept per data version (RESPONSE_CACHE_MB); absent: every query runs. */
  readonly responseCache?: ResponseCache;
}

/**
 * The one GraphQL request pipeline every transport uses (`/graphql` and `/graphql/stream`), as
 * envelop composes its plugins once: parse (token limit, document cache), validation (the spec's
 * rules and the demand limits), the operation the transport serves, the variables' values, the
 * context, execution or subscription, and error formatting. Each refusal is coded by the step that
 * makes it, never by its message.
 */
export interface GraphqlPipeline<Context> {
  /** Runs every step before execution; the errors are coded, not yet formatted. */
  prepare(request: GraphqlRequest, served: ServedOperations): PreparedOperation<Context>;
  readonly execute: typeof execute;
  readonly subscribe: typeof subscribe;
  /** Gives every error a stable code; masks and logs what is unexpected. */
  formatError(error: Readonly<GraphQLError | Error>): GraphQLError;
  /** The result with its errors formatted. */
  formatResult<Result extends { readonly errors?: readonly GraphQLError[] }>(result: Result): Result;
}

export function createGraphqlPipeline<Context>(options: GraphqlPipelineOptions<Context>): GraphqlPipeline<Context> {
  const { schema, limits } = options;
  const rules = validationRules(limits);
  const documents = new DocumentCache(DOCUMENT_CACHE_CHARS);
  const formatError = createErrorFormatter(options.logger);

  const parseDocument = (query: string): DocumentNode | GraphQLError => {
    try {
      return documents.parse(query, (text) => parse(text, { maxTokens: limits.maxTokens }));
    } catch (error) {
      // parse reports every problem of the text as a GraphQLError; anything else is a defect.
      if (error instanceof GraphQLError) return withCode(error, 'GRAPHQL_PARSE_FAILED');
      throw error;
    }
  };

  return {
    prepare(request, served) {
      const document = parseDocument(request.query);
      if (document instanceof GraphQLError) return { errors: [document] };
      const operationName = request.operationName ?? null;
      // Found before validation, so that a refusal still names the operation it refused.
      const operation = getOperationAST(document, operationName) ?? undefined;
      const invalid = documents.validate(schema, document, rules);
      if (invalid.length > 0)
        return { errors: invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')), operation };
      if (!operation) {
        const message =
          operationName === null
            ? 'The document has several operations: name the one to run in operationName'
            : `The document has no operation named "${String(operationName).slice(0, 100)}"`;
        return { errors: [new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })] };
      }
      if (!served.operations.includes(operation.operation))
        return { errors: [new GraphQLError(served.elsewhere, { extensions: { code: 'BAD_REQUEST' } })], operation };
      // Coerced here, as execution would, so that every error of the client's values is known as such.
      const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, {
        maxErrors: MAX_VARIABLE_ERRORS,
      });
      if (variables.errors)
        return { errors: variables.errors.map((error) => withCode(error, 'BAD_USER_INPUT')), operation };
      return {
        args: {
          schema,
          document,
          operationName,
          variableValues: request.variables,
          contextValue: options.context(request),
        },
        operation,
      };
    },
    execute: options.responseCache ? options.responseCache.wrap(compiledExecution()) : compiledExecution(),
    subscribe,
    formatError,
    formatResult: (result) =>
      result.errors ? { ...result, errors: result.errors.map((error) => formatError(error)) } : result,
  };
}
