import cors from 'cors';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { GraphqlConfig, HttpConfig, IngestConfig } from './config';
import { securityHeaders } from './http/security-headers';
import { compressResponses } from './http/compress-responses';
import { rateLimit } from './http/rate-limit';
import { AppError } from './errors';
import { sendAppError, sendError } from './http/send-error';
import { graphiqlRoutes } from './http/graphiql';
import { graphqlHandler } from './http/graphql';
import { graphqlStreamHandler } from './http/graphql-stream';
import { OpenStreams } from './http/open-streams';
import { createContext } from './graphql/context';
import { createGraphqlPipeline } from './graphql/pipeline';
import { bundleRoutes } from './http/bundles.routes';
import { authorRoutes } from './http/author.routes';
import { AuthorApi } from './author/author-api';
import { BundleApi } from './ingest/bundle-api';
import { ApiKeys } from './ingest/api-keys';
import type { ChangeFeed } from './services/change-feed';
import type { ResponseCache } from './graphql/response-cache';
import { StopWords } from './services/search.service';
import { healthRoutes, type Readiness } from './http/health';
import { feedRoutes } from './widgets/feed.routes';
import { exportRoutes } from './http/export.routes';
import { neo4jBrowserRoutes } from './widgets/neo4j-browser.routes';
import { widgetRoutes } from './widgets/widget.routes';
import type { Logger } from './logger';
import type { Database } from './neo4j/database';
import { requestLog } from './observability/request-log';
import { measureRequests } from './observability/measure-requests';
import type { ServiceMetrics } from './observability/metrics';

export interface AppDependencies {
  readonly database: Database;
  readonly logger: Logger;
  readonly readiness: Readiness;
  /** How long /health/ready waits for Neo4j before answering 503. */
  readonly readyTimeoutMs: number;
  readonly schema: GraphQLSchema;
  readonly graphql: GraphqlConfig;
  /** Origins allowed to call the API from a browser (`*` for any). */
  readonly corsOrigins: '*' | readonly string[];
  readonly http: HttpConfig;
  /** API keys of the write path (none: writes are off). */
  readonly ingest: IngestConfig;
  /** Data-version changes for live subscriptions; closed by the owner at shutdown. */
  readonly changes: ChangeFeed;
  /** The Prometheus series the app feeds; absent: metrics are off and nothing is measured. */
  readonly metrics?: ServiceMetrics;
  /** Query answers kept per data version (RESPONSE_CACHE_MB); absent: every query runs. */
  readonly responseCache?: ResponseCache;
}

/** Builds the HTTP app without listening, so tests can drive it on a port of their own. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind a balancer the client is the address X-Forwarded-For names (rate limit, stream caps).
  app.set('trust proxy', deps.http.trustProxy);
  app.use(requestLog(deps.logger));
  if (deps.metrics) app.use(measureRequests(deps.metrics));
  app.use(securityHeaders(deps.http.frameAncestors));
  app.use(compressResponses());
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.use(healthRoutes(deps.database, deps.readiness, deps.readyTimeoutMs, deps.logger));
  if (deps.http.rateLimitPerMinute > 0) app.use(rateLimit(deps.http.rateLimitPerMinute));
  app.use(
    cors({ origin: deps.corsOrigins === '*' ? '*' : [...deps.corsOrigins], methods: ['GET', 'POST'], maxAge: 600 }),
  );
  const keys = new ApiKeys(deps.ingest.keys);
  const bundles = new BundleApi(
    deps.database,
    keys,
    deps.logger,
    (version) => deps.changes.announce(version),
    deps.metrics?.ingest,
  );
  const shared = { stopWords: new StopWords(), writes: bundles, changes: deps.changes };
  const pipeline = createGraphqlPipeline({
    schema: deps.schema,
    limits: deps.graphql,
    logger: deps.logger,
    context: (request) =>
      createContext(deps.database, deps.graphql, deps.logger, shared, request.headers.authorization),
    responseCache: deps.responseCache,
  });
  app.use(bundleRoutes(bundles, deps.http.bodyLimit));
  app.use(authorRoutes(new AuthorApi(deps.database, keys), deps.http.bodyLimit));
  app.all(
    '/graphql/stream',
    express.json({ limit: deps.http.bodyLimit }),
    graphqlStreamHandler(pipeline, new OpenStreams(deps.http.maxStreamsPerClient)),
  );
  // The body is read as text (with a size limit) and parsed by graphql-http, which answers bad JSON
  // per the spec. A JSON POST without a body is refused here: graphql-http would wait for a stream
  // that the body parser has already settled.
  app.all(
    '/graphql',
    express.text({ type: 'application/json', limit: deps.http.bodyLimit }),
    (req, res, next) => {
      const json = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
      if (req.method === 'POST' && json && (typeof req.body !== 'string' || req.body === '')) {
        sendError(res, 'BAD_REQUEST', 'Missing body: send {"query": "{ … }"} as JSON');
        return;
      }
      next();
    },
    graphqlHandler(pipeline),
  );
  if (deps.graphql.graphiql) app.use(graphiqlRoutes());
  app.use(feedRoutes(deps.database, deps.graphql.timelineHubDegree));
  app.use(exportRoutes(deps.database, deps.graphql, { maxEvents: deps.http.exportMaxEvents }));
  app.use(widgetRoutes());
  app.use(neo4jBrowserRoutes());
  app.use((_req, res) => {
    sendError(res, 'NOT_FOUND', 'No such route');
  });
  const handleError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    if (error instanceof AppError) {
      sendAppError(res, error);
      return;
    }
    // Errors of Express's own middleware (body too large, malformed) carry an HTTP status.
    const status = httpStatusOf(error);
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    if (status === 413) sendError(res, 'PAYLOAD_TOO_LARGE', 'Request body too large');
    else if (status >= 500) sendError(res, 'INTERNAL_SERVER_ERROR', 'Unexpected error');
    else sendError(res, 'BAD_REQUEST', 'Malformed request');
  };
  app.use(handleError);
  return app;
}

function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
