/**
 * The error model: every error a client can see has one of these stable, machine-readable codes
 * (`extensions.code`), given where the error arises, and the HTTP status it is answered with
 * outside GraphQL execution (feeds, malformed requests).
 */
export const ERROR_STATUS = {
  /** An argument or filter is malformed or out of range. */
  BAD_USER_INPUT: 400,
  /** The HTTP request itself is malformed (not JSON, no body, no query). */
  BAD_REQUEST: 400,
  /** A write without a valid API key (`Authorization: Bearer <key>`, INGEST_API_KEYS). */
  UNAUTHENTICATED: 401,
  /** The write path is off: no INGEST_API_KEYS are configured. */
  FORBIDDEN: 403,
  /** A bundle does not validate; `problems` lists each file path and message. */
  INVALID_BUNDLE: 400,
  /** A retraction other sources' facts depend on. */
  CONFLICT: 409,
  /** An id names nothing, or no route matches. */
  NOT_FOUND: 404,
  /** The body is larger than BODY_LIMIT. */
  PAYLOAD_TOO_LARGE: 413,
  /** A POST whose content type is not JSON. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** More requests a minute than RATE_LIMIT_PER_MINUTE. */
  RATE_LIMITED: 429,
  /** The GraphQL document does not parse. */
  GRAPHQL_PARSE_FAILED: 400,
  /** The document asks for unknown fields or exceeds the depth, alias or cost limits. */
  GRAPHQL_VALIDATION_FAILED: 400,
  /** Neo4j does not answer. */
  SERVICE_UNAVAILABLE: 503,
  /** A query ran past its transaction timeout. */
  QUERY_TIMEOUT: 504,
  /** Anything unexpected: logged with detail, shown with no detail. */
  INTERNAL_SERVER_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

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

/** The JSON body of an error answered outside GraphQL execution, shaped like a GraphQL response. */
export function errorBody(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): { errors: { message: string; extensions: Record<string, unknown> }[] } {
  return { errors: [{ message, extensions: { code, ...details } }] };
}
