import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout (pipe through pino-pretty for people); secrets are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'event-timeline-graph' },
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.password'],
  });
}
