import express, { Router } from 'express';
import { AppError } from '../errors';
import type { AuthorApi, AuthorTools } from '../author/author-api';

/**
 * The author's workbench API: `POST /author/draft` drafts a text (JSON `{text, published?,
 * language?, sourceId?}`) into a review document; `GET /author/sources/:sourceId` re-opens a loaded
 * source. Both need `Authorization: Bearer <key>` (an ingest key), checked before the body is read.
 * Loads and dry runs are `POST /bundles`.
 */
export function authorRoutes(author: AuthorApi, bodyLimit: string): Router {
  const router = Router();
  const authorize = (req: express.Request, res: express.Response, next: express.NextFunction) => {
    res.locals.author = author.authorize(req.headers.authorization);
    next();
  };
  const toolsOf = (res: express.Response) => res.locals.author as AuthorTools;
  router.post('/author/draft', authorize, express.json({ limit: bodyLimit }), async (req, res) => {
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json'))
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'POST /author/draft takes application/json: {"text": "…"}');
    res.json(await toolsOf(res).draft(req.body));
  });
  router.get('/author/sources/:sourceId', authorize, async (req, res) => {
    res.json(await toolsOf(res).open(req.params.sourceId as string));
  });
  return router;
}
