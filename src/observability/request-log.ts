import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger';
import { boundedOperationName } from './operation-names';
import { graphqlOperationOf, settledOutcome } from './graphql-operation';
import { requestIdOf } from './request-id';
import { pathOf } from './route-label';

/**
 * One line per request when its response ends: its id, method, path (no query string), status and
 * duration, and for a GraphQL request the operation's name, type and outcome. No headers and no
 * bodies, so no credential or cookie can reach the log. Every line logged through `req.log` carries
 * the request id. Health probes are not logged.
 */
export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    // The handlers log a failure's cause themselves; the request line says only that it failed.
    customSuccessObject: (req, res, fields: { responseTime: number }) => requestLine(req, res, fields.responseTime),
    customErrorObject: (req, res, _error, fields: { responseTime: number }) =>
      requestLine(req, res, fields.responseTime),
    customSuccessMessage: (req, res, durationMs) => describe(requestLine(req, res, durationMs)),
    // pino-http passes the duration here too, though its types do not say so.
    customErrorMessage: (req, res, _error, durationMs?: number) => describe(requestLine(req, res, durationMs)),
  });
}

interface RequestLine {
  readonly request: { method: string; path: string; status: number; durationMs?: number };
  readonly graphql?: { operationName: string; operationType: string; outcome: string };
}

function requestLine(req: IncomingMessage, res: ServerResponse, durationMs: number | undefined): RequestLine {
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const request = { method: req.method ?? '', path: pathOf(url).slice(0, 200), status: res.statusCode, durationMs };
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
  const took = request.durationMs === undefined ? '' : ` ${request.durationMs} ms`;
  const operation = graphql ? ` · ${graphql.operationType} ${graphql.operationName} ${graphql.outcome}` : '';
  return `${request.method} ${request.path} ${request.status}${took}${operation}`;
}
