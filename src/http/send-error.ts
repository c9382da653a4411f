import type { Response } from 'express';
import { AppError, ERROR_STATUS, errorBody, type ErrorCode } from '../errors';

/** The one place an HTTP error body is written: the code's status and `{errors: [{message, extensions: {code}}]}`. */
export function sendError(
  res: Response,
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): void {
  res.status(ERROR_STATUS[code]).json(errorBody(code, message, details));
}

/** Answers an AppError with its own code, message and details. */
export function sendAppError(res: Response, error: AppError): void {
  sendError(res, error.code, error.message, error.details);
}
