import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../logger';
import { boundedOperationName } from './operation-names';
import { graphqlOperationOf, settledOutcome } from './graphql-operation';
import { requestIdOf } from './request-id';
import { pathOf } from './route-label';

declare module 'http' {
  interface IncomingMessage {
    /** The request's logger: every line it writes carries the request id. */
    log: Logger;
  }
}

/**
 * One line per request when its response ends: its id, method, path (no query string), status and
 * duration, and for a GraphQL request the operation's name, type and outcome. No headers and no
 * bodies, so no credential or cookie can reach the log. Every line logged through `req.log` carries
 * the request id. Health probes are not logged.
 *
 * Written here rather than with pino-http: the request's child logger is made only when a handler
 * logs through it, and the line is built only when its level is on. Both showed in the profile of
 * cheap requests (a child logger per request).
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const requestId = requestIdOf(req, res);
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      get: () => (child ??= logger.child({ requestId })),
    });
    if (!req.url.startsWith('/health'))
      res.once('close', () => {
        // A response that never finished was most often left by its client (an event stream
        // closed, a page navigated away): said on the line, not an error of the service.
        const level = res.statusCode >= 500 ? 'error' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        const line = requestLine(req, res, Math.round(performance.now() - started));
        logger[level]({ requestId, ...line }, describe(line));
      });
    next();
  };
}

interface RequestLine {
  readonly request: { method: string; path: string; status: number; durationMs: number; aborted?: true };
  readonly graphql?: { operationName: string; operationType: string; outcome: string };
}

function requestLine(req: IncomingMessage, res: ServerResponse, durationMs: number): RequestLine {
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const request = {
    method: req.method ?? '',
    path: pathOf(url).slice(0, 200),
    status: res.statusCode,
    durationMs,
    ...(res.writableFinished ? {} : { aborted: true as const }),
  };
  const operation = graphqlOperationOf(res as Response);
  if (!operation) return { request };
  return {
    request,
    graphql: {
      operationName: boundedOperationName(operation.name),
      operationType: operation.type,
      outcome: settledOutcome(operation, res.statusCode),
    },
  };
}

/** `POST /graphql 200 12 ms · query Timeline OK`: the line a person reads. */
function describe({ request, graphql }: RequestLine): string {
  const operation = graphql ? ` · ${graphql.operationType} ${graphql.operationName} ${graphql.outcome}` : '';
  const aborted = request.aborted ? ' (aborted)' : '';
  return `${request.method} ${request.path} ${request.status} ${request.durationMs} ms${aborted}${operation}`;
}
