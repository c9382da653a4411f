import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../errors';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
const TIMED_OUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/**
 * Turns database failures a client can act on into coded errors (the original kept as cause);
 * anything else passes through and is reported as an internal error.
 */
export function translateDatabaseError(error: unknown, timeoutMs: number): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (
    UNAVAILABLE.has(error.code) ||
    /acquisition timed out|Failed to connect|Connection acquisition/i.test(error.message)
  ) {
    return new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable; try again shortly.', {}, { cause: error });
  }
  if (TIMED_OUT.has(error.code)) {
    return new AppError(
      'QUERY_TIMEOUT',
      `The query took longer than ${timeoutMs} ms and was stopped.`,
      {},
      { cause: error },
    );
  }
  return error;
}
