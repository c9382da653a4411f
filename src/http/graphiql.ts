import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { EXAMPLE_QUERIES } from '../graphql/examples';
import { packageFile } from '../paths';

/** Files GraphiQL needs, served from node_modules (no CDN); the name is the URL's last segment. */
const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  'react.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Event-timeline graph · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css">
  <style>
    body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    /* GraphiQL's light theme, darkened to WCAG AA contrast (4.5:1) on its white background. */
    .graphiql-container, .CodeMirror-info, .CodeMirror-lint-tooltip, .graphiql-dialog, .graphiql-dialog-overlay,
    .graphiql-tooltip, [data-radix-popper-content-wrapper] {
      --color-primary: 320, 95%, 33%; --color-secondary: 242, 51%, 45%; --color-tertiary: 188, 100%, 24%;
      --color-info: 208, 100%, 32%; --color-success: 158, 100%, 23%; --color-warning: 30, 100%, 30%;
      --alpha-secondary: 0.92; --alpha-tertiary: 0.8;
    }
  </style>
</head>
<body>
  <h1 class="visually-hidden">Event-timeline graph: GraphiQL, the GraphQL IDE</h1>
  <main id="graphiql">Loading GraphiQL…</main>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/start.js"></script>
</body>
</html>
`;

/** Starts GraphiQL with one tab per example query (a separate file, so no inline script is needed). */
const START_SCRIPT = `(function () {
  var examples = ${JSON.stringify(EXAMPLE_QUERIES)};
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    defaultTabs: examples.map(function (example) { return { query: example.query }; })
  }));
  // GraphiQL's editors are CodeMirror textareas without a name: name them for screen readers.
  function nameEditors() {
    document.querySelectorAll('.graphiql-container textarea:not([aria-label])').forEach(function (area) {
      var tool = area.closest('.graphiql-editor-tool');
      var tools = tool ? Array.prototype.slice.call(tool.querySelectorAll('.graphiql-editor')) : [];
      var name = area.closest('.graphiql-query-editor') ? 'Query editor'
        : area.closest('.result-window') || area.readOnly ? 'Result'
        : tools.indexOf(area.closest('.graphiql-editor')) === 1 ? 'Request headers (JSON)'
        : 'Query variables (JSON)';
      area.setAttribute('aria-label', name);
    });
  }
  new MutationObserver(nameEditors).observe(document.getElementById('graphiql'), { childList: true, subtree: true });
})();
`;

/** `/graphiql`: the GraphiQL IDE for people, with the example queries preloaded. */
export function graphiqlRoutes(): Router {
  const router = Router();
  const cache = new Map<string, Buffer>();
  router.get('/graphiql', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/graphiql/assets/start.js', (_req, res) => {
    res.type('text/javascript').send(START_SCRIPT);
  });
  router.get('/graphiql/assets/:file', (req, res, next) => {
    const asset = ASSETS[req.params.file];
    if (!asset) return next();
    if (!cache.has(asset.file)) cache.set(asset.file, readFileSync(asset.file));
    res.type(asset.type).set('cache-control', 'public, max-age=86400').send(cache.get(asset.file));
  });
  return router;
}
