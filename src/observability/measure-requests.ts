import type { RequestHandler } from 'express';
import { graphqlOperationOf, settledOutcome } from './graphql-operation';
import type { ServiceMetrics } from './metrics';
import { routeLabel } from './route-label';

/**
 * Measures every request when its response ends (sent, or the client went away): the HTTP series,
 * and the GraphQL series when a GraphQL handler recorded an operation.
 */
export function measureRequests(metrics: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation = graphqlOperationOf(res);
      metrics.observeRequest(
        { method: req.method, route: routeLabel(req), status: res.statusCode, seconds },
        operation && { operation, outcome: settledOutcome(operation, res.statusCode) },
      );
    });
    next();
  };
}
