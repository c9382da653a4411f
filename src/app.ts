import express, { type ErrorRequestHandler, type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { healthRoutes, type Readiness } from './http/health';
import type { Logger } from './logger';
import type { Database } from './neo4j/database';

export interface AppDependencies {
  readonly database: Database;
  readonly logger: Logger;
  readonly readiness: Readiness;
  /** How long /health/ready waits for Neo4j before answering 503. */
  readonly readyTimeoutMs: number;
}

/** Builds the HTTP app without listening, so tests can drive it on a port of their own. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(pinoHttp({ logger: deps.logger, autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false } }));
  app.use(healthRoutes(deps.database, deps.readiness, deps.readyTimeoutMs, deps.logger));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such route' } });
  });
  const handleError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const status = httpStatusOf(error);
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    res.status(status).json({
      error: status >= 500 ? { code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error' } : { code: 'BAD_REQUEST', message: 'Malformed request' },
    });
  };
  app.use(handleError);
  return app;
}

function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
