import { GraphQLError, isValueNode } from 'graphql';
import { AppError, type ErrorCode } from '../errors';
import type { Logger } from '../logger';

/**
 * Gives every error a stable `extensions.code`, by what the error object is and where it arose,
 * never by its message. Expected errors keep their message; anything unexpected is logged with its
 * detail and reaches the client only as INTERNAL_SERVER_ERROR.
 *
 * - Errors the request pipeline refused (parse, validation, operation, variables) are coded where
 *   they arose (src/graphql/pipeline.ts) and pass as they are.
 * - An error a resolver threw reaches here as the `originalError` of a GraphQLError: an AppError
 *   carries its code and details; any other is a defect, masked.
 * - graphql-js's own checks at a field: an argument's value it cannot accept points at that value
 *   in the document (a variable sent as null for a non-null argument): the client's input. One
 *   that points elsewhere concerns a value a resolver produced: a defect, masked.
 * - Errors that are no GraphQLError are the transport's refusals of the HTTP request itself
 *   (graphql-http's parameter checks): BAD_REQUEST, unless an AppError says otherwise.
 */
export function createErrorFormatter(logger: Logger): (error: Readonly<GraphQLError | Error>) => GraphQLError {
  return (error) => {
    if (!(error instanceof GraphQLError)) {
      if (error instanceof AppError)
        return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
      return new GraphQLError(error.message, { extensions: { code: 'BAD_REQUEST' } });
    }
    if (error.extensions.code !== undefined) return error;
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
    if (original instanceof GraphQLError && pointsAtAValue(original)) return withCode(error, 'BAD_USER_INPUT');
    if (original) {
      logger.error({ err: original, path: error.path }, 'unexpected error in a resolver');
      return new GraphQLError('Unexpected error', { path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
    // A GraphQLError of graphql-http's or graphql-sse's own, about the request (the pipeline leaves
    // them nothing to refuse, so this is a safety net).
    return withCode(error, 'BAD_REQUEST');
  };
}

/** Whether graphql-js located the error at a value written in the document (an argument's). */
function pointsAtAValue(error: GraphQLError): boolean {
  const node = error.nodes?.[0];
  return node !== undefined && isValueNode(node);
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
