import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';

/** Beside this module, in src/ as in dist/ (the build copies it). */
const PACK_DIR = path.join(__dirname, 'neo4j-browser');

/**
 * The Neo4j Browser pack: `:style <base>/neo4j-browser/style.grass` and
 * `:play <base>/neo4j-browser/guide.html`. Neo4j Browser fetches them from its own origin, so
 * these routes need CORS (see app.ts) and the server's remote-content allow-list.
 */
export function neo4jBrowserRoutes(): Router {
  const router = Router();
  const style = readFileSync(path.join(PACK_DIR, 'style.grass'), 'utf8');
  const guide = readFileSync(path.join(PACK_DIR, 'guide.html'), 'utf8');
  router.get('/neo4j-browser/style.grass', (_req, res) => {
    res.type('text/plain').send(style);
  });
  router.get('/neo4j-browser/guide.html', (req, res) => {
    const base = `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
    res.type('html').send(guide.replaceAll('{{STYLE_URL}}', `${base}/neo4j-browser/style.grass`));
  });
  return router;
}
