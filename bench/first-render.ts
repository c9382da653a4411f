import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/helpers/chromium';
import { startDisposableDatabase, TEST_PASSWORD } from '../test/helpers/local-neo4j';
import { startSeededTestServer } from '../test/helpers/server';

/**
 * `npm run bench:first-render`: the explorer's first render in headless Chromium, with the shipped
 * bundles seeded, as a reader's browser gets it uncompressed (Accept-Encoding: identity, as before
 * compression) and compressed (Chromium's own Accept-Encoding: brotli), on loopback and on a
 * throttled links (10 Mbit/s down and 40 ms latency; 1.6 Mbit/s and 150 ms, a slow mobile link). Per load: the bytes on the wire (bodies and
 * headers, the live event stream aside) and the time from navigation to the explorer's ready
 * signal (`window.graphReady`). Each load is a fresh browser context (empty cache); modes alternate
 * run by run; medians of RUNS loads. Writes docs/bench/first-render.json.
 */
const RUNS = 5;
const PAGE = '/widget/explore';
const NETWORKS = {
  loopback: null,
  '10 Mbit/s, 40 ms': { latency: 40, downloadThroughput: 1_250_000, uploadThroughput: 625_000 },
  '1.6 Mbit/s, 150 ms': { latency: 150, downloadThroughput: 200_000, uploadThroughput: 100_000 },
} as const;
const ENCODINGS = { uncompressed: 'identity', compressed: null } as const;

/** Stamps `window.readyAt` when the explorer sets `window.graphReady`. */
const READY_STAMP = `(() => {
  let ready = false;
  Object.defineProperty(window, 'graphReady', {
    configurable: true,
    get: () => ready,
    set: (value) => {
      if (value && window.readyAt === undefined) window.readyAt = performance.now();
      ready = value;
    },
  });
})();`;

interface Load {
  bytes: number;
  readyMs: number;
  encodings: string[];
}

async function load(
  browser: Browser,
  url: string,
  encoding: string | null,
  network: (typeof NETWORKS)[keyof typeof NETWORKS],
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (encoding) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encoding } });
  if (network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  let bytes = 0;
  const encodings = new Set<string>();
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (bytes += event.encodedDataLength));
  cdp.on('Network.responseReceived', (event: { response: { headers: Record<string, string> } }) => {
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    encodings.add(headers['content-encoding'] ?? 'none');
  });
  // The moment the explorer says it is ready, stamped by the page itself.
  // (a string: tsx's helpers in a compiled function do not exist in the page)
  await page.addInitScript(READY_STAMP);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { readyAt?: number }).readyAt !== undefined, null, {
    timeout: 60_000,
  });
  const readyMs = await page.evaluate(() => (window as unknown as { readyAt: number }).readyAt);
  await context.close();
  return { bytes, readyMs, encodings: [...encodings].sort() };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  // It takes no arguments: anything given is a mistake to name, not to ignore for minutes of measuring.
  if (process.argv.length > 2) {
    console.error(
      `bench:first-render takes no arguments (given: ${process.argv.slice(2).join(' ')})\nusage: npm run bench:first-render`,
    );
    process.exit(1);
  }
  const database = await startDisposableDatabase('first-render');
  const server = await startSeededTestServer({ NEO4J_URI: database.neo4j.boltUri, NEO4J_PASSWORD: TEST_PASSWORD });
  const browser = await launchChromium();
  const results: Record<string, Record<string, { medianKb: number; medianReadyMs: number; runs: Load[] }>> = {};
  try {
    await load(browser, `${server.base}${PAGE}`, null, null); // warm the server's caches and Neo4j
    for (const [networkName, network] of Object.entries(NETWORKS)) {
      const runs: Record<string, Load[]> = { uncompressed: [], compressed: [] };
      for (let run = 0; run < RUNS; run += 1)
        for (const [name, encoding] of Object.entries(ENCODINGS))
          runs[name]?.push(await load(browser, `${server.base}${PAGE}`, encoding, network));
      results[networkName] = Object.fromEntries(
        Object.entries(runs).map(([name, loads]) => [
          name,
          {
            medianKb: Math.round(median(loads.map((l) => l.bytes)) / 1024),
            medianReadyMs: Math.round(median(loads.map((l) => l.readyMs))),
            runs: loads.map((l) => ({ ...l, readyMs: Math.round(l.readyMs) })),
          },
        ]),
      );
      for (const [name, result] of Object.entries(results[networkName] ?? {}))
        console.log(
          `${networkName}, ${name}: ${result.medianKb} KB transferred, ready in ${result.medianReadyMs} ms (median of ${RUNS}; encodings ${[...new Set(result.runs.flatMap((r) => r.encodings))].join('/')})`,
        );
    }
  } finally {
    await browser.close();
    await server.close();
    await database.close();
  }
  const file = path.resolve(__dirname, '../docs/bench/first-render.json');
  writeFileSync(file, `${JSON.stringify({ page: PAGE, runs: RUNS, chromium: 'headless', results }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
