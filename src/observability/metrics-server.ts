import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { MetricsConfig } from '../config';
import type { Logger } from '../logger';

/**
 * `/metrics` in Prometheus text format on a listener of its own (METRICS_HOST:METRICS_PORT): the
 * API's port, which is public, never serves it, so what the series reveal (routes, operation
 * names, load) stays with whoever can reach the metrics port.
 */
export async function serveMetrics(registry: Registry, config: MetricsConfig, logger: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: scrape /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'collecting metrics failed');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Collecting metrics failed\n');
      },
    );
  });
  server.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return server;
}
