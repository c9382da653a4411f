import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { packageFile } from '../paths';
import { parsePageQuery, type PageQuery } from '../feeds/page-query';
import { escapeHtml } from '../feeds/describe';
import { parseFuzzyDate, readableDate } from '../domain/fuzzy-date';
import { EXPLORER_PARAMETERS, explorePageBody } from './explore-page';
import { TIMELINEJS_DIST, timelineJsEnglish } from './timelinejs-assets';

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
  'timelinejs-theme.css': { file: path.join(WIDGET_ASSETS_DIR, 'timelinejs-theme.css'), type: 'text/css' },
  'follow-feed.js': { file: path.join(WIDGET_ASSETS_DIR, 'follow-feed.js'), type: 'text/javascript' },
  'event-details.js': { file: path.join(WIDGET_ASSETS_DIR, 'event-details.js'), type: 'text/javascript' },
  'timeline-window.js': { file: path.join(WIDGET_ASSETS_DIR, 'timeline-window.js'), type: 'text/javascript' },
  'export-links.js': { file: path.join(WIDGET_ASSETS_DIR, 'export-links.js'), type: 'text/javascript' },
  'explore.js': { file: path.join(WIDGET_ASSETS_DIR, 'explore.js'), type: 'text/javascript' },
  'explore-kinds.js': { file: path.join(WIDGET_ASSETS_DIR, 'explore-kinds.js'), type: 'text/javascript' },
  'explore-api.js': { file: path.join(WIDGET_ASSETS_DIR, 'explore-api.js'), type: 'text/javascript' },
  'explore-search.js': { file: path.join(WIDGET_ASSETS_DIR, 'explore-search.js'), type: 'text/javascript' },
  'explore-as-of.js': { file: path.join(WIDGET_ASSETS_DIR, 'explore-as-of.js'), type: 'text/javascript' },
  'explore.css': { file: path.join(WIDGET_ASSETS_DIR, 'explore.css'), type: 'text/css' },
  'author.js': { file: path.join(WIDGET_ASSETS_DIR, 'author.js'), type: 'text/javascript' },
  'author-api.js': { file: path.join(WIDGET_ASSETS_DIR, 'author-api.js'), type: 'text/javascript' },
  'author-dom.js': { file: path.join(WIDGET_ASSETS_DIR, 'author-dom.js'), type: 'text/javascript' },
  'author-report.js': { file: path.join(WIDGET_ASSETS_DIR, 'author-report.js'), type: 'text/javascript' },
  'author-review.js': { file: path.join(WIDGET_ASSETS_DIR, 'author-review.js'), type: 'text/javascript' },
  'author.css': { file: path.join(WIDGET_ASSETS_DIR, 'author.css'), type: 'text/css' },
  'vis-network.js': {
    file: packageFile('vis-network', 'standalone/umd/vis-network.min.js'),
    type: 'text/javascript',
  },
};

/** The browser build of the YAML library the loader reads bundles with: the workbench writes the same format. */
const YAML_BROWSER = packageFile('yaml', 'browser');

/**
 * `/widget/timeline` (vis-timeline), `/widget/timelinejs` (TimelineJS3) and `/widget/explore`
 * (timeline and graph, linked), embeddable, with the feeds' parameters
 * (`?entity=…&from=…&to=…&type=…&place=…&groupBy=type|entity`); and `/author`, the author's
 * workbench (its API is src/http/author.routes.ts).
 */
export function widgetRoutes(): Router {
  const router = Router();
  const cache = new Map<string, Buffer>();
  router.get('/widget/timeline', (req, res) => {
    const query = parsePageQuery(req.query);
    const { title } = query;
    res.type('html').send(
      renderPage(
        title,
        ['/widget/assets/vis-timeline.css', '/widget/assets/widget.css'],
        [
          '/widget/assets/vis-timeline.js',
          '/widget/assets/follow-feed.js',
          '/widget/assets/event-details.js',
          '/widget/assets/timeline-window.js',
          '/widget/assets/export-links.js',
          '/widget/assets/widget.js',
        ],
        `
  ${liveHolder(query)}
  <header><h1>${escapeHtml(title)}</h1><span class="count" id="count"></span>
    <span class="tl-tools" id="tools" hidden><button type="button" id="zoom-in">Zoom in</button>
      <button type="button" id="zoom-out">Zoom out</button> <button type="button" id="zoom-fit">Fit</button></span>
    <nav class="exports" id="exports" aria-label="Export this selection" hidden></nav></header>
  <main>
  ${noticesOf(query)}${asOfBanner(query, '/widget/timeline')}
  <div id="status">Loading…</div>
  <div id="timeline"></div>
  <section id="details" hidden></section>
  </main>`,
      ),
    );
  });
  router.get('/widget/timelinejs', (req, res) => {
    const query = parsePageQuery(req.query);
    const { title } = query;
    res.type('html').send(
      renderPage(
        title,
        ['/vendor/timelinejs/css/timeline.css', '/widget/assets/widget.css', '/widget/assets/timelinejs-theme.css'],
        ['/vendor/timelinejs/js/timeline.js', '/widget/assets/follow-feed.js', '/widget/assets/timelinejs-page.js'],
        `
  ${liveHolder(query)}
  ${noticesOf(query)}${asOfBanner(query, '/widget/timelinejs')}
  <div id="status">Loading…</div>
  <div id="timeline-embed"></div>`,
      ),
    );
  });
  router.get('/widget/explore', (req, res) => {
    // The explorer's own parameters (what is selected) beside the feed's (what is shown).
    const query = parsePageQuery(req.query, EXPLORER_PARAMETERS);
    const { title } = query;
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
          '/widget/assets/explore-kinds.js',
          '/widget/assets/explore-api.js',
          '/widget/assets/explore-search.js',
          '/widget/assets/explore-as-of.js',
          '/widget/assets/export-links.js',
          '/widget/assets/explore.js',
        ],
        `
  ${liveHolder(query)}${noticesOf(query)}${explorePageBody(title, query.filter, query.wording.language, query.asOf)}`,
      ),
    );
  });
  router.get('/author', (_req, res) => {
    res
      .type('html')
      .send(
        renderPage('Author’s workbench', ['/widget/assets/author.css'], [], AUTHOR_PAGE_BODY, [
          '/widget/assets/author.js',
        ]),
      );
  });
  router.use('/vendor/yaml', express.static(YAML_BROWSER, { index: false, maxAge: '1h', fallthrough: true }));
  router.use('/vendor/timelinejs', express.static(TIMELINEJS_DIST, { index: false, maxAge: '1h', fallthrough: true }));
  const timelineJsLocale = timelineJsEnglish();
  router.get('/widget/assets/timelinejs-en.json', (_req, res) => {
    res.type('application/json').set('cache-control', 'public, max-age=3600').send(timelineJsLocale);
  });
  router.get('/widget/assets/:file', (req, res, next) => {
    const asset = ASSETS[req.params.file];
    if (!asset) return next();
    if (!cache.has(asset.file)) cache.set(asset.file, readFileSync(asset.file));
    res.type(asset.type).set('cache-control', 'public, max-age=3600').send(cache.get(asset.file));
  });
  return router;
}

/**
 * The page's selection as the timelineChanged subscription takes it, and the query string its feed
 * is asked with: the link's parameters less those the page ignored (read by follow-feed.js; no inline script).
 */
function liveHolder(query: PageQuery): string {
  // The subscription's TimelineFilter has no asOf (it is an argument of the reads): a change to the
  // selection now is what may change it as of any day, so the page reloads its as-of feed then too.
  const { asOf, ...filter } = query.filter;
  const day = asOf ? ` data-as-of="${escapeHtml(asOf)}"` : '';
  return `<div id="live" hidden data-filter="${escapeHtml(JSON.stringify(filter))}" data-query="${escapeHtml(query.feedSearch)}"${day}></div>`;
}

/**
 * The banner of a page read as of a day (`?asOf=`): which day, in the page's language, what that
 * means, and a link to the same selection now.
 */
function asOfBanner(query: PageQuery, pagePath: string): string {
  const date = query.asOf ? parseFuzzyDate(query.asOf) : undefined;
  if (!query.asOf || !date) return '';
  const language = query.wording.language;
  const now = new URLSearchParams(query.feedSearch);
  now.delete('asOf');
  const nowHref = `${pagePath}${now.size > 0 ? `?${now.toString()}` : ''}`;
  const day = readableDate(date, language);
  const [lead, rest, link] =
    language === 'pt'
      ? [`Conforme noticiado até ${day}`, 'só contam as fontes publicadas até esse dia.', 'Ver hoje']
      : [`As reported by ${day}`, 'only the sources published by that day count.', 'See it now'];
  return `
  <p class="as-of-banner" id="as-of-banner" role="note" lang="${language}" data-as-of="${escapeHtml(query.asOf)}"><strong>${escapeHtml(lead)}</strong>: ${escapeHtml(rest)} <a href="${escapeHtml(nowHref)}">${escapeHtml(link)}</a></p>`;
}

/** What the page made of a link it could not follow entirely: alerts for bad values, a note for unknown names. */
function noticesOf(query: PageQuery): string {
  return query.notices
    .map((notice) =>
      notice.severity === 'alert'
        ? `<p class="page-notice" role="alert" data-parameter="${escapeHtml(notice.parameter)}">${escapeHtml(notice.message)}</p>`
        : `<p class="page-notice page-note" role="status" data-parameter="${escapeHtml(notice.parameter)}">${escapeHtml(notice.message)}</p>`,
    )
    .join('\n  ');
}

/** A widget page: no inline script or style, so a strict Content-Security-Policy allows it. */
function renderPage(
  title: string,
  styles: readonly string[],
  scripts: readonly string[],
  body: string,
  modules: readonly string[] = [],
): string {
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
${modules.map((src) => `  <script type="module" src="${src}"></script>`).join('\n')}
</body>
</html>
`;
}

/**
 * The author's workbench (author.js fills it): a text in, its draft shown as the text with its
 * mentions, dates and event words marked, a decision per item, a dry run, a load.
 */
const AUTHOR_PAGE_BODY = `
  <header><h1>Author’s workbench</h1>
    <span class="count" id="progress"></span>
    <form id="key-form" class="key"><label for="key">Ingest key</label>
      <input id="key" type="password" autocomplete="off" placeholder="needed to draft and load" size="22"></form>
  </header>
  <main>
    <section id="intake" aria-labelledby="intake-title">
      <h2 id="intake-title">1. The text</h2>
      <form id="draft-form">
        <label for="text">Article text <span class="hint">(headline first; up to 50,000 characters)</span></label>
        <textarea id="text" rows="10" spellcheck="false"></textarea>
        <div class="row">
          <label>Published <input id="published" placeholder="from the dateline" size="12"></label>
          <label>Language <select id="language"><option value="">detect</option><option value="pt">Portuguese</option><option value="en">English</option></select></label>
          <label>Source id <input id="source-id" placeholder="from the headline" size="24"></label>
          <button type="submit" id="draft-button">Draft</button>
          <span class="status" id="draft-status" role="status"></span>
        </div>
      </form>
      <form id="open-form" class="row">
        <label>Or open a loaded source <input id="open-id" placeholder="source id" size="24"></label>
        <button type="submit" id="open-button">Open</button>
        <span class="status" id="open-status" role="status"></span>
      </form>
    </section>
    <section id="review" hidden aria-labelledby="review-title">
      <h2 id="review-title">2. Review <span class="hint" id="review-hint"></span></h2>
      <p class="keys" id="keys">Keys: <kbd>j</kbd>/<kbd>↓</kbd> next · <kbd>k</kbd>/<kbd>↑</kbd> previous · <kbd>n</kbd> next undecided ·
        <kbd>a</kbd> accept · <kbd>r</kbd> reject · <kbd>l</kbd> relabel · <kbd>e</kbd> edit · <kbd>m</kbd> merge · <kbd>Esc</kbd> back to the list</p>
      <div class="panes">
        <div class="text-pane">
          <div id="source-text" class="source-text" role="region" tabindex="0" aria-label="The text, with what the draft found marked"></div>
          <p class="hint" id="selection-hint">Select words of the text to add what the draft missed: an entity, another mention of one, an event.</p>
          <div id="selection-tools" class="row selection-tools" hidden>
            <span>“<strong id="selection-quote"></strong>”</span>
            <label>as <select id="selection-label"></select></label> <button type="button" id="add-entity">Add entity</button>
            <label>or <select id="selection-type"></select></label> <button type="button" id="add-event">Add event</button>
          </div>
        </div>
        <div class="items-pane">
          <ol id="items" role="listbox" tabindex="0" aria-label="Items to decide"></ol>
          <section id="editor" aria-live="polite"></section>
        </div>
      </div>
    </section>
    <section id="actions" hidden aria-labelledby="actions-title">
      <h2 id="actions-title">3. Load</h2>
      <p id="plan" class="plan"></p>
      <div class="row">
        <button type="button" id="dry-run-button">Dry run</button>
        <span class="status" id="dry-run-status" role="status"></span>
      </div>
      <div id="diff" class="diff"></div>
      <div class="row">
        <button type="button" id="load-button">Load</button>
        <span class="status" id="load-status" role="status"></span>
      </div>
      <div id="load-report" class="diff"></div>
      <div class="row">
        <button type="button" id="download-button">Download YAML</button>
        <button type="button" id="retract-button" hidden>Retract</button>
        <button type="button" id="discard-button">Discard</button>
        <span class="status" id="file-status" role="status"></span>
      </div>
    </section>
  </main>`;
