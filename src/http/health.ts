import { Router } from 'express';
import type { Logger } from '../logger';
import type { Database } from '../neo4j/database';

export interface Readiness {
  /** Set when shutdown begins, so load balancers stop sending traffic before the port closes. */
  shuttingDown: boolean;
}

/** `/health/live`: the process answers. `/health/ready`: it can serve, i.e. Neo4j answers now. */
export function healthRoutes(database: Database, readiness: Readiness, pingTimeoutMs: number, logger: Logger): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'live' });
  });
  router.get('/health/ready', async (_req, res) => {
    if (readiness.shuttingDown) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    try {
      const neo4j = await database.ping(pingTimeoutMs);
      res.json({ status: 'ready', neo4j });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'Neo4j does not answer' });
    }
  });
  return router;
}
