import { GraphQLError } from 'graphql';
import { AppError, type ErrorCode } from '../errors';
import type { Logger } from '../logger';

/**
 * Gives every error a stable `extensions.code`. Expected errors keep their message; anything
 * unexpected is logged with its detail and reaches the client only as INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(logger: Logger): (error: Readonly<GraphQLError | Error>) => GraphQLError {
  return (error) => {
    if (!(error instanceof GraphQLError)) {
      // graphql-http's own request errors ("Missing query", "Unparsable JSON body"…) are safe to show.
      const hint =
        error.message === 'Unparsable JSON body'
          ? ': send {"query": "{ … }"} as JSON, not the bare GraphQL document'
          : '';
      return new GraphQLError(`${error.message}${hint}`, { extensions: { code: 'BAD_REQUEST' } });
    }
    const original = error.originalError;
    if (original instanceof AppError) {
      return new GraphQLError(original.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: { code: original.code, ...original.details },
      });
    }
    if (original && !(original instanceof GraphQLError)) {
      logger.error({ err: original, path: error.path }, 'unexpected error in a resolver');
      return new GraphQLError('Unexpected error', { path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
    return withCode(error, requestErrorCode(error));
  };
}

/**
 * Parse and validation errors are coded where they arise (src/graphql/pipeline.ts); what is left
 * uncoded comes from graphql-js's execution, which tags nothing: a variable of the wrong type
 * ("Variable "$x" got invalid value…") is the client's input, anything else a validation error.
 */
function requestErrorCode(error: GraphQLError): ErrorCode {
  return error.message.startsWith('Variable "$') ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED';
}

/** The error with a code of its own, unless it has one (graphql-armor's rejections do). */
export function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}
