import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { retractSource, seedBundles } from '../../src/ingest/seed-loader';
import { seriousAxeViolations } from '../helpers/axe';
import { launchChromium, overlappingTexts, screenshotDir } from '../helpers/chromium';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const SCREENSHOTS = screenshotDir();
const TASS = { file: path.join(FIXTURES_DIR, 'tass-treaty-report.yaml'), sourceId: 'tass-2024-06-19-treaty' };
const JUNE_18 = { file: path.join(FIXTURES_DIR, 'june-18-signing-report.yaml'), sourceId: 'june-18-signing-report' };
const JUNE_18_TITLE = 'Putin e Kim assinam tratado (test fixture)';
const SIGNING = '2024-06-19-partnership-treaty-signing';
const MEETING = '2024-07-18-kim-receives-russian-military-delegation';
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 360, height: 740 };

type WithExplorer = { explorer: { asOf(): string | null }; graphReady?: boolean; timelineReady?: boolean };

describe('as reported by a day: the explorer steps through the sources, the widgets read ?asOf=', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    server = await startSeededTestServer();
    await seedBundles(server.database, [TASS.file, JUNE_18.file]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await retractSource(server.database, JUNE_18.sourceId).catch(() => undefined);
    await retractSource(server.database, TASS.sourceId).catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  const newPage = async (viewport = WIDE, forAxe = false) => {
    await page?.close();
    page = await browser.newPage({ viewport, bypassCSP: forAxe });
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  };
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await page?.close();
  });

  /** The event ids of the API's timeline as of a day (null: now): what the page must show. */
  const timelineIds = async (asOf: string | null) => {
    const { body } = await server.graphql(
      'query ($asOf: String) { timeline(first: 100, asOf: $asOf) { nodes { id } } }',
      { asOf },
    );
    return (body.data?.timeline.nodes as { id: string }[]).map((node) => node.id).sort();
  };
  const openExplorer = async (query = '') => {
    await page.goto(`${server.base}/widget/explore${query}`);
    await page.waitForFunction(() => (window as unknown as WithExplorer).graphReady === true);
    // The steps are read: the range is enabled.
    await page.locator('#as-of-step:not([disabled])').waitFor();
  };
  /** The events the explorer's timeline shows (labels at 1280 px, cards at 360 px). */
  const shownEvents = () =>
    page
      .locator('#timeline [data-event-id]')
      .evaluateAll((labels) => [...new Set(labels.map((label) => label.getAttribute('data-event-id')))].sort());
  /** Waits until the page is read, and what changed is shown, as of `day` (null: now). */
  const settledOn = async (day: string | null) => {
    await page.locator(`#as-of-changes[data-as-of="${day ?? 'now'}"]:not([aria-busy])`).waitFor();
    await page.waitForFunction((d) => (window as unknown as WithExplorer).explorer.asOf() === d, day);
    await page.waitForFunction(
      async (expected) => {
        const ids = [
          ...new Set(
            Array.from(document.querySelectorAll('#timeline [data-event-id]')).map((el) =>
              el.getAttribute('data-event-id'),
            ),
          ),
        ].sort();
        return JSON.stringify(ids) === JSON.stringify(expected);
      },
      await timelineIds(day),
    );
  };
  /** Whether the signing is drawn as disputed (dashed label or card), and its date as the list view words it. */
  const signing = async () => ({
    disputed:
      (await page
        .locator(
          `#timeline .tl-disputed [data-event-id="${SIGNING}"], #timeline .tl-disputed[data-event-id="${SIGNING}"]`,
        )
        .count()) > 0,
    date: await page.locator(`#node-list-events [data-node-id="${SIGNING}"] .node-meta`).textContent(),
  });

  it.each([
    ['1280', WIDE],
    ['360', NARROW],
  ])(
    'steps through the publication days with the keyboard at %s px: the signing is undisputed on 19 June, disputed from 20 June',
    async (width, viewport) => {
      await newPage(viewport);
      await openExplorer();
      const range = page.locator('#as-of-step');
      // Three publication days (TASS 2024-06-19, the June 18 report 2024-06-20, the article 2024-07) and now.
      expect(await range.getAttribute('max')).toBe('3');
      expect(await page.locator('#as-of-value').textContent()).toBe('now');
      expect(await page.getByLabel('As reported by').count()).toBe(1);

      await range.focus();
      await page.keyboard.press('Home');
      await settledOn('2024-06-19');
      expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-06-19');
      expect(await page.locator('#as-of-value').textContent()).toBe('19 June 2024');
      expect(await range.getAttribute('aria-valuetext')).toBe('19 June 2024, 1 source published that day');
      expect(await signing()).toEqual({ disputed: false, date: '19 June 2024' });
      expect(await shownEvents()).not.toContain(MEETING);
      const first = page.locator('#as-of-changes');
      expect(await first.locator('cite').allTextContents()).toEqual([
        'Putin and Kim Jong-un sign Treaty on Comprehensive Strategic Partnership (test fixture)',
      ]);
      expect(await first.locator(`[data-change="appeared"] [data-event-id="${SIGNING}"]`).count()).toBe(1);
      expect(await first.locator('[data-change="opened"]').count()).toBe(0);
      // The focus ring is visible on the range.
      expect(await range.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

      await page.keyboard.press('ArrowRight');
      await settledOn('2024-06-20');
      expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-06-20');
      expect(await signing()).toEqual({ disputed: true, date: '19 June 2024 (disputed: 18 June 2024 in 1 source)' });
      const opened = page.locator('#as-of-changes [data-change="opened"]');
      expect(await opened.locator(`[data-event-id="${SIGNING}"]`).count()).toBe(1);
      const text = (await page.locator('#as-of-changes').textContent()) ?? '';
      expect(text).toContain(`Published that day: ${JUNE_18_TITLE} (Test fixture)`);
      expect(await opened.textContent()).toContain(`18 June 2024 (by “${JUNE_18_TITLE}”) against 19 June 2024`);
      // What appeared is the difference of the API's two timelines (the report's own talks event).
      const before = await timelineIds('2024-06-19');
      const appeared = (await timelineIds('2024-06-20')).filter((id) => !before.includes(id));
      expect(appeared).not.toContain(SIGNING);
      expect(
        await page
          .locator('#as-of-changes [data-change="appeared"] li[data-event-id]')
          .evaluateAll((items) => items.map((item) => item.getAttribute('data-event-id')).sort()),
      ).toEqual(appeared);
      expect(await overlappingTexts(page, '.as-of-bar')).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `explore-as-of-${width}.png`), fullPage: true });

      await page.keyboard.press('ArrowRight');
      await settledOn('2024-07-01');
      expect(await shownEvents()).toContain(MEETING);
      expect(await page.locator(`#as-of-changes [data-change="appeared"] [data-event-id="${MEETING}"]`).count()).toBe(
        1,
      );

      await page.keyboard.press('ArrowRight');
      await settledOn(null);
      expect(new URL(page.url()).searchParams.has('asOf')).toBe(false);
      expect(await page.locator('#as-of-changes').textContent()).toContain('No event of this selection changed.');
      expect(await signing()).toEqual({ disputed: true, date: '19 June 2024 (disputed: 18 June 2024 in 1 source)' });
    },
  );

  it('opens a shared link on its step, and the entity card and exports read that day', async () => {
    await newPage();
    await openExplorer('?asOf=2024-06-19&focus=russia');
    // With a focus the timeline holds the entity's events: the day and the changes are checked.
    await page.locator('#as-of-changes[data-as-of="2024-06-19"]:not([aria-busy])').waitFor();
    await page.waitForFunction(() => (window as unknown as WithExplorer).explorer.asOf() === '2024-06-19');
    expect(await page.locator('#as-of-step').inputValue()).toBe('0');
    expect(await page.locator('#as-of-value').textContent()).toBe('19 June 2024');
    const csv = await page.locator('#export-slot a[data-format="csv"]').getAttribute('href');
    expect(new URL(csv ?? '', server.base).searchParams.get('asOf')).toBe('2024-06-19');
    const response = await fetch(new URL(csv ?? '', server.base));
    expect(response.status).toBe(200);
    const { body } = await server.graphql(
      '{ timeline(filter: { entityIds: ["russia"] }, asOf: "2024-06-19") { totalCount } }',
    );
    expect(response.headers.get('x-total-count')).toBe(String(body.data?.timeline.totalCount));
    expect(response.headers.get('content-disposition')).toContain('as-of-2024-06-19');
  });

  it('turns a bad asOf in the link into a notice naming it, and shows the current view', async () => {
    await newPage();
    await openExplorer('?asOf=2024-13-45');
    const notice = page.locator('.page-notice[data-parameter="asOf"]');
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toContain('asOf=“2024-13-45”');
    expect(await page.locator('#as-of-value').textContent()).toBe('now');
    expect(await shownEvents()).toEqual(await timelineIds(null));
    await page.goto(`${server.base}/widget/timeline?asOf=last-week`);
    await page.waitForFunction(() => (window as unknown as WithExplorer).timelineReady === true);
    expect(await page.locator('.page-notice[data-parameter="asOf"]').textContent()).toContain('asOf');
    expect(await page.locator('#as-of-banner').count()).toBe(0);
  });

  it('the JSON feeds and exports refuse a bad asOf with a 400 naming it', async () => {
    for (const url of [
      '/feeds/vis-timeline.json?asOf=2024-02-30',
      '/feeds/timelinejs.json?asOf=soon',
      '/export/timeline.csv?asOf=2024-6',
    ]) {
      const response = await fetch(`${server.base}${url}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'asOf' });
    }
    const feed = (await (await fetch(`${server.base}/feeds/vis-timeline.json?asOf=2024-06-19`)).json()) as {
      items: { eventId: string }[];
    };
    expect([...new Set(feed.items.map((item) => item.eventId))].sort()).toEqual(await timelineIds('2024-06-19'));
  });

  it.each([
    ['1280', WIDE],
    ['360', NARROW],
  ])(
    '/widget/timeline?asOf=2024-06-19 at %s px says so and shows no dispute; 20 June shows it',
    async (width, viewport) => {
      await newPage(viewport);
      await page.goto(`${server.base}/widget/timeline?asOf=2024-06-19`);
      await page.waitForFunction(() => (window as unknown as WithExplorer).timelineReady === true);
      const banner = page.locator('#as-of-banner');
      expect(await banner.isVisible()).toBe(true);
      expect(await banner.textContent()).toContain('As reported by 19 June 2024');
      expect(await banner.locator('a').getAttribute('href')).toBe('/widget/timeline');
      expect(await page.locator(`#timeline [data-event-id="${SIGNING}"]`).count()).toBeGreaterThan(0);
      expect(await page.locator('#timeline .tl-disputed').count()).toBe(0);
      expect(
        await page
          .locator('#timeline [data-event-id]')
          .evaluateAll((labels) => [...new Set(labels.map((label) => label.getAttribute('data-event-id')))].sort()),
      ).toEqual(await timelineIds('2024-06-19'));
      // The exports carry the day.
      const csv = await page.locator('#exports a[data-format="csv"]').getAttribute('href');
      expect(csv).toContain('asOf=2024-06-19');
      expect(await overlappingTexts(page)).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `widget-timeline-as-of-${width}.png`), fullPage: true });

      await page.goto(`${server.base}/widget/timeline?asOf=2024-06-20&lang=pt`);
      await page.waitForFunction(() => (window as unknown as WithExplorer).timelineReady === true);
      expect(await page.locator('#as-of-banner').textContent()).toContain('Conforme noticiado até 20 de junho de 2024');
      expect(await page.locator('#as-of-banner').getAttribute('lang')).toBe('pt');
      expect(
        await page
          .locator(
            `#timeline .tl-disputed [data-event-id="${SIGNING}"], #timeline .tl-disputed[data-event-id="${SIGNING}"]`,
          )
          .count(),
      ).toBeGreaterThan(0);
    },
  );

  it('/widget/timelinejs?asOf= says so and tells the story as of that day', async () => {
    await newPage();
    await page.goto(`${server.base}/widget/timelinejs?asOf=2024-06-19`);
    await page.waitForFunction(() => (window as unknown as WithExplorer).timelineReady === true);
    expect(await page.locator('#as-of-banner').textContent()).toContain('As reported by 19 June 2024');
    // One marker on the time strip per event of the day's timeline.
    await page.locator('.tl-timemarker').first().waitFor({ state: 'attached' });
    const slides = await page.locator('.tl-timemarker').count();
    expect(slides).toBe((await timelineIds('2024-06-19')).length);
  });

  it.each([
    ['1280', WIDE],
    ['360', NARROW],
  ])(
    'the explorer with the control and its changes has no serious or critical axe finding at %s px',
    async (_w, viewport) => {
      await newPage(viewport, true);
      await openExplorer('?asOf=2024-06-20');
      await settledOn('2024-06-20');
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
  );

  it('follows the graph live: a report loaded while the page is on its day opens the dispute there', async () => {
    await retractSource(server.database, JUNE_18.sourceId);
    try {
      await newPage();
      await openExplorer('?asOf=2024-06-20');
      await settledOn('2024-06-20');
      await page.locator('#live[data-state="listening"]').waitFor({ state: 'attached' });
      expect(await page.locator('#as-of-sources').textContent()).toBe('(no source published that day)');
      expect((await signing()).disputed).toBe(false);

      await seedBundles(server.database, [JUNE_18.file]);
      await page.locator(`#as-of-changes [data-change="opened"] [data-event-id="${SIGNING}"]`).waitFor();
      await page.waitForFunction(
        (id) =>
          document.querySelector(
            `#timeline .tl-disputed [data-event-id="${id}"], #timeline .tl-disputed[data-event-id="${id}"]`,
          ) !== null,
        SIGNING,
      );
      expect(await page.locator('#as-of-sources').textContent()).toBe('(1 source published that day)');
      expect(await page.locator('#as-of-changes cite').allTextContents()).toEqual([JUNE_18_TITLE]);
      expect(await page.locator('#as-of-step').inputValue()).toBe('1');
    } finally {
      await seedBundles(server.database, [JUNE_18.file]);
    }
  });
});
