import type { Response } from 'express';
import type { GraphQLError, OperationDefinitionNode } from 'graphql';
import type { ErrorCode } from '../errors';
import { outcomeOfErrors, type Outcome } from './outcome';

export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

/**
 * The GraphQL operation a request carried, as its handler saw it: set once per request by the
 * /graphql and /graphql/stream handlers, read by the request log and the metrics when the response
 * ends. `name` is as the client wrote it; readers bound it (operation-names.ts).
 */
export interface GraphqlOperation {
  name: string | undefined;
  type: OperationType;
  /** Unset until the handler knows it. */
  outcome: Outcome | undefined;
}

/** Where a handler keeps its request's operation: the response's locals, which live as long as it. */
const KEY = 'graphqlOperation';

/** Starts the record of the operation `res` answers (nothing known yet). */
export function recordGraphqlOperation(res: Response): GraphqlOperation {
  const operation: GraphqlOperation = { name: undefined, type: 'unknown', outcome: undefined };
  res.locals[KEY] = operation;
  return operation;
}

/** The operation `res` answered, if it was a GraphQL request. */
export function graphqlOperationOf(res: Response): GraphqlOperation | undefined {
  return res.locals[KEY] as GraphqlOperation | undefined;
}

/** What the document runs: its name and kind. */
export function noteOperation(operation: GraphqlOperation, definition: OperationDefinitionNode): void {
  operation.name = definition.name?.value;
  operation.type = definition.operation as OperationType;
}

/**
 * Notes an outcome from errors the client is sent (already coded): the first failure wins, so a
 * stream that delivered an error keeps that code, and a later success does not hide it.
 */
export function noteOutcome(
  operation: GraphqlOperation,
  errors: readonly Pick<GraphQLError, 'extensions'>[] | undefined,
): void {
  const outcome = outcomeOfErrors(errors);
  if (operation.outcome === undefined || operation.outcome === 'OK') operation.outcome = outcome;
}

/** A refusal outside GraphQL's own errors (the HTTP request itself). */
export function noteFailure(operation: GraphqlOperation, code: ErrorCode): void {
  noteOutcome(operation, [{ extensions: { code } }]);
}

/**
 * The outcome once the response has ended: as noted, else what the status says (a refusal the
 * handler did not code, such as graphql-http's 406; a stream that closed before its first event).
 */
export function settledOutcome(operation: GraphqlOperation, status: number): Outcome {
  if (operation.outcome !== undefined) return operation.outcome;
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  return status >= 400 ? 'BAD_REQUEST' : 'OK';
}
