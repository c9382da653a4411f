import type { RequestHandler } from 'express';
import { rateLimit as expressRateLimit } from 'express-rate-limit';
import { sendError } from './send-error';

/**
 * A per-client budget of requests per minute (by address; behind a proxy set Express's
 * `trust proxy` so the client address is the real one). Over budget: 429 with a coded error.
 */
export function rateLimit(perMinute: number): RequestHandler {
  return expressRateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => {
      sendError(res, 'RATE_LIMITED', `Too many requests: at most ${perMinute} a minute`);
    },
  });
}
