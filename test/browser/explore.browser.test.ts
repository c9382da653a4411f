import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { retractSource, seedBundles } from '../../src/ingest/seed-loader';
import { seriousAxeViolations } from '../helpers/axe';
import { launchChromium, overlappingTexts, screenshotDir } from '../helpers/chromium';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const SCREENSHOTS = screenshotDir();
const MEETING = '2024-07-18-kim-receives-russian-military-delegation';
const JULY_8_VISIT = '2024-07-08-north-korean-military-delegation-visit-to-russia';
const JUNE_SUMMIT = '2024-06-north-korea-russia-summit';
/** The two report fixtures that bring the article's 9 events to 11. */
const REPORTS = [
  { file: path.join(FIXTURES_DIR, 'briefing-report.yaml'), sourceId: 'test-briefing-report' },
  { file: path.join(FIXTURES_DIR, 'range-report.yaml'), sourceId: 'test-range-report' },
];

interface Explorer {
  highlighted: { event: string | null; participants: string[] };
  path: unknown;
  lit(): string[];
  shown(): string[];
  showPeriod(start: string, end: string): void;
  positions(): Record<string, [number, number]>;
  palette(): { id: string; font: string; border: string; fill: string }[];
  focus(): string[];
  pointOf(id: string): { x: number; y: number };
}
type WithExplorer = { explorer: Explorer; graphReady?: boolean; timelineReady?: boolean };
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 360, height: 740 };

/** WCAG's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

describe('the explorer: timeline and graph, linked', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    server = await startSeededTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  /** A fresh page; axe's script is injected inline, which the page's Content-Security-Policy forbids. */
  const newPage = async (viewport = WIDE, touch = false, forAxe = false) => {
    await page?.close();
    page = await browser.newPage({ viewport, hasTouch: touch, isMobile: touch, bypassCSP: forAxe });
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  };
  beforeEach(async () => {
    await newPage();
  });
  afterEach(async () => {
    // No input of any test may make the page throw.
    expect(pageErrors).toEqual([]);
    await page?.close();
  });

  const ready = () => page.waitForFunction(() => (window as unknown as WithExplorer).graphReady === true);
  const open = async (query = '') => {
    await page.goto(`${server.base}/widget/explore${query}`);
    await ready();
  };
  const lit = () => page.evaluate(() => (window as unknown as WithExplorer).explorer.lit().sort());
  const shown = () => page.evaluate(() => (window as unknown as WithExplorer).explorer.shown());
  /** The events the API's timeline holds for a filter (the oracle of what the page shows). */
  const timelineIds = async (filter: string) => {
    const { body } = await server.graphql(`{ timeline(filter: ${filter}, first: 100) { nodes { id } } }`);
    return (body.data?.timeline.nodes as { id: string }[]).map((node) => node.id).sort();
  };
  const allEventIds = () => timelineIds('{}');
  const shownEvents = async () => {
    const events = new Set(await allEventIds());
    return (await shown()).filter((id) => events.has(id)).sort();
  };
  const timelineEvents = () =>
    page
      .locator('#timeline [data-event-id]')
      .evaluateAll((labels) => [...new Set(labels.map((label) => label.getAttribute('data-event-id')))].sort());
  const search = async (text: string) => {
    await page.locator('#search').fill(text);
    await page.locator('#search-results button').first().waitFor();
  };
  /** A real click on a graph node, at the point of the page where it is drawn. */
  const clickNode = async (id: string) => {
    const point = await page.evaluate((nodeId) => (window as unknown as WithExplorer).explorer.pointOf(nodeId), id);
    await page.mouse.click(point.x, point.y);
  };

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
    const heading = page.locator('#details h2');
    expect(await heading.textContent()).toBe(
      'Kim Jong Un recebe a delegação militar russa liderada por Alexei Krivoruchko',
    );
    // Portuguese text says so, for screen readers and translation.
    expect(await heading.getAttribute('lang')).toBe('pt');
    expect(await page.locator(`#timeline [data-event-id="${MEETING}"]`).getAttribute('lang')).toBe('pt');
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
    const expected = await timelineIds('{entityIds: ["alexei-krivoruchko"]}');
    await page.waitForFunction(
      (count) => document.querySelectorAll('#timeline .vis-item [data-event-id]').length === count,
      expected.length,
    );
    expect(await timelineEvents()).toEqual(expected);
    // The count is the focused selection's.
    expect(await page.textContent('#count')).toBe(`${expected.length} of 9 events`);

    // June only: the July events and the entities only they involve leave the graph.
    await open();
    await page.evaluate(() => (window as unknown as WithExplorer).explorer.showPeriod('2024-06-01', '2024-06-30'));
    const inJune = await shown();
    expect(inJune).toContain('2024-06-19-partnership-treaty-signing');
    expect(inJune).not.toContain(MEETING);
    expect(inJune).not.toContain('alexei-krivoruchko');
  });

  it('fits 360 px: events listed, no text over another, an event tapped shows its details', async () => {
    await newPage(NARROW);
    await open();
    expect(await page.locator('.tl-card').count()).toBe(9);
    expect(await overlappingTexts(page)).toEqual([]);
    await page.locator(`.tl-card[data-event-id="${MEETING}"]`).click();
    await page.locator('#details').waitFor({ state: 'visible' });
    expect((await lit()).length).toBeGreaterThan(1);
    expect(await overlappingTexts(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'explore-360.png'), fullPage: true });
  });

  describe('with the two report fixtures loaded (11 events)', () => {
    beforeAll(async () => {
      await seedBundles(
        server.database,
        REPORTS.map((report) => report.file),
      );
    });
    afterAll(async () => {
      for (const report of REPORTS) await retractSource(server.database, report.sourceId);
    });

    it.each([
      ['a tall screen', { width: 1280, height: 900 }],
      ['a short screen (the panel scrolls)', { width: 1280, height: 560 }],
    ])('every event can be reached and clicked in the timeline, on %s', async (_name, viewport) => {
      await newPage(viewport);
      await open();
      const ids = await allEventIds();
      expect(ids).toHaveLength(11);
      expect(await page.textContent('#count')).toBe('11 events');
      const panel = page.locator('#timeline-panel');
      expect(await panel.evaluate((element) => getComputedStyle(element).overflowY)).toBe('auto');
      if (viewport.height < 600)
        expect(await panel.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
      const { body } = await server.graphql('{ timeline(first: 100) { nodes { id title } } }');
      for (const event of body.data?.timeline.nodes as { id: string; title: string }[]) {
        // A real click: the item must be on screen (scrolled to) and not covered.
        await page.click(`.vis-item.tl-event:has([data-event-id="${event.id}"])`);
        expect(await page.locator('#details h2').textContent()).toBe(event.title);
      }
    });

    it('what happened in July 2024: two date inputs, and the graph holds exactly July’s events', async () => {
      for (const viewport of [WIDE, NARROW]) {
        await newPage(viewport);
        await open();
        await page.locator('#filter-from').fill('2024-07-01');
        await page.locator('#filter-to').fill('2024-07-31');
        await Promise.all([page.waitForURL(/from=2024-07-01/), page.getByRole('button', { name: 'Apply' }).click()]);
        await ready();
        const july = await timelineIds('{from: "2024-07-01", to: "2024-07-31"}');
        expect(july).toContain(JULY_8_VISIT);
        expect(july).not.toContain(JUNE_SUMMIT);
        expect(await shownEvents()).toEqual(july);
        expect(await timelineEvents()).toEqual(july);
        expect(await page.textContent('#count')).toBe(`${july.length} events`);
        // The filter is in the URL: a reload shows the same.
        await page.reload();
        await ready();
        expect(await page.inputValue('#filter-from')).toBe('2024-07-01');
        expect(await shownEvents()).toEqual(july);
      }
    });
  });

  it('filters by event type through the URL, and the filter survives a reload', async () => {
    await open();
    await page.locator('.type-filter summary').click();
    await page.getByLabel('Visit', { exact: true }).check();
    await page.getByLabel('Meeting', { exact: true }).check();
    await Promise.all([page.waitForURL(/type=/), page.getByRole('button', { name: 'Apply' }).click()]);
    await ready();
    expect(new URL(page.url()).searchParams.get('type')).toBe('meeting,visit');
    const expected = await timelineIds('{types: ["meeting", "visit"]}');
    expect(await timelineEvents()).toEqual(expected);
    expect(await shownEvents()).toEqual(expected);
    await page.reload();
    await ready();
    expect(await page.isChecked('input[name="type"][value="visit"]')).toBe(true);
    expect(await timelineEvents()).toEqual(expected);
    await page.getByRole('button', { name: 'Reset' }).click();
    await ready();
    expect(new URL(page.url()).searchParams.get('type')).toBeNull();
    expect(await timelineEvents()).toHaveLength(9);
  });

  it('the search box focuses an entity: its card, its events, the count; clear selection undoes it', async () => {
    await open('?event=' + MEETING);
    await search('Krivoruchko');
    await page.locator('#search').press('Enter');
    const card = page.locator('#details .entity-card');
    await card.waitFor();
    const { body } = await server.graphql(
      '{ entity(id: "alexei-krivoruchko") { name aliases timeline { totalCount } evidence { source { title } } } }',
    );
    const entity = body.data?.entity;
    expect(await card.locator('h2').textContent()).toContain(entity.name);
    expect(await card.locator('.meta').textContent()).toContain('Person');
    const others = (entity.aliases as string[]).filter((alias) => alias !== entity.name);
    if (others.length > 0) expect(await card.locator('.aliases').textContent()).toContain(others[0]);
    expect(await card.locator('.card-count').textContent()).toBe(
      `${entity.timeline.totalCount} events in its timeline`,
    );
    expect(await card.locator('.card-sources li').first().textContent()).toContain(entity.evidence[0].source.title);
    // The details no longer hold the event selected before.
    expect(await page.locator('#details').textContent()).not.toContain('recebe a delegação');
    expect(new URL(page.url()).searchParams.get('event')).toBeNull();
    const focused = await timelineIds('{entityIds: ["alexei-krivoruchko"]}');
    await page.waitForFunction(
      (n) => document.querySelectorAll('#timeline [data-event-id]').length === n,
      focused.length,
    );
    expect(await page.textContent('#count')).toBe(`${focused.length} of 9 events`);
    expect(new URL(page.url()).searchParams.get('focus')).toBe('alexei-krivoruchko');

    await page.getByRole('button', { name: 'Clear selection' }).click();
    expect(await page.locator('#focus-bar').isHidden()).toBe(true);
    expect(await page.locator('#details').isHidden()).toBe(true);
    await page.waitForFunction(() => document.querySelectorAll('#timeline [data-event-id]').length === 9);
    expect(await page.textContent('#count')).toBe('9 events');
    expect(new URL(page.url()).searchParams.get('focus')).toBeNull();
    expect((await lit()).length).toBe((await shown()).length);
  });

  it('exports what the timeline shows: the selection, narrowed to the focused entities', async () => {
    await open('?from=2024-06&utm_source=newsletter');
    const csv = page.getByRole('link', { name: 'Export as CSV' });
    expect(new URL((await csv.getAttribute('href')) as string, server.base).search).toBe('?from=2024-06');
    await search('Krivoruchko');
    await page.locator('#search').press('Enter');
    await page.locator('#details .entity-card').waitFor();
    const href = new URL((await csv.getAttribute('href')) as string, server.base);
    expect(Object.fromEntries(href.searchParams)).toEqual({
      from: '2024-06',
      entity: 'alexei-krivoruchko',
      entityMatch: 'ALL',
    });
    // The file holds exactly the events the focused timeline holds (a header row, then one per event).
    const response = await fetch(href);
    expect(response.status).toBe(200);
    const rows = (await response.text()).trim().split('\r\n').length - 1;
    expect(rows).toBe((await timelineIds('{entityIds: ["alexei-krivoruchko"], from: "2024-06"}')).length);
    expect(rows).toBeGreaterThan(0);
  });

  it('“A and B”: the events of both entities (entityMatch ALL), from the search box', async () => {
    await open();
    await search('Vladimir Putin');
    await page.locator('#search').press('Enter');
    await page.locator('#focus-chips .chip').waitFor();
    await search('Kim Jong Un');
    await page.locator('#search-results .and-button[data-node-id="kim-jong-un"]').click();
    await page.locator('#focus-chips .chip').nth(1).waitFor();
    expect(await page.textContent('#focus-chips')).toContain('and');
    const both = await timelineIds('{entityIds: ["vladimir-putin", "kim-jong-un"], entityMatch: ALL}');
    const either = await timelineIds('{entityIds: ["vladimir-putin", "kim-jong-un"], entityMatch: ANY}');
    await page.waitForFunction(() => new URL(window.location.href).searchParams.get('focus')?.includes(','));
    await page.waitForFunction((n) => document.querySelectorAll('#timeline [data-event-id]').length === n, both.length);
    expect(await timelineEvents()).toEqual(both);
    expect(new URL(page.url()).searchParams.get('focus')).toBe('vladimir-putin,kim-jong-un');
    // "any of them" widens it; the link keeps the choice.
    await page.getByLabel('any of them').check();
    await page.waitForFunction(
      (n) => document.querySelectorAll('#timeline [data-event-id]').length === n,
      either.length,
    );
    expect(new URL(page.url()).searchParams.get('focusMatch')).toBe('ANY');
    await open('?focus=vladimir-putin,kim-jong-un');
    await page.waitForFunction((n) => document.querySelectorAll('#timeline [data-event-id]').length === n, both.length);
    expect(await timelineEvents()).toEqual(both);
  });

  it('draws the same layout on every load of a link', async () => {
    await open();
    const first = await page.evaluate(() => (window as unknown as WithExplorer).explorer.positions());
    await newPage();
    await open();
    const second = await page.evaluate(() => (window as unknown as WithExplorer).explorer.positions());
    expect(Object.keys(first).length).toBeGreaterThan(10);
    expect(second).toEqual(first);
  });

  it('a legend gives each kind a shape beside its colour, and the graph’s colours meet AA on white', async () => {
    await open();
    const legend = await page.locator('#legend li').allTextContents();
    expect(legend).toEqual(['Event', 'Person', 'Organization', 'Country', 'Place', 'Delegation', 'Agreement']);
    const shapes = await page
      .locator('#legend li svg path')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('d')));
    expect(new Set(shapes).size).toBe(7);
    for (const colour of await page.evaluate(() => (window as unknown as WithExplorer).explorer.palette())) {
      expect(contrast(colour.font, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour.border, '#ffffff')).toBeGreaterThanOrEqual(3);
    }
    // Dimmed too (an event selected dims the rest).
    await page.click(`.vis-item.tl-event:has([data-event-id="${MEETING}"])`);
    for (const colour of await page.evaluate(() => (window as unknown as WithExplorer).explorer.palette())) {
      expect(contrast(colour.font, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour.border, '#ffffff')).toBeGreaterThanOrEqual(3);
    }
  });

  it.each([
    ['?focus=nobody', /No entity has the id “nobody”/],
    ['?event=no-such-event', /No event has the id “no-such-event”/],
    ['?connect=nobody,vladimir-putin', /Could not connect them/],
    ['?connect=vladimir-putin', /connect takes two ids/],
  ])('%s: a visible message, never an exception, and every event still shown', async (query, message) => {
    await open(query);
    const alerts = page.locator('[role="alert"]:not(:empty)');
    await alerts.first().waitFor();
    // Said once: by the page when the link is malformed, by the explorer when an id names nothing.
    expect(await alerts.count()).toBe(1);
    expect(await alerts.first().textContent()).toMatch(message);
    expect(await page.textContent('#count')).toBe('9 events');
    expect(await page.locator('#focus-bar').isHidden()).toBe(true);
  });

  it('a shared link with tracking parameters and a bad lang opens the explorer, with the bad part named', async () => {
    await open('?lang=xx&utm_source=newsletter&fbclid=abc123&from=2024-07');
    expect(await page.locator('.page-notice[role="alert"]').textContent()).toMatch(/lang=“xx” was ignored/);
    expect(await page.locator('.page-notice').count()).toBe(1);
    const july = await timelineIds('{from: "2024-07"}');
    await page.waitForFunction((n) => document.querySelectorAll('#timeline [data-event-id]').length >= n, july.length);
    expect(await timelineEvents()).toEqual(july);
  });

  it('lang=en shows entity names in English', async () => {
    await open('?lang=en&focus=russia');
    await page.locator('#details .entity-card').waitFor();
    expect(await page.locator('#details .entity-card h2').textContent()).toContain('Russia');
    expect(await page.locator('#focus-chips').textContent()).toContain('Russia');
    expect(await page.locator('#connect-from option[value="russia"]').textContent()).toBe('Russia');
  });

  it.each([
    ['1280', WIDE],
    ['360', NARROW],
  ])('axe finds no serious violation at %s px, before and after a selection', async (_name, viewport) => {
    await newPage(viewport, false, true);
    await open();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator('#node-list summary').click();
    await page.locator('.type-filter summary').click();
    await search('Krivoruchko');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator('#search').press('Enter');
    await page.locator('#details .entity-card').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await open('?connect=alexei-krivoruchko,vladimir-putin');
    await page.waitForFunction(() => (window as unknown as WithExplorer).explorer.path !== null);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('keyboard only: an event of the timeline is a button that Enter selects', async () => {
    await open();
    const label = page.locator(`#timeline button[data-event-id="${MEETING}"]`);
    await label.focus();
    expect(await label.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#details h2').waitFor();
    expect(await page.locator('#details h2').textContent()).toContain('recebe a delegação');
    expect(await lit()).toContain(MEETING);
    expect(new URL(page.url()).searchParams.get('event')).toBe(MEETING);
  });

  it('keyboard only: find an entity, select an event from the graph’s list, connect two entities', async () => {
    await open();
    /** Tabs until the selector is focused, checking every stop shows its focus. */
    const tabTo = async (selector: string) => {
      for (let presses = 0; presses < 120; presses += 1) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate((wanted) => {
          const active = document.activeElement as HTMLElement | null;
          if (!active || active === document.body) return { matches: false, visible: true, name: 'body' };
          const style = getComputedStyle(active);
          const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
          return { matches: active.matches(wanted), visible, name: active.outerHTML.slice(0, 80) };
        }, selector);
        if (stop.name !== 'body')
          expect(`${stop.name}: ${stop.visible ? 'focus shown' : 'no focus shown'}`).toMatch(/focus shown$/);
        if (stop.matches) return;
      }
      throw new Error(`${selector} cannot be reached with Tab`);
    };
    await tabTo('#search');
    await page.keyboard.type('Krivoruchko');
    await page.locator('#search-results button').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#details .entity-card').waitFor();
    await tabTo('#node-list summary');
    await page.keyboard.press('Enter');
    await tabTo(`#node-list-events button[data-node-id="${MEETING}"]`);
    await page.keyboard.press('Enter');
    expect(await page.locator('#details h2').textContent()).toContain('recebe a delegação');
    expect(await lit()).toContain(MEETING);
    // Connect: the pair chosen by typing in the lists, then Enter.
    await page.locator('#search').focus();
    await tabTo('#connect-from');
    await page.keyboard.type('Alexei');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Vladimir');
    await tabTo('#connect-button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as WithExplorer).explorer.path !== null);
    expect(await page.locator('#details .hop').count()).toBeGreaterThan(0);
    await tabTo('#clear-selection');
    await page.keyboard.press('Enter');
    expect(await page.locator('#details').isHidden()).toBe(true);
  });

  describe.each([
    ['1280', WIDE],
    ['360', NARROW],
  ])('analyst tasks at %s px, with real clicks', (_name, viewport) => {
    beforeEach(async () => {
      await newPage(viewport, viewport === NARROW);
    });

    it('when did Putin and Kim meet: find one, add the other, read the events of both', async () => {
      await open();
      await search('Putin');
      await page.locator('#search').press('Enter');
      await page.locator('#focus-chips .chip').waitFor();
      await search('Kim Jong Un');
      await page.locator('#search-results .and-button[data-node-id="kim-jong-un"]').click();
      const both = await timelineIds('{entityIds: ["vladimir-putin", "kim-jong-un"], entityMatch: ALL}');
      // The heads of the two countries are in their summit, not only in the events naming them.
      expect(both).toContain(JUNE_SUMMIT);
      await page.waitForFunction(
        (n) =>
          new Set(
            [...document.querySelectorAll('#timeline [data-event-id]')].map((e) => e.getAttribute('data-event-id')),
          ).size === n,
        both.length,
      );
      expect(await timelineEvents()).toEqual(both);
      expect(await page.textContent('#count')).toBe(`${both.length} of 9 events`);
    });

    it('what evidence supports the signing’s date: its quote and how its year was worked out', async () => {
      const signing = '2024-06-19-partnership-treaty-signing';
      await open();
      if (viewport === NARROW) await page.locator(`.tl-card[data-event-id="${signing}"]`).tap();
      else await page.click(`.vis-item.tl-event:has([data-event-id="${signing}"])`);
      const evidence = page.locator('#details .date-evidence');
      await evidence.waitFor();
      const { body } = await server.graphql(`{ event(id: "${signing}") { claims { date { note } } } }`);
      const note = body.data?.event.claims[0].date.note as string;
      const text = (await evidence.textContent()) as string;
      // The words of the article that date it, and how its year was worked out.
      expect(text).toContain('Em 19 de junho');
      expect(text).toContain('Após as negociações');
      expect(note).toMatch(/year/);
      expect(text).toContain(note);
      expect(await evidence.isVisible()).toBe(true);
    });

    it('how is Krivoruchko connected to Putin: Connect, with progress and a quote per hop', async () => {
      await open();
      // A cold server: the answer takes a while, and the page says it is at work.
      await page.route('**/graphql', async (route) => {
        if (route.request().postData()?.includes('connections')) await new Promise((r) => setTimeout(r, 1200));
        await route.continue();
      });
      // No unrelated entity is chosen in advance.
      expect(await page.inputValue('#connect-from')).toBe('');
      expect(await page.inputValue('#connect-to')).toBe('');
      await page.selectOption('#connect-from', 'alexei-krivoruchko');
      await page.selectOption('#connect-to', 'vladimir-putin');
      await page.getByRole('button', { name: 'Show path' }).click();
      await page.locator('#connect[aria-busy="true"]').waitFor({ state: 'attached' });
      expect(await page.textContent('#connect-status')).toBe('Finding a connection…');
      await page.locator('#details .hop').first().waitFor();
      expect(await page.locator('#connect[aria-busy="true"]').count()).toBe(0);
      const hops = page.locator('#details .hop');
      for (let index = 0; index < (await hops.count()); index += 1)
        expect(await hops.nth(index).locator('blockquote').count()).toBeGreaterThan(0);
      expect(await page.textContent('#details .explanation')).toMatch(/Krivoruchko/);
      expect(await page.locator('#details').isVisible()).toBe(true);
    });

    it('from an event to an entity to a connection', async () => {
      await open();
      if (viewport === NARROW) {
        const card = page.locator(`.tl-card[data-event-id="${MEETING}"]`);
        await card.tap();
        // The tap's feedback: the card is marked, and the details are brought on screen.
        expect(await card.getAttribute('aria-pressed')).toBe('true');
        await page.locator('#details h2').waitFor();
        const box = await page.locator('#details').boundingBox();
        expect(box && box.y < viewport.height && box.y + box.height > 0).toBe(true);
        await page.locator('#node-list summary').tap();
        await page.locator('#node-list-entities button[data-node-id="alexei-krivoruchko"]').tap();
      } else {
        await page.click(`.vis-item.tl-event:has([data-event-id="${MEETING}"])`);
        expect(await page.locator('#details h2').textContent()).toContain('recebe a delegação');
        await clickNode('alexei-krivoruchko');
      }
      const card = page.locator('#details .entity-card');
      await card.waitFor();
      // The details hold the entity now, not the event selected before.
      expect(await page.locator('#details').textContent()).not.toContain('recebe a delegação');
      await card.getByRole('button', { name: 'Connect from here…' }).click();
      expect(await page.inputValue('#connect-from')).toBe('alexei-krivoruchko');
      await page.selectOption('#connect-to', 'vladimir-putin');
      await page.getByRole('button', { name: 'Show path' }).click();
      await page.locator('#details .hop').first().waitFor();
      expect(await lit()).toEqual(expect.arrayContaining(['alexei-krivoruchko', 'vladimir-putin']));
    });
  });

  it('at 360 px, a vertical swipe over the graph scrolls the page', async () => {
    await newPage(NARROW, true);
    await open();
    // A finger put on the graph (its canvas) and moved up by 150 px scrolls the page down.
    await page.evaluate(() => window.scrollTo(0, 150));
    const before = await page.evaluate(() => window.scrollY);
    const graph = await page.locator('#graph').boundingBox();
    if (!graph) throw new Error('the graph is not drawn');
    const x = 180;
    const y = Math.round(Math.min(graph.y + graph.height / 2, NARROW.height - 200));
    expect(await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.tagName, [x, y])).toBe('CANVAS');
    const client = await page.context().newCDPSession(page);
    await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let step = 1; step <= 10; step += 1)
      await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - step * 15 }] });
    await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForFunction((start) => window.scrollY > start + 100, before);
  });

  it('a live change keeps the reader’s window and selection', async () => {
    await open();
    await page.locator('#live[data-state="listening"]').waitFor({ state: 'attached' });
    await page.click(`.vis-item.tl-event:has([data-event-id="${MEETING}"])`);
    await page.evaluate(() => (window as unknown as WithExplorer).explorer.showPeriod('2024-07-01', '2024-07-31'));
    const loads = await page.evaluate(() => (window as unknown as { timelineLoads: number }).timelineLoads);
    const before = await page.evaluate(() => (window as unknown as WithExplorer).explorer.positions());
    try {
      await seedBundles(server.database, [REPORTS[0]!.file]);
      await page.locator('#timeline [data-event-id="2024-07-20-krivoruchko-briefs-putin"]').waitFor();
      await page.waitForFunction((n) => (window as unknown as { timelineLoads: number }).timelineLoads > n, loads);
      expect(await page.evaluate(() => (window as unknown as { explorer: { brush: unknown } }).explorer.brush)).toEqual(
        {
          start: '2024-07-01',
          end: '2024-07-31',
        },
      );
      expect(new URL(page.url()).searchParams.get('event')).toBe(MEETING);
      expect(await page.locator('#details h2').textContent()).toContain('recebe a delegação');
      expect(await lit()).toContain(MEETING);
      const after = await page.evaluate(() => (window as unknown as WithExplorer).explorer.positions());
      expect(after[MEETING]).toEqual(before[MEETING]);
    } finally {
      await retractSource(server.database, REPORTS[0]!.sourceId);
    }
  });
});
