import express, { Router, type Request } from 'express';
import { AppError, badUserInput } from '../errors';
import type { BundleApi, BundleWrites, IngestRequest } from '../ingest/bundle-api';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/**
 * The write path. `POST /bundles` loads one bundle: a YAML body is the bundle; a JSON body is the
 * bundle, or `{bundle, text?, dryRun?}` with the bundle as an object or as YAML/JSON text.
 * `?dryRun=true` validates and reports without writing. `DELETE /bundles/:sourceId` retracts a
 * source. Both need `Authorization: Bearer <key>`, which the write service checks before the body
 * is read.
 */
export function bundleRoutes(bundles: BundleApi, bodyLimit: string): Router {
  const router = Router();
  const authorize = (req: Request, res: express.Response, next: express.NextFunction) => {
    res.locals.writes = bundles.authorize(req.headers.authorization);
    next();
  };
  const writesOf = (res: express.Response) => res.locals.writes as BundleWrites;
  router.post(
    '/bundles',
    authorize,
    express.text({ type: [...YAML_TYPES, 'application/json'], limit: bodyLimit }),
    async (req, res) => {
      const report = await writesOf(res).ingest(ingestRequestOf(req));
      res.status(report.dryRun ? 200 : 201).json(report);
    },
  );
  router.delete('/bundles/:sourceId', authorize, async (req, res) => {
    res.json(await writesOf(res).retract(req.params.sourceId as string));
  });
  return router;
}

/** The bundle, source text and dry-run flag of a POST /bundles body. */
function ingestRequestOf(req: Request): IngestRequest {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (typeof req.body !== 'string' || req.body.trim() === '') {
    if (!YAML_TYPES.some((yaml) => type.startsWith(yaml)) && !type.startsWith('application/json'))
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'POST /bundles takes application/yaml or application/json');
    throw new AppError('BAD_REQUEST', 'Missing body: send the bundle as YAML or JSON');
  }
  const dryRun = dryRunOf(req.query.dryRun);
  if (!type.startsWith('application/json')) return { bundle: req.body, dryRun };
  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    throw new AppError('BAD_REQUEST', 'The body is not valid JSON');
  }
  if (typeof json === 'object' && json !== null && 'bundle' in json) {
    const envelope = json as { bundle: unknown; text?: unknown; dryRun?: unknown };
    if (envelope.text !== undefined && typeof envelope.text !== 'string')
      throw badUserInput('text must be a string', 'text');
    return {
      bundle: envelope.bundle,
      text: envelope.text,
      dryRun: dryRun || dryRunOf(envelope.dryRun),
    };
  }
  return { bundle: json, dryRun };
}

function dryRunOf(value: unknown): boolean {
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true' || value === '') return true;
  throw badUserInput('dryRun is true or false', 'dryRun');
}
