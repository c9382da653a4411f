import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * gzip or brotli (whichever the client prefers) for pages, scripts, styles and API answers of 1 KB
 * or more. Event streams are never compressed: the compressor holds bytes back until a block fills,
 * and an event that waits in its buffer reaches the reader late.
 */
export function compressResponses(): RequestHandler {
  return compression({
    filter: (req: Request, res: Response) => {
      if (req.path === '/graphql/stream') return false;
      if (/^text\/event-stream/i.test(String(res.getHeader('content-type') ?? ''))) return false;
      return compression.filter(req, res);
    },
  });
}
