import { trace } from '@opentelemetry/api';
import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql';
import { ATTR_GRAPHQL_OPERATION_NAME, ATTR_GRAPHQL_OPERATION_TYPE } from './attributes';
import { inSpan, markFailed } from './spans';

/** The span's name until the document is known to hold one operation (OTel GraphQL conventions). */
const UNKNOWN_OPERATION = 'GraphQL Operation';

/**
 * Runs one GraphQL-over-HTTP request in the operation's span; the queries its resolvers send are
 * its children. The document itself is not recorded: its literals may carry a client's values.
 */
export function inGraphqlOperationSpan<T>(work: () => Promise<T>): Promise<T> {
  return inSpan(UNKNOWN_OPERATION, {}, work);
}

/** Names the current operation span after the operation to run: `query Timeline`, or `query`. */
export function describeGraphqlOperation(document: DocumentNode, operationName: string | null | undefined): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  const operation = getOperationAST(document, operationName);
  if (!operation) return;
  const name = operation.name?.value;
  span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
  span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, operation.operation);
  if (name) span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, name);
}

/**
 * Marks the current operation span failed with a formatted error's code (each error adds an event
 * with its code and path); an unexpected error also leaves its stack frames, which clients never see.
 * Gives the formatted error back.
 */
export function recordGraphqlError(original: Readonly<GraphQLError | Error>, formatted: GraphQLError): GraphQLError {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return formatted;
  const code = String(formatted.extensions.code ?? 'INTERNAL_SERVER_ERROR');
  markFailed(span, code);
  span.addEvent('graphql.error', { 'error.type': code, 'graphql.error.path': formatted.path?.join('.') ?? '' });
  if (code === 'INTERNAL_SERVER_ERROR') {
    const cause = ('originalError' in original && original.originalError) || original;
    // The first line of a stack repeats the message; only the frames are kept.
    span.recordException({ name: cause.name, message: code, stack: cause.stack?.split('\n').slice(1).join('\n') });
  }
  return formatted;
}
