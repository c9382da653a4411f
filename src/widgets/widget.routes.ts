import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { packageFile } from '../paths';
import type { TimelineFilterInput } from '../services/timeline.service';
import { parseFeedQuery } from './feed-query';
import { escapeHtml } from './describe';

/** Beside this module, in src/ as in dist/ (the build copies them). */
export const WIDGET_ASSETS_DIR = path.join(__dirname, 'assets');

/** Files of the widget page: vis-timeline from npm, the page's own script and style. */
const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  'vis-timeline.js': {
    file: packageFile('vis-timeline', 'standalone/umd/vis-timeline-graph2d.min.js'),
    type: 'text/javascript',
  },
  'vis-timeline.css': { file: packageFile('vis-timeline', 'styles/vis-timeline-graph2d.min.css'), type: 'text/css' },
  'widget.js': { file: path.join(WIDGET_ASSETS_DIR, 'widget.js'), type: 'text/javascript' },
  'widget.css': { file: path.join(WIDGET_ASSETS_DIR, 'widget.css'), type: 'text/css' },
  'timelinejs-page.js': { file: path.join(WIDGET_ASSETS_DIR, 'timelinejs-page.js'), type: 'text/javascript' },
  'follow-feed.js': { file: path.join(WIDGET_ASSETS_DIR, 'follow-feed.js'), type: 'text/javascript' },
  'event-details.js': { file: path.join(WIDGET_ASSETS_DIR, 'event-details.js'), type: 'text/javascript' },
};

/** TimelineJS3's build (script, styles, locales, fonts) as npm ships it; it loads its locale at run time. */
const TIMELINEJS_DIST = packageFile('@knight-lab/timelinejs', 'dist');

/**
 * `/widget/timeline` (vis-timeline) and `/widget/timelinejs` (TimelineJS3) with the feeds'
 * parameters: `?entity=…&from=…&to=…&type=…&place=…&groupBy=type|entity`: an embeddable
 * timeline page (vis-timeline); the parameters are those of the feeds.
 */
export function widgetRoutes(): Router {
  const router = Router();
  const cache = new Map<string, Buffer>();
  router.get('/widget/timeline', (req, res) => {
    const { title, filter } = parseFeedQuery(req.query);
    res.type('html').send(
      renderPage(
        title,
        ['/widget/assets/vis-timeline.css', '/widget/assets/widget.css'],
        [
          '/widget/assets/vis-timeline.js',
          '/widget/assets/follow-feed.js',
          '/widget/assets/event-details.js',
          '/widget/assets/widget.js',
        ],
        `
  ${liveHolder(filter)}
  <header><h1>${escapeHtml(title)}</h1><span class="count" id="count"></span></header>
  <div id="status">Loading…</div>
  <div id="timeline"></div>
  <section id="details" aria-live="polite" hidden></section>`,
      ),
    );
  });
  router.get('/widget/timelinejs', (req, res) => {
    const { title, filter } = parseFeedQuery(req.query);
    res.type('html').send(
      renderPage(
        title,
        ['/vendor/timelinejs/css/timeline.css', '/widget/assets/widget.css'],
        ['/vendor/timelinejs/js/timeline.js', '/widget/assets/follow-feed.js', '/widget/assets/timelinejs-page.js'],
        `
  ${liveHolder(filter)}
  <div id="status">Loading…</div>
  <div id="timeline-embed"></div>`,
      ),
    );
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

/** The page's selection as the timelineChanged subscription takes it (read by follow-feed.js; no inline script). */
function liveHolder(filter: TimelineFilterInput): string {
  return `<div id="live" hidden data-filter="${escapeHtml(JSON.stringify(filter))}"></div>`;
}

/** A widget page: no inline script or style, so a strict Content-Security-Policy allows it. */
function renderPage(title: string, styles: readonly string[], scripts: readonly string[], body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
${styles.map((href) => `  <link rel="stylesheet" href="${href}">`).join('\n')}
</head>
<body>${body}
${scripts.map((src) => `  <script src="${src}"></script>`).join('\n')}
</body>
</html>
`;
}
