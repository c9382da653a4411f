import { GraphQLError } from 'graphql';
import { AppError } from '../errors';
import type { Logger } from '../logger';

/**
 * Gives every error a stable `extensions.code`. Expected errors keep their message; anything
 * unexpected is logged with its detail and reaches the client only as INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(logger: Logger): (error: Readonly<GraphQLError | Error>) => GraphQLError | Error {
  return (error) => {
    if (!(error instanceof GraphQLError)) {
      // graphql-http's own request errors ("Missing query", "Unparsable JSON body"…) are safe to show.
      return new GraphQLError(error.message, { extensions: { code: 'BAD_REQUEST' } });
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
    if (error.extensions?.code) return error;
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: { code: requestErrorCode(error) },
    });
  };
}

/** Codes of errors raised before execution, as Apollo Server names them. */
function requestErrorCode(error: GraphQLError): string {
  if (error.message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  if (error.message.startsWith('Variable "$')) return 'BAD_USER_INPUT';
  return 'GRAPHQL_VALIDATION_FAILED';
}
