import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seriousAxeViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/chromium';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const KEY = 'timelinejs-key-0123456789abcdef01234567';
const BRIEFING = readFileSync(path.join(FIXTURES_DIR, 'briefing-report.yaml'), 'utf8');
const BRIEFING_SOURCE = 'test-briefing-report';
/** A report of 29 November 2024: Kim Jong Un's timeline then runs from June to late November. */
const BELOUSOV = readFileSync(path.join(FIXTURES_DIR, 'belousov-report.yaml'), 'utf8');
const EXCHANGE = '2024-exchange-of-senior-officers';
/** TimelineJS3's animation duration, after which timelinejs-page.js centres the strip once more. */
const LIBRARY_MOVE_MS = 1000;

interface TimelineJsWindow {
  timelineReady?: boolean;
  timelineLoads?: number;
  timeline: { current_id: string; goToId(id: string): void } | null;
}

/**
 * The TimelineJS3 page as a reader first meets it: the strip opens on the period of the events
 * with the year on its axis, an event known only to the year spans it, the library's own labels
 * pass WCAG AA contrast at 1280 and 360 px, and a live update leaves the reader on their slide.
 */
describe('the TimelineJS3 page in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startSeededTestServer({ INGEST_API_KEYS: `timelinejs:${KEY}` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await retract();
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => page?.close());

  const retract = () =>
    fetch(`${server?.base}/bundles/${BRIEFING_SOURCE}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEY}` },
    });

  /** Opens the page at a width and waits until TimelineJS3 has drawn its story. */
  async function open(width: number, query = 'title=Russia%20and%20North%20Korea'): Promise<void> {
    // bypassCSP: axe-core is injected as an inline script, which the page's policy refuses.
    page = await browser.newPage({ viewport: { width, height: width < 600 ? 720 : 800 }, bypassCSP: true });
    await page.goto(`${server.base}/widget/timelinejs?${query}`);
    await page.waitForFunction(() => (window as unknown as TimelineJsWindow).timelineReady === true);
    await page.locator('.tl-timemarker').first().waitFor();
    await timenavStill();
    // The page centres the strip again once the library's own first move has ended (its duration,
    // 1 s, and 100 ms): on a busy machine that move can start after the strip first held still.
    await page.waitForTimeout(LIBRARY_MOVE_MS + 100);
    await timenavStill();
  }

  /** Waits until the time strip has stopped gliding: no marker moved for 10 animation frames. */
  async function timenavStill(): Promise<void> {
    await page.waitForFunction(
      () => {
        const state = window as unknown as { stripFrames?: number; stripLast?: string };
        const now = [...document.querySelectorAll('.tl-timemarker, .tl-timenav-slider')]
          .map((element) => Math.round(element.getBoundingClientRect().left))
          .join(',');
        state.stripFrames = now === state.stripLast ? (state.stripFrames ?? 0) + 1 : 0;
        state.stripLast = now;
        return state.stripFrames >= 10;
      },
      undefined,
      { polling: 'raf', timeout: 15_000 },
    );
  }

  /** The axis labels in view (within the strip, not hidden by the library), left to right. */
  async function visibleAxisLabels(): Promise<string[]> {
    return page.evaluate(() => {
      const strip = (document.querySelector('.tl-timenav') as HTMLElement).getBoundingClientRect();
      const shown = (element: Element | null): boolean => {
        for (let node = element; node; node = node.parentElement) {
          const style = getComputedStyle(node);
          if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
        }
        return true;
      };
      return [...document.querySelectorAll('.tl-timeaxis-tick-text')]
        .filter((label) => {
          const box = label.getBoundingClientRect();
          return box.width > 0 && box.left >= strip.left && box.right <= strip.right && shown(label);
        })
        .sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left)
        .map((label) => (label.textContent ?? '').trim())
        .filter(Boolean);
    });
  }

  /** Whether every event's marker lies within the strip as it first shows. */
  async function markersInView(): Promise<{ inside: number; total: number }> {
    return page.evaluate(() => {
      const strip = (document.querySelector('.tl-timenav') as HTMLElement).getBoundingClientRect();
      const markers = [...document.querySelectorAll('.tl-timemarker')].map((marker) => marker.getBoundingClientRect());
      return {
        inside: markers.filter((box) => box.left >= strip.left - 1 && box.left <= strip.right + 1).length,
        total: markers.length,
      };
    });
  }

  it.each([1280, 360])('opens on the period of the events with the year on the axis (%i px)', async (width) => {
    await open(width);
    const labels = await visibleAxisLabels();
    // The year is on the axis ("Feb. 2024", or "2024" when the strip shows years), and the strip
    // does not open on the months before the first event (it showed November to February).
    expect(labels.filter((label) => label.includes('2024')).length).toBeGreaterThanOrEqual(3);
    expect(labels.filter((label) => label.includes('2023'))).toEqual([]);
    const { inside, total } = await markersInView();
    expect(total).toBe(9);
    expect(inside).toBe(total);
  });

  it.each([1280, 360])(
    'opens on the whole period when a later report widens it: every marker in the strip (%i px)',
    async (width) => {
      const loaded = await fetch(`${server.base}/bundles`, {
        method: 'POST',
        headers: { 'content-type': 'application/yaml', authorization: `Bearer ${KEY}` },
        body: BELOUSOV,
      });
      expect([200, 201]).toContain(loaded.status);
      try {
        await open(width, 'entity=kim-jong-un');
        const placed = await page.evaluate(() => {
          const strip = (document.querySelector('.tl-timenav') as HTMLElement).getBoundingClientRect();
          const starts = [...document.querySelectorAll('.tl-timemarker')].map(
            (marker) => marker.getBoundingClientRect().left,
          );
          return { strip: [strip.left, strip.right], first: Math.min(...starts), last: Math.max(...starts) };
        });
        // Before the fix the strip opened on June to September: the November events were off it.
        expect(placed.first).toBeGreaterThanOrEqual(placed.strip[0]! - 1);
        expect(placed.last).toBeLessThanOrEqual(placed.strip[1]! + 1);
      } finally {
        await fetch(`${server.base}/bundles/test-belousov-report`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${KEY}` },
        });
      }
    },
  );

  it('draws the year-only exchange as a span over 2024, dated as it is known', async () => {
    await open(1280);
    const widths = await page.evaluate(() => {
      const timespan = (text: string) =>
        [...document.querySelectorAll('.tl-timemarker')]
          .find((marker) => (marker.textContent ?? '').includes(text))
          ?.querySelector('.tl-timemarker-timespan')
          ?.getBoundingClientRect().width ?? -1;
      const axis = document.querySelector('.tl-timenav') as HTMLElement;
      return {
        exchange: timespan('Troca de um número recorde'),
        summit: timespan('Cúpula Coreia do Norte-Rússia'),
        talks: timespan('Conversações entre Vladimir Putin'),
        strip: axis.getBoundingClientRect().width,
      };
    });
    // The year spans most of the strip (which shows about the year), the month a twelfth of that,
    // the day a point.
    expect(widths.exchange).toBeGreaterThan(widths.strip * 0.6);
    expect(widths.summit).toBeGreaterThan(widths.exchange / 20);
    expect(widths.summit).toBeLessThan(widths.exchange / 6);
    expect(widths.talks).toBeLessThan(widths.summit / 10);
    await page.locator('.tl-timemarker h2', { hasText: 'Troca de um número recorde' }).click();
    await page.waitForFunction((id) => (window as unknown as TimelineJsWindow).timeline?.current_id === id, EXCHANGE);
    const date = page.locator('.tl-slide', { hasText: 'Troca de um número recorde' }).locator('.tl-headline-date');
    expect(await date.first().textContent()).toBe('2024 (year inferred)');
  });

  it.each([1280, 360])('passes axe at %i px: no serious or critical violation, contrast included', async (width) => {
    await open(width);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // On an event's slide too (its date, its text, the navigation), not only on the title slide.
    await page.locator('.tl-slidenav-next').first().click();
    await page.waitForFunction(() => (window as unknown as TimelineJsWindow).timeline?.current_id !== '');
    await timenavStill();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('keeps the reader on their slide when a live update redraws the story', async () => {
    await open(1280, 'entity=vladimir-putin');
    await page.locator('#live[data-state="listening"]').waitFor({ state: 'attached' });
    const summit = '2024-06-north-korea-russia-summit';
    await page.evaluate((id) => (window as unknown as TimelineJsWindow).timeline?.goToId(id), summit);
    const loads = await page.evaluate(() => (window as unknown as TimelineJsWindow).timelineLoads ?? 0);
    const response = await fetch(`${server.base}/bundles`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', authorization: `Bearer ${KEY}` },
      body: BRIEFING,
    });
    expect(response.status).toBe(201);
    // The story is drawn again with the new event, and the reader is still on the summit.
    await page.waitForFunction(
      (before) => ((window as unknown as TimelineJsWindow).timelineLoads ?? 0) > before,
      loads,
    );
    await page.locator('.tl-slide .tl-headline', { hasText: 'Krivoruchko briefs Putin' }).first().waitFor({
      state: 'attached',
    });
    await page.waitForFunction((id) => (window as unknown as TimelineJsWindow).timeline?.current_id === id, summit);
    await timenavStill();
    const shown = await page.evaluate(() => {
      const view = (document.querySelector('.tl-slider-container-mask') as HTMLElement).getBoundingClientRect();
      const inView = [...document.querySelectorAll('.tl-slide')].find((slide) => {
        const box = slide.getBoundingClientRect();
        return Math.abs(box.left - view.left) < 2;
      });
      return inView?.querySelector('.tl-headline')?.textContent ?? '';
    });
    expect(shown).toBe('Cúpula Coreia do Norte-Rússia em Pyongyang');
    await retract();
  });
});
