/** Stable, machine-readable error codes; clients read them from `extensions.code`. */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'SERVICE_UNAVAILABLE' | 'QUERY_TIMEOUT' | 'INTERNAL_SERVER_ERROR';

/** An expected failure whose message is safe to show to the client. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function badUserInput(message: string, argument?: string): AppError {
  return new AppError('BAD_USER_INPUT', message, argument ? { argument } : {});
}

export function notFound(message: string, id: string): AppError {
  return new AppError('NOT_FOUND', message, { id });
}
