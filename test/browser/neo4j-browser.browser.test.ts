import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, screenshotDir } from '../helpers/chromium';
import { eventually } from '../helpers/eventually';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const SCREENSHOTS = screenshotDir();

/**
 * Neo4j Browser as served by the local Neo4j's HTTP connector. Runs when the global setup
 * started that server (its HTTP port is known); against an external NEO4J_URI it is skipped, and
 * says so.
 */
const local = process.env.TEST_NEO4J_HTTP_URL;
const SKIPPED = local
  ? null
  : 'NEO4J_URI names an external database, and only the local Neo4j started by the global setup serves Neo4j Browser here';
if (SKIPPED) console.warn(`Neo4j Browser tests skipped: ${SKIPPED}`);
const describeWithLocalNeo4j = SKIPPED ? describe.skip : describe;

/** The guide's overview query (entities and events, without calendar or sources), as the guide has it. */
const guide = readFileSync(path.resolve(__dirname, '../../src/widgets/neo4j-browser/guide.html'), 'utf8');
const OVERVIEW = (/<pre[^>]*runnable[^>]*>(MATCH \(n:Entity\|Event\)[\s\S]*?)<\/pre>/.exec(guide)?.[1] ?? '')
  .replace(/\s*\n\s*/g, ' ')
  .trim();

const PATHS =
  "MATCH p = allShortestPaths((a:Person {id: 'alexei-krivoruchko'})-[:PARTICIPATED_IN|LED_BY|MEMBER_OF|REPRESENTS|CONCERNS*..4]-(b:Person {id: 'vladimir-putin'})) RETURN p";

describeWithLocalNeo4j(`Neo4j Browser on the seeded graph${SKIPPED ? ` (skipped: ${SKIPPED})` : ''}`, () => {
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

  let settingsWereRead: () => Promise<boolean> = async () => false;

  /** The service's address as README writes it: `localhost`, on Neo4j Browser's built-in allow-list. */
  const localhostBase = (): string => server.base.replace('//127.0.0.1:', '//localhost:');

  /** The newest result frame (Browser stacks them newest first). */
  const newestFrame = (): Locator => page.getByTestId('frame').first();

  async function run(command: string): Promise<void> {
    await page.getByTestId('activeEditor').click();
    await page.keyboard.type(command);
    await page.getByTestId('editor-Run').click();
  }

  /**
   * Resolves once Browser has read the server's settings, among them the allow-list of hosts it
   * may fetch guides and styles from (until then it knows only its default list, which refuses
   * 127.0.0.1): `CALL dbms.clientConfig()` has answered over Bolt and its read transaction has
   * committed, after which Browser applies the settings. Call before the page opens its sockets.
   */
  function watchServerSettings(): () => Promise<boolean> {
    let read = false;
    page.on('websocket', (socket) => {
      let settingsSeen = false;
      socket.on('framereceived', ({ payload }) => {
        const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
        if (bytes.includes('browser.remote_content_hostname_whitelist')) settingsSeen = true;
        else if (settingsSeen && bytes.includes('bookmark')) read = true;
      });
    });
    return async () => read;
  }

  /** The caption of every node drawn, its lines joined by spaces, as Browser laid it out. */
  async function nodeCaptions(frame: Locator): Promise<string[]> {
    return frame
      .locator('svg g.node')
      .evaluateAll((nodes) =>
        nodes.map((node) =>
          [...node.querySelectorAll('text')].map((line) => (line.textContent ?? '').trim()).join(' '),
        ),
      );
  }

  /** The result frame alone on the page, the node panel folded away, the graph fitted. */
  async function showGraphAlone(frame: Locator): Promise<void> {
    await frame.getByTitle('Fullscreen', { exact: true }).click();
    const fold = frame.getByTitle('Collapse the node properties display');
    if (await fold.isVisible()) await fold.click();
    await frame.getByLabel('zoom-to-fit').click();
    await drawingStill(frame);
  }

  /**
   * Waits until the drawing stands still: the force layout has settled and the zoom has stopped
   * animating, i.e. no node or zoom transform has moved by a pixel for 20 animation frames running.
   */
  async function drawingStill(frame: Locator): Promise<void> {
    const svg = await frame.locator('svg:has(g.node)').first().elementHandle();
    await svg.evaluate((drawing) => Object.assign(drawing, { stillFrames: 0, lastTransforms: '' }));
    await page.waitForFunction(
      (drawing) => {
        const state = drawing as unknown as { stillFrames?: number; lastTransforms?: string };
        const transforms = [...drawing.querySelectorAll('[transform]')]
          .map((element) =>
            (element.getAttribute('transform') ?? '').replace(/-?\d+(\.\d+)?(e-?\d+)?/g, (n) =>
              String(Math.round(Number(n))),
            ),
          )
          .join(';');
        state.stillFrames = transforms === state.lastTransforms ? (state.stillFrames ?? 0) + 1 : 0;
        state.lastTransforms = transforms;
        return state.stillFrames >= 20;
      },
      svg,
      { polling: 'raf', timeout: 30_000 },
    );
    await svg.dispose();
  }

  it('opens from the local server with the user name filled in by the link README gives', async () => {
    const settingsRead = watchServerSettings();
    const bolt = new URL(process.env.NEO4J_URI as string);
    // README's link: `?dbms=neo4j://neo4j@<bolt address>` fills in the scheme, address and user name.
    await page.goto(`${local}/browser/?dbms=${encodeURIComponent(`neo4j://neo4j@${bolt.host}`)}`);
    await expect(page.getByTestId('bolt-scheme-select').inputValue()).resolves.toBe('neo4j://');
    await expect(page.getByTestId('boltaddress').inputValue()).resolves.toBe(bolt.host);
    await expect(page.getByTestId('username').inputValue()).resolves.toBe('neo4j');
    await page.getByTestId('password').fill(process.env.NEO4J_PASSWORD as string);
    await page.getByTestId('connect').click();
    await page.getByText('You are connected as user').waitFor();
    settingsWereRead = settingsRead;
  });

  it('applies the style with one :style right after connecting, as README says', async () => {
    // At once, before Browser may have read the server's allow-list: a `localhost` URL is on Browser's own list.
    const styleCommand = `:style ${localhostBase()}/neo4j-browser/style.grass`;
    await run(styleCommand);
    await newestFrame().getByText('node.Event').first().waitFor();
    expect(await newestFrame().getByText('node.Event').count()).toBeGreaterThan(0);
    await eventually(settingsWereRead, 30_000, "Browser reading the server's settings");
  });

  it("plays the guide from the service; its first slide's :style command is the same one step", async () => {
    await run(`:play ${localhostBase()}/neo4j-browser/guide.html`);
    await page.getByText('The event-timeline graph').first().waitFor();
    const styleCommand = `:style ${localhostBase()}/neo4j-browser/style.grass`;
    const runnable = newestFrame().locator('pre.runnable', { hasText: styleCommand });
    await expect(runnable.count()).resolves.toBe(1);
    expect(await newestFrame().locator('pre.runnable', { hasText: 'MATCH (n:Entity|Event)' }).count()).toBe(1);
  });

  it('draws the overview with whole captions, colours and sizes by label', async () => {
    expect(OVERVIEW).toContain('OPTIONAL MATCH');
    await run(OVERVIEW);
    const frame = newestFrame();
    const { records } = await server.driver.executeQuery(
      `MATCH (n:Entity|Event)
       RETURN CASE WHEN n:Event THEN n.type + ' ' + n.dateIso WHEN n:Organization THEN n.shortName ELSE n.nameEn END AS caption`,
    );
    const expected = records.map((record) => record.get('caption') as string);
    await frame
      .locator('svg g.node')
      .nth(expected.length - 1)
      .waitFor();
    const captions = await nodeCaptions(frame);
    // Whole captions: none cut short (Browser ends a cut line with "…" or silently drops the tail).
    expect(captions.filter((caption) => caption.includes('…'))).toEqual([]);
    expect([...captions].sort()).toEqual([...expected].sort());
    expect(captions).toEqual(
      expect.arrayContaining(['Alexei Krivoruchko', 'Ministry of Defence of the Russian Federation', 'Russia', 'KCNA']),
    );
    expect(captions).toEqual(expect.arrayContaining(['signing 2024-06-19', 'summit 2024-06']));

    const { records: linked } = await server.driver.executeQuery(
      'MATCH (:Entity|Event)-[r]->(:Entity|Event) RETURN count(r) AS count',
    );
    expect(await frame.locator('svg g.relationship').count()).toBe(linked[0]?.get('count').toNumber());

    // #4C8EDA (Person), #F79767 (Event), #FFC454 (Agreement), #D9C8AE (Country)
    const fills = await frame
      .locator('svg g.node circle')
      .evaluateAll((circles) => circles.map((circle) => getComputedStyle(circle).fill));
    expect(fills).toEqual(
      expect.arrayContaining(['rgb(76, 142, 218)', 'rgb(247, 151, 103)', 'rgb(255, 196, 84)', 'rgb(217, 200, 174)']),
    );
    // The hubs are drawn biggest: countries, then people.
    const radii = new Map(
      await frame
        .locator('svg g.node')
        .evaluateAll((nodes) =>
          nodes.map((node) => [
            [...node.querySelectorAll('text')].map((line) => (line.textContent ?? '').trim()).join(' '),
            Number(node.querySelector('circle.b-outline')?.getAttribute('r')),
          ]),
        ),
    );
    const radius = (caption: string): number => radii.get(caption) ?? Number.NaN;
    expect(radius('Russia')).toBeGreaterThan(radius('Vladimir Putin'));
    expect(radius('Vladimir Putin')).toBeGreaterThan(radius('Moscow'));

    await showGraphAlone(frame);
    expect((await nodeCaptions(frame)).filter((caption) => caption.includes('…'))).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'neo4j-browser.png') });
  });

  it('draws the paths from Krivoruchko to Putin at 360 px', async () => {
    await newestFrame().getByTitle('Close fullscreen', { exact: true }).click();
    await run(PATHS);
    const frame = newestFrame();
    await frame.locator('svg g.node', { hasText: 'Vladimir Putin' }).waitFor();
    await page.setViewportSize({ width: 360, height: 760 });
    await showGraphAlone(frame);
    const captions = await nodeCaptions(frame);
    expect(captions).toEqual(expect.arrayContaining(['Alexei Krivoruchko', 'Vladimir Putin']));
    expect(captions.filter((caption) => caption.includes('…'))).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'neo4j-browser-360.png') });
  });
});
