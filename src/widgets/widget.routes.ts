import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { packageFile } from '../paths';
import type { TimelineFilterInput } from '../services/timeline.service';
import { parseFeedQuery } from '../feeds/feed-query';
import { escapeHtml } from '../feeds/describe';

/** Beside this module, in src/ as in dist/ (the build copies them). */
const WIDGET_ASSETS_DIR = path.join(__dirname, 'assets');

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
  'timeline-window.js': { file: path.join(WIDGET_ASSETS_DIR, 'timeline-window.js'), type: 'text/javascript' },
  'explore.js': { file: path.join(WIDGET_ASSETS_DIR, 'explore.js'), type: 'text/javascript' },
  'explore.css': { file: path.join(WIDGET_ASSETS_DIR, 'explore.css'), type: 'text/css' },
  'vis-network.js': {
    file: packageFile('vis-network', 'standalone/umd/vis-network.min.js'),
    type: 'text/javascript',
  },
};

/** TimelineJS3's build (script, styles, locales, fonts) as npm ships it; it loads its locale at run time. */
const TIMELINEJS_DIST = packageFile('@knight-lab/timelinejs', 'dist');

/**
 * `/widget/timeline` (vis-timeline), `/widget/timelinejs` (TimelineJS3) and `/widget/explore`
 * (timeline and graph, linked) with the feeds' parameters: `?entity=…&from=…&to=…&type=…&place=…&groupBy=type|entity`: an embeddable
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
          '/widget/assets/timeline-window.js',
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
  router.get('/widget/explore', (req, res) => {
    // The explorer's own parameters (what is selected) beside the feed's (what is shown).
    const { focus: _focus, event: _event, connect: _connect, ...feedParameters } = req.query as Record<string, unknown>;
    const { title, filter } = parseFeedQuery(feedParameters);
    res.type('html').send(
      renderPage(
        title,
        ['/widget/assets/vis-timeline.css', '/widget/assets/widget.css', '/widget/assets/explore.css'],
        [
          '/widget/assets/vis-timeline.js',
          '/widget/assets/vis-network.js',
          '/widget/assets/follow-feed.js',
          '/widget/assets/event-details.js',
          '/widget/assets/timeline-window.js',
          '/widget/assets/explore.js',
        ],
        `
  ${liveHolder(filter)}
  <header><h1>${escapeHtml(title)}</h1><span class="count" id="count"></span></header>
  <div class="explore-tools">
    <form id="connect"><label for="connect-from">Connect</label> <select id="connect-from"></select>
      <label for="connect-to">and</label> <select id="connect-to"></select> <button type="submit">Show path</button></form>
    <span id="focus-bar" hidden>Events of <strong id="focus"></strong> <button type="button" id="clear-focus">All events</button></span>
  </div>
  <div id="status">Loading…</div>
  <div id="timeline"></div>
  <div class="explore-main">
    <div id="graph" role="img" aria-label="The graph of the events in the timeline and who and what they involve"></div>
    <section id="details" aria-live="polite" hidden></section>
  </div>`,
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
