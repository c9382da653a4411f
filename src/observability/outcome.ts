import { AppError, ERROR_STATUS, type ErrorCode } from '../errors';

/**
 * How something ended, as a label: `OK`, or the code of the error model (src/errors.ts) a client
 * is given; `OTHER` for a failure that carries none (a closed set either way).
 */
export type Outcome = 'OK' | ErrorCode | 'OTHER';

/** `OK` when there are no errors, else the first error's `extensions.code`. */
export function outcomeOfErrors(
  errors: readonly { readonly extensions?: { readonly code?: unknown } }[] | undefined,
): Outcome {
  const first = errors?.[0];
  if (!first) return 'OK';
  const code = first.extensions?.code;
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code) ? (code as ErrorCode) : 'OTHER';
}

/** `OK` for no error, an AppError's code, else `OTHER`. */
export function outcomeOfError(error: unknown): Outcome {
  if (error === undefined) return 'OK';
  return error instanceof AppError ? error.code : 'OTHER';
}
