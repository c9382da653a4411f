import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * gzip or brotli (whichever the client prefers) for pages, scripts, styles and API answers of 1 KB
 * or more. Event streams are never compressed: the compressor holds bytes back until a block fills,
 * and an event that waits in its buffer reaches the reader late.
 */
export function compressResponses(): RequestHandler {
  const compress = compression({
    filter: (req: Request, res: Response) => {
      if (req.path === '/graphql/stream') return false;
      if (/^text\/event-stream/i.test(String(res.getHeader('content-type') ?? ''))) return false;
      return compression.filter(req, res);
    },
  });
  // A client that accepts no encoding gets the answer as it is: not wrapping its response saves
  // the compressor's per-request work (API clients and load balancers often send none).
  return (req, res, next) => {
    if (req.headers['accept-encoding'] === undefined) next();
    else compress(req, res, next);
  };
}
