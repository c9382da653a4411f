import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, overlappingTexts, screenshotDir } from '../helpers/chromium';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const SCREENSHOTS = screenshotDir();
const MEETING = '2024-07-18-kim-receives-russian-military-delegation';

interface Explorer {
  highlighted: { event: string | null; participants: string[] };
  path: unknown;
  lit(): string[];
  shown(): string[];
  showPeriod(start: string, end: string): void;
}
type WithExplorer = { explorer: Explorer; graphReady?: boolean };

describe('the explorer: timeline and graph, linked', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startSeededTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(async () => page?.close());

  const open = async (query = '') => {
    await page.goto(`${server.base}/widget/explore${query}`);
    await page.waitForFunction(() => (window as unknown as WithExplorer).graphReady === true);
  };
  const lit = () => page.evaluate(() => (window as unknown as WithExplorer).explorer.lit().sort());

  it('highlights exactly the participants, place and agreements of the event selected in the timeline', async () => {
    await open();
    await page.click(`.vis-item.tl-event:has([data-event-id="${MEETING}"])`);
    const { body } = await server.graphql(
      `{ event(id: "${MEETING}") { participants { entity { id } } place { id } agreements { id } } }`,
    );
    const event = body.data?.event;
    const expected = [
      MEETING,
      ...event.participants.map((p: { entity: { id: string } }) => p.entity.id),
      event.place.id,
      ...event.agreements.map((a: { id: string }) => a.id),
    ].sort();
    expect(await lit()).toEqual(expected);
    expect(await page.locator('#details h2').textContent()).toBe(
      'Kim Jong Un recebe a delegação militar russa liderada por Alexei Krivoruchko',
    );
    // The selection is in the URL, so the view can be shared.
    expect(new URL(page.url()).searchParams.get('event')).toBe(MEETING);
  });

  it('draws a connection as a path with the evidence of each hop', async () => {
    await open('?connect=alexei-krivoruchko,vladimir-putin');
    await page.waitForFunction(() => (window as unknown as WithExplorer).explorer.path !== null);
    const { body } =
      await server.graphql(`{ connections(from: "alexei-krivoruchko", to: "vladimir-putin", maxHops: 4, first: 1) {
      length nodes { id } relationships { evidence { quote } } } }`);
    const [connection] = body.data?.connections ?? [];
    expect(await lit()).toEqual(connection.nodes.map((node: { id: string }) => node.id).sort());
    expect(await page.locator('#details h2').textContent()).toBe(`Connection in ${connection.length} steps`);
    expect(await page.locator('#details .hop').count()).toBe(connection.length);
    const quotes = await page.locator('#details .hop blockquote').allTextContents();
    expect(quotes).toEqual(
      connection.relationships.flatMap((relationship: { evidence: { quote: string }[] }) =>
        relationship.evidence.map((evidence) => evidence.quote),
      ),
    );
    await page.mouse.move(5, 880);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'explore.png') });
  });

  it('narrows the timeline to the events of a selected entity, and the graph to the period in view', async () => {
    await open('?focus=alexei-krivoruchko');
    const { body } = await server.graphql('{ timeline(filter: {entityIds: ["alexei-krivoruchko"]}) { nodes { id } } }');
    const expected = body.data?.timeline.nodes.map((node: { id: string }) => node.id).sort();
    await page.waitForFunction(
      (count) => document.querySelectorAll('#timeline .vis-item [data-event-id]').length === count,
      expected.length,
    );
    const shownEvents = await page
      .locator('#timeline .vis-item [data-event-id]')
      .evaluateAll((labels) => labels.map((label) => label.getAttribute('data-event-id')).sort());
    expect(shownEvents).toEqual(expected);

    // June only: the July events and the entities only they involve leave the graph.
    await open();
    await page.evaluate(() => (window as unknown as WithExplorer).explorer.showPeriod('2024-06-01', '2024-06-30'));
    const shown = await page.evaluate(() => (window as unknown as WithExplorer).explorer.shown());
    expect(shown).toContain('2024-06-19-partnership-treaty-signing');
    expect(shown).not.toContain(MEETING);
    expect(shown).not.toContain('alexei-krivoruchko');
  });

  it('fits 360 px: events listed, no text over another, an event tapped shows its details', async () => {
    await page.setViewportSize({ width: 360, height: 900 });
    await open();
    expect(await page.locator('.tl-card').count()).toBe(9);
    expect(await overlappingTexts(page)).toEqual([]);
    await page.locator(`.tl-card[data-event-id="${MEETING}"]`).click();
    await page.locator('#details').waitFor({ state: 'visible' });
    expect((await lit()).length).toBeGreaterThan(1);
    expect(await overlappingTexts(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'explore-360.png'), fullPage: true });
  });
});
