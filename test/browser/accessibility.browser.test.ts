import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seriousAxeViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/chromium';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const KEY = 'accessibility-key-0123456789abcdef0123';
/** A text the workbench drafts: its review is the page's busiest state. */
const LAVROV = readFileSync(path.join(FIXTURES_DIR, 'eval/heldout/02-lavrov-pyongyang.txt'), 'utf8');

type Ready = (page: Page) => Promise<unknown>;
const timelineReady: Ready = (page) =>
  page.waitForFunction(() => (window as unknown as { timelineReady?: boolean }).timelineReady === true);

/** Every page a reader opens, in the state it first shows and with what a click opens. */
const PAGES: readonly [string, string, Ready][] = [
  ['the timeline widget', '/widget/timeline', timelineReady],
  ['the timeline widget grouped by entity, in Portuguese', '/widget/timeline?groupBy=entity&lang=pt', timelineReady],
  [
    'the timeline widget with an event open',
    '/widget/timeline?from=2024-06',
    async (page) => {
      await timelineReady(page);
      await page.locator('[data-event-id="2024-06-19-partnership-treaty-signing"]').first().click();
      await page.locator('#details').waitFor({ state: 'visible' });
    },
  ],
  ['the timeline widget with a bad link', '/widget/timeline?lang=fr&from=2024-13', timelineReady],
  ["the author's workbench", '/author', (page) => page.locator('#draft-form').waitFor()],
  [
    "the author's workbench reviewing a draft",
    '/author',
    async (page) => {
      await page.fill('#key', KEY);
      await page.fill('#text', LAVROV);
      await page.click('#draft-button');
      await page.locator('#review:not([hidden])').waitFor();
    },
  ],
];

/**
 * What axe still finds in GraphiQL's own markup, which this project does not write (its theme's
 * contrast, its editors' names, the page's heading and landmark are ours and fixed): session tabs
 * that hold a close button (nested-interactive) in a tab list whose children are not all tabs
 * (aria-required-children), and CodeMirror 5's scrolling editor, reached by its textarea rather
 * than by the scroller itself (scrollable-region-focusable).
 */
const GRAPHIQL_OWN_FINDINGS = ['aria-required-children', 'nested-interactive', 'scrollable-region-focusable'];

describe('every page passes axe-core (WCAG 2.1 A and AA, no serious or critical finding)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startSeededTestServer({ INGEST_API_KEYS: `accessibility:${KEY}` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => page?.close());

  describe.each([1280, 360])('at %i px', (width) => {
    it.each(PAGES)('%s', async (_, url, ready) => {
      page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${server.base}${url}`);
      await ready(page);
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
    it('GraphiQL, apart from the findings in its own markup', async () => {
      page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${server.base}/graphiql`);
      await page.locator('.graphiql-execute-button').waitFor();
      await page.locator('.result-window textarea[aria-label="Result"]').waitFor({ state: 'attached' });
      const findings = await seriousAxeViolations(page);
      expect(findings.filter((finding) => !GRAPHIQL_OWN_FINDINGS.includes(finding.rule))).toEqual([]);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('main').count()).toBe(1);
    });
    it('the explorer', async () => {
      page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${server.base}/widget/explore`);
      await page.waitForFunction(() => (window as unknown as { graphReady?: boolean }).graphReady === true);
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
  });
});

const SIGNING = '2024-06-19-partnership-treaty-signing';

describe('the timeline widget by keyboard alone', () => {
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

  /** Presses Tab until the focus is on the event's label or card (at most 40 presses). */
  async function tabTo(eventId: string): Promise<number> {
    for (let presses = 1; presses <= 40; presses += 1) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(
        () =>
          document.activeElement?.getAttribute('data-event-id') ??
          document.activeElement?.closest('[data-event-id]')?.getAttribute('data-event-id'),
      );
      if (at === eventId) return presses;
    }
    throw new Error(`Tab never reached ${eventId}`);
  }
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
  const focusRing = () =>
    page.evaluate(() => {
      const focused = document.activeElement as HTMLElement;
      const drawn = focused.closest('.vis-item, .tl-card') as HTMLElement;
      return getComputedStyle(drawn).boxShadow;
    });

  it.each([1280, 360])(
    'at %i px: Tab reaches an event with a visible focus, Enter and Space open its details and the date’s evidence, Escape closes them',
    async (width) => {
      page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${server.base}/widget/timeline?from=2024-06`);
      await timelineReady(page);
      await tabTo(SIGNING);
      expect(await focusRing()).toMatch(/rgb\(29, 78, 216\)/);

      await page.keyboard.press('Enter');
      const details = page.locator('#details');
      await details.waitFor({ state: 'visible' });
      // The focus moved to the details' title, so a screen reader reads where the reader went.
      expect(await focusedText()).toBe('Assinatura do tratado de parceria estratégica abrangente');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('lang'))).toBe('pt');
      // What supports the date: the date's own quotes and how the year was inferred.
      const dateEvidence = details.locator('.date-evidence');
      expect(await dateEvidence.locator('h3').textContent()).toBe('Evidence for the date');
      expect(await dateEvidence.locator('.date-claim').textContent()).toBe('19 June 2024 (year inferred)');
      expect(await dateEvidence.locator('.date-note').textContent()).toBe(
        'Signed after the talks of the 19 June state visit; year as for the visit (2024).',
      );
      expect(await dateEvidence.locator('blockquote').allTextContents()).toEqual([
        'Em 19 de junho',
        'Após as negociações',
      ]);
      expect(await dateEvidence.locator('blockquote').first().getAttribute('lang')).toBe('pt');

      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'hidden' });
      // Back where the reader was, and Space opens the details as Enter does.
      expect(
        await page.evaluate(() => document.activeElement?.closest('[data-event-id]')?.getAttribute('data-event-id')),
      ).toBe(SIGNING);
      await page.keyboard.press('Space');
      await details.waitFor({ state: 'visible' });
      expect(await focusedText()).toBe('Assinatura do tratado de parceria estratégica abrangente');
      // The Close button is reachable from the title and closes as Escape does.
      await page.keyboard.press('Tab');
      expect(await focusedText()).toBe('Close');
      await page.keyboard.press('Enter');
      await details.waitFor({ state: 'hidden' });
    },
  );

  it('names events and entities in English with lang=en, and marks Portuguese text as Portuguese', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.base}/widget/timeline?from=2024-07&lang=en`);
    await timelineReady(page);
    const label = page.locator('button[data-event-id="2024-07-18-kim-receives-russian-military-delegation"]');
    expect(await label.getAttribute('lang')).toBe('en');
    await label.focus();
    await page.keyboard.press('Enter');
    await page.locator('#details').waitFor({ state: 'visible' });
    expect(await page.locator('#details .participants li').allTextContents()).toContain(
      'guest: Russian military delegation',
    );
    expect(await page.locator('#details blockquote').first().getAttribute('lang')).toBe('pt');
    await page.goto(`${server.base}/widget/timeline?from=2024-07`);
    await timelineReady(page);
    expect(await label.getAttribute('lang')).toBe('pt');
  });
});
