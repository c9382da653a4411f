import type { Request } from 'express';

/** Where no route pattern matched: a fixed label by the path's first segment, else `other`. */
const PREFIXES: readonly (readonly [string, string])[] = [
  ['/graphql/stream', '/graphql/stream'],
  ['/graphql', '/graphql'],
  ['/bundles', '/bundles'],
  ['/feeds/', '/feeds/...'],
  ['/widget/', '/widget/...'],
  ['/vendor/', '/vendor/...'],
  ['/export/', '/export/...'],
  ['/author', '/author/...'],
  ['/graphiql', '/graphiql/...'],
  ['/health/', '/health/...'],
];

/**
 * The route a request is counted under: the pattern of the Express route that answered it
 * (`/bundles/:sourceId`, never the id), else a fixed label for its part of the site, else `other`.
 * Never the raw URL, which clients choose.
 */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl' | 'originalUrl'>): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  const path = pathOf(req.originalUrl);
  for (const [prefix, label] of PREFIXES) {
    if (path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) return label;
  }
  return 'other';
}

/** The URL's path, without its query string (which may carry anything). */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
