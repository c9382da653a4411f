import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from './config';

export type { Logger };

/** What a request line's message already says (src/observability/request-log.ts): not repeated. */
const REQUEST_LINE_KEYS = ['request', 'graphql'];

/**
 * JSON on stdout, or one readable line per entry for people (`auto`: when stdout is a terminal);
 * secrets are redacted either way.
 */
export function createLogger(level: string, format: LogFormat = 'json'): Logger {
  const options = {
    level,
    base: { service: 'event-timeline-graph' },
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', '*.password'],
  };
  const readable = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  if (!readable) return pino(options);
  return pino(
    options,
    // In-process and synchronous: a terminal is no throughput path, and no line is lost at exit.
    pretty({
      sync: true,
      colorize: process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: ['pid', 'hostname', 'service', 'requestId', ...REQUEST_LINE_KEYS].join(','),
      messageFormat: '{if requestId}[{requestId}] {end}{msg}',
      singleLine: true,
    }),
  );
}
