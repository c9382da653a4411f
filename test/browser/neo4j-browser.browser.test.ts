import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, screenshotDir } from '../helpers/chromium';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const SCREENSHOTS = screenshotDir();

/**
 * Neo4j Browser as served by the local Neo4j's HTTP connector. Runs when the global setup
 * started that server (its HTTP port is known); against an external NEO4J_URI it is skipped.
 */
const local = process.env.TEST_NEO4J_HTTP_URL;
const describeWithLocalNeo4j = local ? describe : describe.skip;

describeWithLocalNeo4j('Neo4j Browser on the seeded graph', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startSeededTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function run(command: string): Promise<void> {
    await page.getByTestId('activeEditor').click();
    await page.keyboard.type(command);
    await page.getByTestId('editor-Run').click();
  }

  /**
   * Runs a command that fetches remote content until `shown` appears. Right after connecting,
   * Browser may not yet have read the server's allow-list and refuses the host once.
   */
  async function runUntilShown(command: string, shown: Locator): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      await run(command);
      try {
        await shown.waitFor({ timeout: 5000 });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
      }
    }
  }

  it('opens from the local server and connects over Bolt', async () => {
    await page.goto(`${local}/browser/`);
    const bolt = new URL(process.env.NEO4J_URI as string);
    await page.getByTestId('bolt-scheme-select').selectOption('bolt://');
    await page.getByTestId('boltaddress').fill(bolt.host);
    await page.getByTestId('username').fill(process.env.NEO4J_USER ?? 'neo4j');
    await page.getByTestId('password').fill(process.env.NEO4J_PASSWORD as string);
    await page.getByTestId('connect').click();
    await page.getByText('You are connected as user').waitFor();
  });

  it('loads the style from the service and draws the treaty with captions from names and titles', async () => {
    await runUntilShown(`:style ${server.base}/neo4j-browser/style.grass`, page.getByText('node.Event').first());
    await run(
      `MATCH (t:Agreement {id: 'comprehensive-strategic-partnership-treaty'})-[r]-(x) WHERE NOT x:Source RETURN t, r, x`,
    );
    const nodes = page.locator('svg g.node');
    await nodes.nth(5).waitFor();
    const captions = (await nodes.allTextContents()).map((caption) => caption.trim());
    expect(captions).toEqual(expect.arrayContaining(['Kim Jong Un', 'Vladimir Putin', 'Rússia', 'Coreia do Norte']));
    expect(captions.some((caption) => caption.startsWith('Assinatura do tratado'))).toBe(true);
    // The 5 relationships returned, plus those Browser adds between the nodes shown (LED_BY, PARTICIPATED_IN).
    expect(await page.locator('svg g.relationship').count()).toBe(9);
    // The style's colours: people blue, events orange.
    const fills = await nodes.evaluateAll((elements) =>
      elements.flatMap((element) =>
        [...element.querySelectorAll('circle')].map((circle) => getComputedStyle(circle).fill),
      ),
    );
    // #4C8EDA (Person), #F79767 (Event), #FFC454 (Agreement)
    expect(fills).toEqual(expect.arrayContaining(['rgb(76, 142, 218)', 'rgb(247, 151, 103)', 'rgb(255, 196, 84)']));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'neo4j-browser.png') });
  });

  it('plays the guide from the service, with runnable queries', async () => {
    await runUntilShown(
      `:play ${server.base}/neo4j-browser/guide.html`,
      page.getByText('The event-timeline graph').first(),
    );
    expect(await page.locator('pre.runnable').count()).toBeGreaterThanOrEqual(2);
  });
});
