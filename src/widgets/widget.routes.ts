import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from '../paths';
import { parseFeedQuery } from './feed-query';
import { escapeHtml } from './describe';

/** Browser files live beside this module in src/ (the build does not copy them; the image does). */
export const WIDGET_ASSETS_DIR = path.join(projectRoot(), 'src', 'widgets', 'assets');

/** Files of the widget page: vis-timeline from npm, the page's own script and style. */
const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  'vis-timeline.js': { file: require.resolve('vis-timeline/standalone/umd/vis-timeline-graph2d.min.js'), type: 'text/javascript' },
  'vis-timeline.css': { file: require.resolve('vis-timeline/styles/vis-timeline-graph2d.min.css'), type: 'text/css' },
  'widget.js': { file: path.join(WIDGET_ASSETS_DIR, 'widget.js'), type: 'text/javascript' },
  'widget.css': { file: path.join(WIDGET_ASSETS_DIR, 'widget.css'), type: 'text/css' },
  'timelinejs-page.js': { file: path.join(WIDGET_ASSETS_DIR, 'timelinejs-page.js'), type: 'text/javascript' },
};

/** TimelineJS3's build (script, styles, locales, fonts) as npm ships it; it loads its locale at run time. */
const TIMELINEJS_DIST = path.join(path.dirname(require.resolve('@knight-lab/timelinejs/package.json')), 'dist');

/**
 * `/widget/timeline` (vis-timeline) and `/widget/timelinejs` (TimelineJS3) with the feeds'
 * parameters: `?entity=…&from=…&to=…&type=…&place=…&groupBy=type|entity`: an embeddable
 * timeline page (vis-timeline); the parameters are those of the feeds.
 */
export function widgetRoutes(): Router {
  const router = Router();
  const cache = new Map<string, Buffer>();
  router.get('/widget/timeline', (req, res) => {
    const { title } = parseFeedQuery(req.query);
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="/widget/assets/vis-timeline.css">
  <link rel="stylesheet" href="/widget/assets/widget.css">
</head>
<body>
  <header><h1>${escapeHtml(title)}</h1><span class="count" id="count"></span></header>
  <div id="status">Loading…</div>
  <div id="timeline"></div>
  <section id="details" aria-live="polite" hidden></section>
  <script src="/widget/assets/vis-timeline.js"></script>
  <script src="/widget/assets/widget.js"></script>
</body>
</html>
`);
  });
  router.get('/widget/timelinejs', (req, res) => {
    const { title } = parseFeedQuery(req.query);
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="/vendor/timelinejs/css/timeline.css">
  <link rel="stylesheet" href="/widget/assets/widget.css">
  <style>#timeline-embed { width: 100%; height: 100vh; }</style>
</head>
<body>
  <div id="status">Loading…</div>
  <div id="timeline-embed"></div>
  <script src="/vendor/timelinejs/js/timeline.js"></script>
  <script src="/widget/assets/timelinejs-page.js"></script>
</body>
</html>
`);
  });
  router.use('/vendor/timelinejs', express.static(TIMELINEJS_DIST, { index: false, maxAge: '1h', fallthrough: true }));
  router.get('/widget/assets/:file', (req, res, next) => {
    const asset = ASSETS[req.params.file];
    if (!asset) return next();
    if (!cache.has(asset.file)) cache.set(asset.file, readFileSync(asset.file));
    res.type(asset.type).set('cache-control', 'public, max-age=3600').send(cache.get(asset.file));
  });
  return router;
}
