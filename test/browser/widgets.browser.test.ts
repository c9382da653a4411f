import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, overlappingTexts, screenshotDir } from '../helpers/chromium';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const SCREENSHOTS = screenshotDir();

describe('timeline widgets in a real browser', () => {
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
    page = await browser.newPage({ viewport: { width: 960, height: 640 } });
  });
  afterEach(async () => page?.close());

  /** Event ids of the selection, in timeline order, from the API itself. */
  async function expectedOrder(filter: Record<string, unknown>): Promise<string[]> {
    const { body } = await server.graphql(
      `query ($f: TimelineFilter) { timeline(filter: $f, first: 100) { nodes { id } } }`,
      { f: filter },
    );
    return body.data?.timeline.nodes.map((node: { id: string }) => node.id);
  }

  /** Waits until TimelineJS3's time strip has laid out and stopped gliding (no marker moved for 10 frames). */
  async function timelineJsStripStill(): Promise<void> {
    await page.waitForFunction(
      () => {
        const state = window as unknown as { stripFrames?: number; stripLast?: string };
        const now = [...document.querySelectorAll('.tl-timemarker, .tl-timenav-slider, .tl-timeaxis-tick')]
          .map((element) => `${Math.round(element.getBoundingClientRect().left)}:${getComputedStyle(element).opacity}`)
          .join(',');
        state.stripFrames = now === state.stripLast ? (state.stripFrames ?? 0) + 1 : 0;
        state.stripLast = now;
        return state.stripFrames >= 10;
      },
      undefined,
      { polling: 'raf', timeout: 15_000 },
    );
  }

  /** The event ids of the rendered vis-timeline items, ordered by their position on the time axis. */
  async function renderedOrder(): Promise<string[]> {
    const items = await page.$$eval('.vis-item.tl-event [data-event-id]', (elements) =>
      elements.map((element) => ({
        id: element.getAttribute('data-event-id') as string,
        left: (element.closest('.vis-item') as HTMLElement).getBoundingClientRect().left,
      })),
    );
    // Items starting on the same day are stacked; their order then follows the feed.
    return items
      .map((item, index) => ({ ...item, index }))
      .sort((a, b) => a.left - b.left || a.index - b.index)
      .map((item) => item.id);
  }

  it('renders one vis-timeline item per event of the selection, in date order', async () => {
    const expected = await expectedOrder({ entityIds: ['kim-jong-un'] });
    // The summit and the cooperation signing through North Korea among them.
    expect(expected).toHaveLength(6);
    await page.goto(`${server.base}/widget/timeline?entity=kim-jong-un&title=Kim%20Jong%20Un`);
    await page.waitForFunction(() => (window as unknown as { timelineReady?: boolean }).timelineReady === true);
    expect(await renderedOrder()).toEqual(expected);
    expect(await page.textContent('#count')).toBe('6 events');
  });

  it('shows the participants, place and quoted evidence with its source link when an event is clicked', async () => {
    await page.goto(`${server.base}/widget/timeline?from=2024-07&title=July%202024`);
    await page.waitForFunction(() => (window as unknown as { timelineReady?: boolean }).timelineReady === true);
    expect(await renderedOrder()).toEqual(await expectedOrder({ from: '2024-07' }));
    await page.click('.vis-item.tl-event:has([data-event-id="2024-07-18-kim-receives-russian-military-delegation"])');
    const details = page.locator('#details');
    await details.waitFor({ state: 'visible' });
    expect(await details.locator('h2').textContent()).toBe(
      'Kim Jong Un recebe a delegação militar russa liderada por Alexei Krivoruchko',
    );
    expect(await details.locator('.meta').textContent()).toBe('Meeting · 18 July 2024 (year inferred) · Pyongyang');
    expect(await details.locator('.participants li').allTextContents()).toEqual([
      'guest: Alexei Krivoruchko',
      'guest: delegação militar russa',
      'host: Kim Jong Un',
    ]);
    // The event's evidence (the date's own evidence is a section of its own, before it).
    expect(await details.locator(':scope > blockquote').first().textContent()).toBe(
      'Em 18 de julho, o líder norte-coreano Kim Jong Un recebeu uma delegação militar russa',
    );
    expect(await details.locator('.date-evidence blockquote').first().textContent()).toBe('Em 18 de julho');
    expect(await details.locator(':scope > .source a').first().getAttribute('href')).toBe(
      'https://baoquocte.vn/phai-doan-quan-su-nga-tham-trieu-tien-279309.html',
    );
    await page.mouse.move(5, 630); // away from the items, so no tooltip covers the screenshot
    await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-timeline.png') });
  });

  it('fits a narrow iframe on another site', async () => {
    // A page of another origin that embeds the widget, as a publisher's site would.
    const embedder = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(
        `<iframe src="${server.base}/widget/timeline?entity=russia&groupBy=type" width="340" height="480"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => embedder.listen(0, '127.0.0.1', resolve));
    await page.goto(`http://localhost:${(embedder.address() as AddressInfo).port}/`);
    const frame = page.frameLocator('iframe');
    // Too narrow for an axis: the events are listed, in time order.
    await frame.locator('.tl-card').first().waitFor();
    const width = await frame
      .locator('body')
      .evaluate((body) => ({ scroll: body.scrollWidth, client: body.clientWidth }));
    expect(width.scroll).toBeLessThanOrEqual(width.client);
    const listed = await frame
      .locator('.tl-card')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-event-id')));
    expect(listed).toEqual(await expectedOrder({ entityIds: ['russia'] }));
    await new Promise((resolve) => embedder.close(resolve));
  });

  /** Labels of the first view that do not show whole: cut by their box or by the axis' edges. */
  async function clippedLabels(): Promise<string[]> {
    return page.$$eval('#timeline .vis-item.tl-event', (items) => {
      const panel = document.querySelector('#timeline .vis-panel.vis-center') as HTMLElement;
      const edge = panel.getBoundingClientRect();
      return items.flatMap((item) => {
        const label = item.querySelector('[data-event-id]');
        if (!label) return []; // a point's dot, drawn as an item of its own
        const box = label.getBoundingClientRect();
        const content = item.querySelector('.vis-item-content') as HTMLElement;
        const cut = content.scrollWidth > content.clientWidth + 1 || box.right > edge.right + 1;
        // A range reaching back past the window's start shows its label from the edge: not cut.
        return cut ? [label.textContent as string] : [];
      });
    });
  }

  it.each([
    ['the whole article', '/widget/timeline'],
    ['Kim Jong Un by entity', '/widget/timeline?entity=kim-jong-un&groupBy=entity'],
    ['Russia by type', '/widget/timeline?entity=russia&groupBy=type'],
  ])('shows %s at 1280 px with no label cut, fitted to the events known to the day or month', async (_, url) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${server.base}${url}`);
    await page.waitForFunction(() => (window as unknown as { timelineReady?: boolean }).timelineReady === true);
    expect(await clippedLabels()).toEqual([]);
    // The 18 July meeting, the article's news, is inside the first view, label and all.
    const meeting = page.locator('[data-event-id="2024-07-18-kim-receives-russian-military-delegation"]').first();
    const inside = await meeting.evaluate((label) => {
      const edge = (document.querySelector('#timeline .vis-panel.vis-center') as HTMLElement).getBoundingClientRect();
      const box = label.getBoundingClientRect();
      return box.left >= edge.left && box.right <= edge.right && box.width > 0;
    });
    expect(inside).toBe(true);
  });

  it('names event types for readers, in English or Portuguese', async () => {
    await page.goto(`${server.base}/widget/timeline?entity=russia&groupBy=type`);
    await page.waitForFunction(() => (window as unknown as { timelineReady?: boolean }).timelineReady === true);
    expect(await page.locator('.vis-label').allTextContents()).toContain('State visit');
    await page.goto(`${server.base}/widget/timeline?entity=russia&groupBy=type&lang=pt`);
    await page.waitForFunction(() => (window as unknown as { timelineReady?: boolean }).timelineReady === true);
    expect(await page.locator('.vis-label').allTextContents()).toContain('Visita de Estado');
  });

  it('lists the events at 360 px, no text over another, and shows a tapped event', async () => {
    await page.setViewportSize({ width: 360, height: 720 });
    await page.goto(`${server.base}/widget/timeline?entity=kim-jong-un&groupBy=entity`);
    await page.waitForFunction(() => (window as unknown as { timelineReady?: boolean }).timelineReady === true);
    // Kim's six events: the summit and the cooperation signing through North Korea among them.
    expect(await page.locator('.tl-card').count()).toBe(6);
    expect(await overlappingTexts(page)).toEqual([]);
    await page.locator('.tl-card').last().click();
    await page.locator('#details').waitFor({ state: 'visible' });
    expect(await overlappingTexts(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-timeline-360.png'), fullPage: true });
  });

  it('says so when the selection is bad, instead of failing silently', async () => {
    // A malformed date is dropped with an alert; the rest of the link's selection is shown.
    await page.goto(`${server.base}/widget/timeline?from=2024-13&entity=kim-jong-un&fbclid=IwAR0x`);
    expect(await page.getByRole('alert').textContent()).toContain('from=“2024-13” is not a date');
    await page.waitForFunction(() => (window as unknown as { timelineReady?: boolean }).timelineReady === true);
    expect(await page.textContent('#count')).toBe(
      `${(await expectedOrder({ entityIds: ['kim-jong-un'] })).length} events`,
    );
    // An id the graph does not hold: the feed's refusal, as an alert.
    await page.goto(`${server.base}/widget/timeline?entity=nobody`);
    await page.locator('#status.error[role="alert"]').waitFor();
    expect(await page.textContent('#status')).toContain('nobody');
  });

  it('feeds the TimelineJS3 JSON to the real TimelineJS3 library: a title slide plus one slide per event', async () => {
    const { body } = await server.graphql(`{ timelineJs(title: "Russia and North Korea") { events { unique_id } } }`);
    const events = body.data?.timelineJs.events as { unique_id: string }[];
    expect(events).toHaveLength(9);
    await page.goto(`${server.base}/widget/timelinejs?title=Russia%20and%20North%20Korea`);
    await page.waitForFunction(() => document.querySelectorAll('.tl-slide').length > 0);
    expect(await page.locator('.tl-slide').count()).toBe(events.length + 1);
    expect(await page.locator('.tl-timemarker').count()).toBe(events.length);
    expect(await page.locator('.tl-slide-titleslide .tl-headline').first().textContent()).toBe(
      'Russia and North Korea',
    );
    await timelineJsStripStill();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-timelinejs.png') });
    // Narrow: the slide's text stays clear of the time strip below it, the tracks read as types.
    await page.setViewportSize({ width: 360, height: 720 });
    await page.goto(`${server.base}/widget/timelinejs?entity=kim-jong-un`);
    await page.waitForFunction(() => document.querySelectorAll('.tl-slide').length > 0);
    await page.locator('.tl-slidenav-next').first().click();
    // The slider glides to the first event's slide: wait until that slide stands where the title slide stood.
    await page.waitForFunction(() => {
      const view = document.querySelector('.tl-slider-container-mask') as HTMLElement;
      const slide = document.querySelector('.tl-slide:not(.tl-slide-titleslide)') as HTMLElement;
      return Math.abs(slide.getBoundingClientRect().left - view.getBoundingClientRect().left) < 1;
    });
    // The slide is a scrolling box that ends where the strip begins: its text scrolls, never under the strip.
    const slide = await page.evaluate(() => {
      const current = document.querySelector('.tl-slide:not(.tl-slide-titleslide)') as HTMLElement;
      const strip = document.querySelector('.tl-timenav') as HTMLElement;
      return {
        bottom: current.getBoundingClientRect().bottom,
        strip: strip.getBoundingClientRect().top,
        scrolls: getComputedStyle(current).overflowY,
      };
    });
    expect(slide.bottom).toBeLessThanOrEqual(slide.strip + 1);
    expect(slide.scrolls).toBe('auto');
    expect(await page.locator('.tl-timegroup-message').allTextContents()).toEqual(
      expect.arrayContaining(['Signing', 'State visit']),
    );
    await timelineJsStripStill();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-timelinejs-360.png') });
  });
});
