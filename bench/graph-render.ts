import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/helpers/chromium';

/**
 * `npm run bench:graph-render`: how long vis-network and cytoscape.js take to lay out and draw a
 * graph of 500 nodes in headless Chromium (the choice of the explorer's graph view). Each library
 * gets the same random graph (seeded), its own force-directed layout with default settings, and
 * the time from construction to the first frame after the layout settles. Medians of RUNS runs,
 * measured in one process; results in docs/bench/graph-render.json.
 */
const NODES = 500;
const EDGES = 900;
const RUNS = 5;

const LIBRARIES = {
  'vis-network': {
    script: require.resolve('vis-network/standalone/umd/vis-network.min.js'),
    // Resolves when physics has stabilised and the frame after it is drawn (default settings).
    render: `(graph) => new Promise((resolve) => {
      const started = performance.now();
      const network = new vis.Network(document.getElementById('graph'),
        { nodes: graph.nodes.map((n) => ({ id: n, label: n })), edges: graph.edges.map(([from, to], i) => ({ id: i, from, to })) },
        { physics: { stabilization: { iterations: 1000 } } });
      network.once('stabilizationIterationsDone', () =>
        network.once('afterDrawing', () => { const ms = performance.now() - started; network.destroy(); resolve(ms); }));
    })`,
  },
  'vis-network, 200 iterations': {
    script: require.resolve('vis-network/standalone/umd/vis-network.min.js'),
    render: `(graph) => new Promise((resolve) => {
      const started = performance.now();
      const network = new vis.Network(document.getElementById('graph'),
        { nodes: graph.nodes.map((n) => ({ id: n, label: n })), edges: graph.edges.map(([from, to], i) => ({ id: i, from, to })) },
        { physics: { solver: 'forceAtlas2Based', stabilization: { iterations: 200 } }, layout: { improvedLayout: false } });
      network.once('stabilizationIterationsDone', () =>
        network.once('afterDrawing', () => { const ms = performance.now() - started; network.destroy(); resolve(ms); }));
    })`,
  },
  cytoscape: {
    script: require.resolve('cytoscape/dist/cytoscape.min.js'),
    render: `(graph) => new Promise((resolve) => {
      const started = performance.now();
      const cy = cytoscape({ container: document.getElementById('graph'),
        elements: [...graph.nodes.map((n) => ({ data: { id: n, label: n } })),
                   ...graph.edges.map(([source, target], i) => ({ data: { id: 'e' + i, source, target } }))],
        style: [{ selector: 'node', style: { label: 'data(label)' } }],
        layout: { name: 'cose', animate: false } });
      cy.one('render', () => requestAnimationFrame(() => { const ms = performance.now() - started; cy.destroy(); resolve(ms); }));
    })`,
  },
} as const;

/** A reproducible random graph: a spanning tree (so it is connected) plus random edges. */
function randomGraph(): { nodes: string[]; edges: [string, string][] } {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const nodes = Array.from({ length: NODES }, (_, index) => `n${index}`);
  const edges: [string, string][] = nodes
    .slice(1)
    .map((node, index) => [nodes[Math.floor(random() * (index + 1))] as string, node]);
  while (edges.length < EDGES)
    edges.push([nodes[Math.floor(random() * NODES)] as string, nodes[Math.floor(random() * NODES)] as string]);
  return { nodes, edges };
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  const graph = randomGraph();
  const results: Record<string, { medianMs: number; runsMs: number[]; scriptKb: number }> = {};
  try {
    for (const [name, library] of Object.entries(LIBRARIES)) {
      const runsMs: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
        await page.setContent('<div id="graph" style="width:1280px;height:720px"></div>');
        await page.addScriptTag({ content: readFileSync(library.script, 'utf8') });
        runsMs.push(await page.evaluate(`(${library.render})(${JSON.stringify(graph)})`));
        await page.close();
      }
      const sorted = [...runsMs].sort((a, b) => a - b);
      results[name] = {
        medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] as number),
        runsMs: runsMs.map(Math.round),
        scriptKb: Math.round(statSync(library.script).size / 1024),
      };
      console.log(
        `${name}: median ${results[name]?.medianMs} ms over ${RUNS} runs (${results[name]?.runsMs.join(', ')}); ${results[name]?.scriptKb} KB`,
      );
    }
  } finally {
    await browser.close();
  }
  const file = path.resolve(__dirname, '../docs/bench/graph-render.json');
  writeFileSync(file, `${JSON.stringify({ nodes: NODES, edges: EDGES, runs: RUNS, results }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
