import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { launchChromium } from '../helpers/chromium';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const KEY = 'browser-key-0123456789abcdef0123456789';
const BRIEFING = readFileSync(path.join(FIXTURES_DIR, 'briefing-report.yaml'), 'utf8');
const SOURCE_ID = 'test-briefing-report';
const EVENT_ID = '2024-07-20-krivoruchko-briefs-putin';
/** A report that dates the signing 18 June and quotes it: what a reader's open details gain and lose. */
const JUNE_18 = parseYaml(readFileSync(path.join(FIXTURES_DIR, 'june-18-signing-report.yaml'), 'utf8')) as {
  source: Record<string, unknown>;
};
const JUNE_18_TEXT = readFileSync(path.join(FIXTURES_DIR, 'sources/june-18-signing-report.txt'), 'utf8');
const JUNE_18_QUOTE = 'em 18 de junho';
const SIGNING = '2024-06-19-partnership-treaty-signing';
const STATE_VISIT = '2024-06-19-putin-state-visit-to-north-korea';

describe('widgets follow the graph live', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startSeededTestServer({ INGEST_API_KEYS: `browser:${KEY}` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await retract();
    await retractJune18();
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  });
  afterEach(async () => page?.close());

  const ingest = async () => {
    const response = await fetch(`${server.base}/bundles`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', authorization: `Bearer ${KEY}` },
      body: BRIEFING,
    });
    expect(response.status).toBe(201);
  };
  const retract = () =>
    fetch(`${server.base}/bundles/${SOURCE_ID}`, { method: 'DELETE', headers: { authorization: `Bearer ${KEY}` } });
  const ingestJune18 = async () => {
    const { textFile: _file, ...source } = JUNE_18.source;
    const response = await fetch(`${server.base}/bundles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ bundle: { ...JUNE_18, source }, text: JUNE_18_TEXT }),
    });
    expect(response.status).toBe(201);
  };
  const retractJune18 = () =>
    fetch(`${server.base}/bundles/june-18-signing-report`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEY}` },
    });
  /** Opens a widget and waits until it has loaded and listens for changes. */
  const open = async (url: string) => {
    await page.goto(`${server.base}${url}`);
    await page.waitForFunction(() => (window as unknown as { timelineReady?: boolean }).timelineReady === true);
    await page.locator('#live[data-state="listening"]').waitFor({ state: 'attached' });
  };

  it('vis-timeline: an event ingested through the API appears, and goes when retracted, without a reload', async () => {
    await open('/widget/timeline?entity=vladimir-putin');
    const before = await page.textContent('#count');
    const items = page.locator(`.vis-item [data-event-id="${EVENT_ID}"]`);
    expect(await items.count()).toBe(0);

    await ingest();
    await items.waitFor();
    expect(await page.textContent('#count')).not.toBe(before);
    // Selecting the new event shows its evidence from the ingested text.
    await items.click();
    expect(await page.textContent('#details')).toContain('briefed President Vladimir Putin in Moscow');

    await retract();
    await items.waitFor({ state: 'detached' });
    expect(await page.textContent('#count')).toBe(before);
  });

  it("vis-timeline: a live update keeps the reader's zoom, window and open details, and drops a retracted source's quotes", async () => {
    await open('/widget/timeline?entity=vladimir-putin');
    await page.locator(`.vis-item button[data-event-id="${SIGNING}"]`).click();
    const details = page.locator('#details');
    await details.waitFor({ state: 'visible' });
    await page.click('#zoom-out'); // the reader's own zoom
    const witness = page.locator(`.vis-item button[data-event-id="${STATE_VISIT}"]`);
    const where = () => witness.evaluate((label) => Math.round(label.getBoundingClientRect().left));
    const before = await where();
    const loads = await page.evaluate(() => (window as unknown as { timelineLoads: number }).timelineLoads);

    await ingestJune18();
    // The open details gain the new source's date and quote, in place.
    await details.getByText(JUNE_18_QUOTE, { exact: false }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { timelineLoads: number }).timelineLoads)).toBeGreaterThan(
      loads,
    );
    expect(await details.locator('h2').textContent()).toBe('Assinatura do tratado de parceria estratégica abrangente');
    expect(await where()).toBe(before);
    expect(await page.locator(`.vis-item.vis-selected button[data-event-id="${SIGNING}"]`).count()).toBe(1);

    await retractJune18();
    // The retracted source's quotes leave the open details; the reader's view stays.
    await page.waitForFunction(
      (quote) => !(document.getElementById('details')?.textContent ?? '').includes(quote),
      JUNE_18_QUOTE,
    );
    expect(await details.isVisible()).toBe(true);
    expect(await details.locator('.date-evidence blockquote').allTextContents()).toEqual([
      'Em 19 de junho',
      'Após as negociações',
    ]);
    expect(await where()).toBe(before);
    expect(await page.locator(`.vis-item.vis-selected button[data-event-id="${SIGNING}"]`).count()).toBe(1);
  });

  it('explorer: the ingested event joins the timeline and the graph, with its people, without a reload', async () => {
    await page.goto(`${server.base}/widget/explore?entity=vladimir-putin`);
    await page.waitForFunction(() => (window as unknown as { graphReady?: boolean }).graphReady === true);
    await page.locator('#live[data-state="listening"]').waitFor({ state: 'attached' });
    const shown = () =>
      page.evaluate(() => (window as unknown as { explorer: { shown(): string[] } }).explorer.shown());
    expect(await shown()).not.toContain(EVENT_ID);
    await ingest();
    await page.locator(`#timeline [data-event-id="${EVENT_ID}"]`).waitFor();
    await page.waitForFunction(
      (id) => (window as unknown as { explorer: { shown(): string[] } }).explorer.shown().includes(id),
      EVENT_ID,
    );
    expect(await shown()).toEqual(expect.arrayContaining(['alexei-krivoruchko', 'moscow']));
    await retract();
    await page.locator(`#timeline [data-event-id="${EVENT_ID}"]`).waitFor({ state: 'detached' });
  });

  it('TimelineJS3: the story gains a slide for the ingested event without a reload', async () => {
    await open('/widget/timelinejs?entity=alexei-krivoruchko');
    const headline = page.locator('.tl-slide .tl-headline', { hasText: 'Krivoruchko briefs Putin' });
    expect(await headline.count()).toBe(0);
    await ingest();
    await headline.first().waitFor({ state: 'attached' });
    await retract();
    await headline.first().waitFor({ state: 'detached' });
  });
});
