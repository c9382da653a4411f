import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { BundleValidationError, type BundleInput } from '../../src/bundle/validate-bundle';
import { parseFuzzyDate } from '../../src/domain/fuzzy-date';
import { EVENT_TYPES } from '../../src/domain/model';
import { retractSource, seedBundleInputs } from '../../src/ingest/seed-loader';
import { startSeededTestServer, startTestServer, type TestServer } from '../helpers/server';
import { TimelineOracle, toOracleFilter, walk, type ApiFilter } from '../helpers/timeline-oracle';

const SUMMIT = '2024-06-north-korea-russia-summit';
const EXCHANGE = '2024-exchange-of-senior-officers';
const DELEGATION_VISIT = '2024-07-08-north-korean-military-delegation-visit-to-russia';
const RUNS = Number(process.env.ORACLE_RUNS ?? 8);

/** A bundle in English whose text holds one line per quote, so that every quote is at its offsets. */
function bundleOf(sourceId: string, build: (quote: (text: string) => object) => Record<string, unknown>): BundleInput {
  const lines: string[] = [];
  const quote = (text: string) => {
    const start = lines.reduce((offset, line) => offset + line.length + 1, 0);
    lines.push(text);
    return { quote: text, start, end: start + text.length, sentence: lines.length - 1 };
  };
  const content = build(quote);
  return {
    file: `${sourceId}.yaml`,
    content: { source: { id: sourceId, textFile: `${sourceId}.txt`, language: 'en' }, ...content },
    sourceText: lines.join('\n'),
  };
}

const entity = (quote: (text: string) => object, id: string, label: string, name: string) => ({
  id,
  label,
  name,
  evidence: [quote(name)],
});

const event = (quote: (text: string) => object, id: string, type: string, iso: string) => ({
  id,
  type,
  title: `The ${type.replace(/_/g, ' ')} ${id}`,
  date: { iso, inferred: false, evidence: [quote(`It happened in ${iso} at ${id}`)] },
  evidence: [quote(`The ${type} ${id} took place`)],
});

const relationship = (
  quote: (text: string) => object,
  type: string,
  from: string,
  to: string,
  extra: Record<string, unknown> = {},
) => ({ type, from, to, ...extra, evidence: [quote(`${from} ${type} ${to}`)] });

/**
 * A head of state or government is involved in the summits, state visits, talks and signings of the
 * country it leads at that date (README, "What the queries mean"), shown on the event as `heads`
 * with the leadership's evidence; the country's other events stay out of the head's timeline.
 */
describe('heads of state in their countries’ summits', () => {
  let server: TestServer;
  let hubServer: TestServer;

  beforeAll(async () => {
    server = await startSeededTestServer();
    // Every entity a hub: the same timelines read from the date index, each event checked.
    hubServer = await startTestServer({ TIMELINE_HUB_DEGREE: '1', NEO4J_QUERY_TIMEOUT_MS: '60000' });
  });

  afterAll(async () => {
    await hubServer?.close();
    await server?.close();
  });

  /** The whole timeline, page by page, from both reading strategies, which must agree with the oracle. */
  async function timeline(filter: ApiFilter, first = 2): Promise<string[]> {
    const paged = await walk(server, filter, 'ASC', first, 50);
    const whole = await walk(server, filter, 'ASC', 100, 2);
    const indexed = await walk(hubServer, filter, 'ASC', first, 50);
    const oracle = await TimelineOracle.read(server.database);
    expect(paged.complete).toBe(true);
    expect(paged.ids).toEqual(whole.ids);
    expect(indexed.ids).toEqual(whole.ids);
    expect(paged.totalCount).toBe(whole.ids.length);
    expect(indexed.totalCount).toBe(whole.ids.length);
    expect({ filter, ids: whole.ids }).toEqual({ filter, ids: oracle.timeline(toOracleFilter(filter)) });
    return whole.ids;
  }

  describe('the article', () => {
    it('puts the June 2024 North Korea–Russia summit in Kim Jong Un’s and Putin’s timelines', async () => {
      const kim = await timeline({ entityIds: ['kim-jong-un'] });
      const putin = await timeline({ entityIds: ['vladimir-putin'] });
      expect(kim).toContain(SUMMIT);
      expect(putin).toContain(SUMMIT);
      // The cooperation agreements were signed by the two countries, which their heads led.
      expect(kim).toContain('2024-06-19-cooperation-agreements-signing');
      expect(await timeline({ entityIds: ['kim-jong-un', 'vladimir-putin'], entityMatch: 'ALL' })).toContain(SUMMIT);
      expect(
        await timeline({ entityIds: ['vladimir-putin'], from: '2024-06', to: '2024-06', types: ['summit'] }),
      ).toEqual([SUMMIT]);
      expect(
        await timeline({ entityIds: ['vladimir-putin'], from: '2024-06', to: '2024-06', match: 'WITHIN' }, 1),
      ).toContain(SUMMIT);
    });

    it('keeps the country’s non-diplomatic events out of its head’s timeline', async () => {
      const kim = await timeline({ entityIds: ['kim-jong-un'] });
      const putin = await timeline({ entityIds: ['vladimir-putin'] });
      // The exchange of officials has the two countries as participants; the 8 July visit has Russia as host.
      expect(await timeline({ entityIds: ['russia'] })).toEqual(expect.arrayContaining([EXCHANGE, DELEGATION_VISIT]));
      expect(kim).not.toContain(EXCHANGE);
      expect(putin).not.toContain(EXCHANGE);
      expect(putin).not.toContain(DELEGATION_VISIT);
    });

    it('answers totalCount and pages alike for a head’s timeline, in both orders', async () => {
      const all = await walk(server, { entityIds: ['kim-jong-un'] }, 'ASC', 100, 2);
      for (const first of [1, 2, 3]) {
        const ascending = await walk(server, { entityIds: ['kim-jong-un'] }, 'ASC', first, 50);
        const descending = await walk(server, { entityIds: ['kim-jong-un'] }, 'DESC', first, 50);
        expect(ascending).toEqual({ ids: all.ids, totalCount: all.ids.length, complete: true });
        expect(descending).toEqual({ ids: [...all.ids].reverse(), totalCount: all.ids.length, complete: true });
      }
      const { body } = await server.graphql(
        `{ entity(id: "kim-jong-un") { timeline(first: 2, filter: { types: ["summit"] }) { totalCount nodes { id } } } }`,
      );
      expect(body.data).toEqual({ entity: { timeline: { totalCount: 1, nodes: [{ id: SUMMIT }] } } });
    });

    it('shows the heads on the event, each through its leadership with the leadership’s evidence', async () => {
      const { body } = await server.graphql(
        `query ($ids: [ID!]) { timeline(filter: { entityIds: $ids, types: ["summit", "exchange"] }) { nodes { id
           participants { role entity { id } via { type } }
           heads { role title entity { id name } via { type from to role evidence { quote source { id } } } } } } }`,
        { ids: ['kim-jong-un', 'russia'] },
      );
      expect(body.errors).toBeUndefined();
      const nodes = (body.data?.timeline as { nodes: { id: string; participants: unknown[]; heads: unknown[] }[] })
        .nodes;
      const summit = nodes.find((node) => node.id === SUMMIT);
      expect(summit?.participants).toEqual([
        { role: 'guest', entity: { id: 'russia' }, via: null },
        { role: 'host', entity: { id: 'north-korea' }, via: null },
      ]);
      expect(summit?.heads).toEqual([
        {
          role: 'head_of_state',
          title: 'líder',
          entity: { id: 'kim-jong-un', name: 'Kim Jong Un' },
          via: {
            type: 'LED_BY',
            from: 'north-korea',
            to: 'kim-jong-un',
            role: 'head_of_state',
            evidence: expect.arrayContaining([
              { quote: 'o líder norte-coreano Kim Jong Un', source: { id: 'baoquocte-279309' } },
            ]),
          },
        },
        {
          role: 'head_of_state',
          title: 'presidente',
          entity: { id: 'vladimir-putin', name: 'Vladimir Putin' },
          via: {
            type: 'LED_BY',
            from: 'russia',
            to: 'vladimir-putin',
            role: 'head_of_state',
            evidence: [{ quote: 'o presidente russo, Vladimir Putin', source: { id: 'baoquocte-279309' } }],
          },
        },
      ]);
      // Not a head-led type: no heads, though its participants are the same two countries.
      expect(nodes.find((node) => node.id === EXCHANGE)?.heads).toEqual([]);
      const single = await server.graphql(`{ event(id: "${SUMMIT}") { heads { entity { id } } } }`);
      expect(single.body.data).toEqual({
        event: { heads: [{ entity: { id: 'kim-jong-un' } }, { entity: { id: 'vladimir-putin' } }] },
      });
    });
  });

  describe('the heads on pages and in exports', () => {
    it('the timeline feed, TimelineJS3 and the CSV say who leads which country, with the words that say so', async () => {
      const feed = await fetch(`${server.base}/feeds/vis-timeline.json?entity=kim-jong-un`);
      const items = ((await feed.json()) as { items: { eventId: string; details: { heads: unknown[] } }[] }).items;
      expect(items.find((item) => item.eventId === SUMMIT)?.details.heads).toEqual([
        expect.objectContaining({
          role: 'head_of_state',
          name: 'Kim Jong Un',
          id: 'kim-jong-un',
          country: 'Coreia do Norte',
          quotes: expect.arrayContaining([expect.objectContaining({ quote: 'o líder norte-coreano Kim Jong Un' })]),
        }),
        expect.objectContaining({ name: 'Vladimir Putin', country: 'Rússia' }),
      ]);
      expect(items.find((item) => item.eventId === DELEGATION_VISIT)?.details.heads ?? []).toEqual([]);

      const story = await fetch(`${server.base}/feeds/timelinejs.json?entity=kim-jong-un`);
      const slides = ((await story.json()) as { events: { unique_id: string; text: { text: string } }[] }).events;
      expect(slides.find((slide) => slide.unique_id === SUMMIT)?.text.text).toContain(
        '<strong>Heads:</strong> head_of_state: Kim Jong Un (leads Coreia do Norte); head_of_state: Vladimir Putin (leads Rússia)',
      );

      const csv = await (await fetch(`${server.base}/export/timeline.csv?entity=kim-jong-un`)).text();
      const rows = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
      const summit = rows.find((row) => row.id === SUMMIT);
      expect(summit?.head_ids).toBe('kim-jong-un; vladimir-putin');
      expect(summit?.heads).toBe(
        'head_of_state: Kim Jong Un (leads Coreia do Norte); head_of_state: Vladimir Putin (leads Rússia)',
      );
    });
  });

  describe('a leadership with a period', () => {
    const sourceId = 'test-heads-periods';
    const bundle = bundleOf(sourceId, (quote) => ({
      entities: [
        entity(quote, 'test-ruritania', 'Country', 'Ruritania'),
        entity(quote, 'test-freedonia', 'Country', 'Freedonia'),
        entity(quote, 'test-rudolf', 'Person', 'Rudolf Elphberg'),
        entity(quote, 'test-flavia', 'Person', 'Flavia Elphberg'),
        entity(quote, 'test-sapt', 'Person', 'Colonel Sapt'),
      ],
      events: [
        event(quote, 'test-summit-2019', 'summit', '2019-05-02'),
        event(quote, 'test-talks-2023', 'talks', '2023-03-10'),
        event(quote, 'test-signing-2021', 'signing', '2021-06'),
        event(quote, 'test-exchange-2019', 'exchange', '2019-05-03'),
      ],
      relationships: [
        relationship(quote, 'LED_BY', 'test-ruritania', 'test-rudolf', {
          role: 'head_of_state',
          title: 'king',
          until: '2021-06-15',
        }),
        relationship(quote, 'LED_BY', 'test-ruritania', 'test-flavia', {
          role: 'head_of_state',
          title: 'queen',
          since: '2021-06-16',
        }),
        relationship(quote, 'LED_BY', 'test-ruritania', 'test-sapt', { role: 'minister', since: '2010' }),
        ...['test-summit-2019', 'test-talks-2023', 'test-signing-2021', 'test-exchange-2019'].flatMap((id) => [
          relationship(quote, 'PARTICIPATED_IN', 'test-ruritania', id, { role: 'participant' }),
          relationship(quote, 'PARTICIPATED_IN', 'test-freedonia', id, { role: 'participant' }),
        ]),
      ],
    }));

    beforeAll(async () => {
      await seedBundleInputs(server.database, [bundle]);
    });

    afterAll(async () => {
      await retractSource(server.database, sourceId);
    });

    it('involves the head who led the country at the event’s date, and no other', async () => {
      expect(await timeline({ entityIds: ['test-rudolf'] })).toEqual(['test-summit-2019', 'test-signing-2021']);
      // The June 2021 signing may fall on either side of the change of reign: both heads.
      expect(await timeline({ entityIds: ['test-flavia'] })).toEqual(['test-signing-2021', 'test-talks-2023']);
      // A minister is not a head: the country's summits are not his.
      expect(await timeline({ entityIds: ['test-sapt'] })).toEqual([]);
      const { body } = await server.graphql(
        `{ event(id: "test-signing-2021") { heads { title entity { id } via { from since until } } } }`,
      );
      expect(body.data).toEqual({
        event: {
          heads: [
            {
              title: 'queen',
              entity: { id: 'test-flavia' },
              via: { from: 'test-ruritania', since: '2021-06-16', until: null },
            },
            {
              title: 'king',
              entity: { id: 'test-rudolf' },
              via: { from: 'test-ruritania', since: null, until: '2021-06-15' },
            },
          ],
        },
      });
    });

    it('refuses a period on another relationship, a period that is not a date, and one that ends before it begins', () => {
      const broken = bundleOf('test-heads-broken', (quote) => ({
        entities: [
          entity(quote, 'test-ruritania', 'Country', 'Ruritania'),
          entity(quote, 'test-rudolf', 'Person', 'Rudolf Elphberg'),
        ],
        relationships: [
          relationship(quote, 'LED_BY', 'test-ruritania', 'test-rudolf', { since: '2020', until: '2019-12' }),
          relationship(quote, 'LED_BY', 'test-ruritania', 'test-rudolf', { role: 'head_of_state', since: 'soon' }),
          relationship(quote, 'REPRESENTS', 'test-rudolf', 'test-ruritania', { since: '2020' }),
        ],
      }));
      const load = seedBundleInputs(server.database, [broken]);
      return load.then(
        () => {
          throw new Error('the bundle was loaded');
        },
        (error: unknown) => {
          expect(error).toBeInstanceOf(BundleValidationError);
          const problems = (error as BundleValidationError).problems.map((p) => `${p.path}: ${p.message}`);
          expect(problems).toEqual(
            expect.arrayContaining([
              'relationships[0].until: the leadership ends (2019-12) before it begins (2020)',
              'relationships[1].since: "soon" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD',
              "relationships[2].since: since applies to LED_BY only (a leadership's period)",
            ]),
          );
        },
      );
    });
  });

  describe('random graphs', () => {
    const COUNTRIES = ['test-rg-country-a', 'test-rg-country-b', 'test-rg-country-c'];
    const PEOPLE = ['test-rg-person-a', 'test-rg-person-b', 'test-rg-person-c', 'test-rg-person-d'];
    const EVENTS = Array.from({ length: 8 }, (_, index) => `test-rg-event-${index}`);
    const DAYS = ['2020', '2020-03', '2020-06-15', '2020-06-30', '2021', '2021-01-10', '2022-09'];
    const TYPES = Object.keys(EVENT_TYPES);

    const graph = fc.record({
      leaderships: fc.array(
        fc.record({
          country: fc.constantFrom(...COUNTRIES),
          person: fc.constantFrom(...PEOPLE),
          role: fc.constantFrom('head_of_state', 'head_of_government', 'minister', undefined),
          since: fc.option(fc.constantFrom(...DAYS), { nil: undefined }),
          until: fc.option(fc.constantFrom(...DAYS), { nil: undefined }),
        }),
        { maxLength: 6 },
      ),
      events: fc.array(
        fc.record({
          type: fc.constantFrom(...TYPES),
          iso: fc.constantFrom(...DAYS),
          participants: fc.subarray([...COUNTRIES, ...PEOPLE], { maxLength: 3 }),
        }),
        { minLength: EVENTS.length, maxLength: EVENTS.length },
      ),
      filters: fc.array(
        fc.record({
          entityIds: fc.uniqueArray(fc.constantFrom(...PEOPLE, ...COUNTRIES), { minLength: 1, maxLength: 2 }),
          entityMatch: fc.constantFrom('ANY' as const, 'ALL' as const),
          from: fc.option(fc.constantFrom('2020-06', '2021'), { nil: undefined }),
          first: fc.integer({ min: 1, max: 4 }),
        }),
        { minLength: 4, maxLength: 4 },
      ),
    });

    it('answers every head’s and country’s timeline as the oracle does', async () => {
      await fc.assert(
        fc.asyncProperty(graph, async ({ leaderships, events, filters }) => {
          const seen = new Set<string>();
          const sourceId = 'test-heads-random';
          const bundle = bundleOf(sourceId, (quote) => ({
            entities: [
              ...COUNTRIES.map((id) => entity(quote, id, 'Country', `Land ${id.slice(-1).toUpperCase()}`)),
              ...PEOPLE.map((id) => entity(quote, id, 'Person', `Ruler ${id.slice(-1).toUpperCase()}`)),
            ],
            events: events.map((item, index) => event(quote, EVENTS[index] as string, item.type, item.iso)),
            relationships: [
              ...leaderships.flatMap((lead) => {
                const key = `${lead.country}|${lead.person}|${lead.role ?? ''}`;
                if (seen.has(key)) return [];
                seen.add(key);
                // A period ends no earlier than it begins: two dates the other way round are swapped.
                const backwards =
                  lead.since !== undefined &&
                  lead.until !== undefined &&
                  (parseFuzzyDate(lead.until)?.latest ?? '') < (parseFuzzyDate(lead.since)?.earliest ?? '');
                const [since, until] = backwards ? [lead.until, lead.since] : [lead.since, lead.until];
                const period = { ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) };
                return [
                  relationship(quote, 'LED_BY', lead.country, lead.person, {
                    ...(lead.role ? { role: lead.role } : {}),
                    ...period,
                  }),
                ];
              }),
              ...events.flatMap((item, index) =>
                item.participants.map((participant) =>
                  relationship(quote, 'PARTICIPATED_IN', participant, EVENTS[index] as string, { role: 'participant' }),
                ),
              ),
            ],
          }));
          await seedBundleInputs(server.database, [bundle]);
          try {
            const oracle = await TimelineOracle.read(server.database);
            for (const { first, ...filter } of filters) {
              const defined = Object.fromEntries(
                Object.entries(filter).filter(([, value]) => value !== undefined),
              ) as ApiFilter;
              const expected = oracle.timeline(toOracleFilter(defined));
              const { ids, totalCount } = await walk(server, defined, 'ASC', first, 20);
              expect({ filter: defined, ids, totalCount }).toEqual({
                filter: defined,
                ids: expected,
                totalCount: expected.length,
              });
            }
          } finally {
            await retractSource(server.database, sourceId);
          }
        }),
        { numRuns: RUNS },
      );
    }, 300_000);
  });
});
