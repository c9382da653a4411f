import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's security headers with a Content-Security-Policy that fits the pages we serve: scripts
 * and styles only from this origin (GraphiQL, vis-timeline and TimelineJS3 set inline style
 * attributes, hence 'unsafe-inline' for styles only), and widget pages embeddable where
 * FRAME_ANCESTORS allows. Reads are public, so resources may be loaded cross-origin.
 */
export function securityHeaders(frameAncestors: string): RequestHandler {
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
