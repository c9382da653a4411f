import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const SELECTION = 'entity=kim-jong-un&from=2024-06&to=2024-07&order=desc&lang=pt&title=Kim';

/** The timeline widget's Export links: the page's own selection, as real links a keyboard can follow. */
describe('export links of the timeline widget', () => {
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
  afterEach(async () => page?.close());

  async function exportLinks() {
    await page.waitForSelector('#exports a');
    return page.$$eval('#exports a', (anchors) =>
      anchors.map((anchor) => ({
        text: anchor.textContent,
        name: anchor.getAttribute('aria-label'),
        href: anchor.getAttribute('href'),
        visible: anchor.getBoundingClientRect().width > 0,
      })),
    );
  }

  it.each([
    [1280, 800],
    [360, 740],
  ])(
    'at %i px offers CSV, iCalendar and JSON of the selection on the page (groupBy left out)',
    async (width, height) => {
      page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${server.base}/widget/timeline?${SELECTION}&groupBy=entity`);
      expect(await exportLinks()).toEqual([
        { text: 'CSV', name: 'Export as CSV', href: `/export/timeline.csv?${SELECTION}`, visible: true },
        { text: 'iCalendar', name: 'Export as iCalendar', href: `/export/timeline.ics?${SELECTION}`, visible: true },
        { text: 'JSON-LD', name: 'Export as JSON-LD', href: `/export/timeline.json?${SELECTION}`, visible: true },
      ]);
      for (const [format, type] of [
        ['csv', 'text/csv'],
        ['ics', 'text/calendar'],
        ['json', 'application/ld+json'],
      ] as const) {
        const response = await fetch(`${server.base}/export/timeline.${format}?${SELECTION}`);
        expect({ format, status: response.status, type: response.headers.get('content-type')?.split(';')[0] }).toEqual({
          format,
          status: 200,
          type,
        });
      }
    },
  );

  it('a keyboard reaches the CSV link and Enter downloads the selection under its name', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await page.goto(`${server.base}/widget/timeline?${SELECTION}`);
    await exportLinks();
    let focused: string | null = null;
    for (let step = 0; step < 10 && focused !== 'CSV'; step += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent ?? null);
    }
    expect(focused).toBe('CSV');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('timeline-kim-jong-un-2024-06-2024-07.csv');
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^id,title,/);
  });

  it('exportLinks takes a page’s parameters as a query string or an object, keeping only the selection', async () => {
    page = await browser.newPage();
    await page.goto(`${server.base}/widget/timeline`);
    await exportLinks();
    const links = await page.evaluate(() => {
      const exportLinks = (window as unknown as { exportLinks: (params: unknown) => { href: string }[] }).exportLinks;
      return [
        exportLinks('?focus=putin&entity=a&entity=b&utm_source=news').map((link) => link.href),
        exportLinks({ entity: ['a', 'b'], type: 'summit', connect: 'x', from: '' }).map((link) => link.href),
        exportLinks(new URLSearchParams()).map((link) => link.href),
      ];
    });
    expect(links).toEqual([
      [
        '/export/timeline.csv?entity=a&entity=b',
        '/export/timeline.ics?entity=a&entity=b',
        '/export/timeline.json?entity=a&entity=b',
      ],
      [
        '/export/timeline.csv?entity=a&entity=b&type=summit',
        '/export/timeline.ics?entity=a&entity=b&type=summit',
        '/export/timeline.json?entity=a&entity=b&type=summit',
      ],
      ['/export/timeline.csv', '/export/timeline.ics', '/export/timeline.json'],
    ]);
  });
});
