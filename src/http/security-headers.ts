import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's security headers with a Content-Security-Policy that fits the pages we serve: scripts
 * and styles only from this origin (GraphiQL, vis-timeline and TimelineJS3 set inline style
 * attributes, hence 'unsafe-inline' for styles only), and widget pages embeddable where
 * FRAME_ANCESTORS allows. Reads are public, so resources may be loaded cross-origin.
 */
export function securityHeaders(frameAncestors: string): RequestHandler {
  const { set, removed } = headersOf(helmetFor(frameAncestors));
  // The same headers on every response, so they are worked out once rather than by helmet per request.
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

function helmetFor(frameAncestors: string) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: frameAncestors.split(/\s+/).filter(Boolean),
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Framing is governed by frame-ancestors above; X-Frame-Options cannot express an allow-list.
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}

/** The headers a middleware sets and removes (helmet's do not depend on the request). */
function headersOf(middleware: ReturnType<typeof helmet>) {
  const set = new Map<string, string | number | readonly string[]>();
  const removed = new Set<string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      set.set(name, value);
      removed.delete(name);
    },
    removeHeader: (name: string) => {
      set.delete(name);
      removed.add(name);
    },
  };
  let done = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not set its headers synchronously');
  return { set: [...set], removed: [...removed] };
}
