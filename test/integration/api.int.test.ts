import { execute, parse } from 'graphql';
import { readConfig } from '../../src/config';
import { createContext } from '../../src/graphql/context';
import { EXAMPLE_QUERIES } from '../../src/graphql/examples';
import { buildSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { startSeededTestServer, type TestServer } from '../helpers/server';

/** The article's events in timeline order: first possible day, then precision, then id. */
const ALL_EVENTS = [
  ['2024-exchange-of-senior-officers', '2024', 'YEAR'],
  ['2024-06-north-korea-russia-summit', '2024-06', 'MONTH'],
  ['2024-06-19-cooperation-agreements-signing', '2024-06-19', 'DAY'],
  ['2024-06-19-partnership-treaty-signing', '2024-06-19', 'DAY'],
  ['2024-06-19-putin-kim-talks', '2024-06-19', 'DAY'],
  ['2024-06-19-putin-state-visit-to-north-korea', '2024-06-19', 'DAY'],
  ['2024-07-russian-military-delegation-visit-to-pyongyang', '2024-07', 'MONTH'],
  ['2024-07-08-north-korean-military-delegation-visit-to-russia', '2024-07-08', 'DAY'],
  ['2024-07-18-kim-receives-russian-military-delegation', '2024-07-18', 'DAY'],
] as const;
const ALL_IDS = ALL_EVENTS.map(([id]) => id);

describe('GraphQL API on the seeded article', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startSeededTestServer();
  });
  afterAll(async () => server?.close());

  /** Runs a query that must succeed and returns its data. */
  async function data(query: string, variables?: Record<string, unknown>) {
    const { status, body } = await server.graphql(query, variables);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    return body.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /** Runs a query that must fail and returns the code of its first error. */
  async function errorCode(query: string, variables?: Record<string, unknown>) {
    const { body } = await server.graphql(query, variables);
    expect(body.errors?.length).toBeGreaterThan(0);
    return body.errors?.[0]?.extensions?.code;
  }

  const timelineIds = async (filter: Record<string, unknown>, extra = '') =>
    (
      await data(`query ($filter: TimelineFilter) { timeline(filter: $filter ${extra}) { nodes { id } } }`, { filter })
    ).timeline.nodes.map((node: { id: string }) => node.id);

  describe('timeline', () => {
    it('lists every event in date order with its fuzzy date', async () => {
      const { timeline } = await data(
        `{ timeline { totalCount nodes { id date { iso precision inferred year month day } } } }`,
      );
      expect(timeline.totalCount).toBe(9);
      expect(
        timeline.nodes.map((e: { id: string; date: { iso: string; precision: string } }) => [
          e.id,
          e.date.iso,
          e.date.precision,
        ]),
      ).toEqual(ALL_EVENTS);
      expect(timeline.nodes.every((e: { date: { inferred: boolean } }) => e.date.inferred)).toBe(true);
      expect(timeline.nodes[8].date).toMatchObject({ year: 2024, month: 7, day: 18 });
      expect(timeline.nodes[0].date).toMatchObject({ year: 2024, month: null, day: null });
    });

    it('orders DESC on request', async () => {
      expect(await timelineIds({}, ', order: DESC')).toEqual([...ALL_IDS].reverse());
    });

    it('selects by interval overlap: a day matches the month- and year-precision events around it', async () => {
      expect(await timelineIds({ from: '2024-07-18', to: '2024-07-18' })).toEqual([
        '2024-exchange-of-senior-officers',
        '2024-07-russian-military-delegation-visit-to-pyongyang',
        '2024-07-18-kim-receives-russian-military-delegation',
      ]);
      expect(await timelineIds({ from: '2024-06', to: '2024-06' })).toEqual(ALL_IDS.slice(0, 6));
      expect(await timelineIds({ from: '2024-07-02' })).toEqual([ALL_IDS[0], ...ALL_IDS.slice(6)]);
      expect(await timelineIds({ to: '2024-06-18' })).toEqual(ALL_IDS.slice(0, 2));
      expect(await timelineIds({ from: '2025' })).toEqual([]);
    });

    it('filters by type and by place (a country includes its cities)', async () => {
      expect(await timelineIds({ types: ['signing'] })).toEqual([
        '2024-06-19-cooperation-agreements-signing',
        '2024-06-19-partnership-treaty-signing',
      ]);
      expect(await timelineIds({ placeId: 'pyongyang' })).toEqual([ALL_IDS[1], ALL_IDS[6], ALL_IDS[8]]);
      expect(await timelineIds({ placeId: 'north-korea' })).toEqual([
        ALL_IDS[1],
        ALL_IDS[2],
        ALL_IDS[5],
        ALL_IDS[6],
        ALL_IDS[8],
      ]);
      expect(await timelineIds({ placeId: 'russia' })).toEqual([ALL_IDS[7]]);
    });

    it('selects events involving an entity directly, through a delegation it leads, as place or agreement', async () => {
      expect(await timelineIds({ entityIds: ['alexei-krivoruchko'] })).toEqual([ALL_IDS[6], ALL_IDS[8]]);
      // The summit and the cooperation signing through North Korea, which Kim leads.
      expect(await timelineIds({ entityIds: ['kim-jong-un'] })).toEqual([
        ALL_IDS[1],
        ALL_IDS[2],
        ALL_IDS[3],
        ALL_IDS[4],
        ALL_IDS[5],
        ALL_IDS[8],
      ]);
      expect(await timelineIds({ entityIds: ['comprehensive-strategic-partnership-treaty'] })).toEqual([ALL_IDS[3]]);
      expect(await timelineIds({ entityIds: ['tumannaya-road-bridge-agreement', 'vladimir-putin'] })).toEqual(
        ALL_IDS.slice(1, 6),
      );
      const { entity } = await data(
        `{ entity(id: "alexei-krivoruchko") { timeline(order: DESC) { totalCount nodes { id } } } }`,
      );
      expect(entity.timeline).toEqual({ totalCount: 2, nodes: [{ id: ALL_IDS[8] }, { id: ALL_IDS[6] }] });
    });

    it.each(['ASC', 'DESC'])('walks every event exactly once page by page (%s)', async (order) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const { timeline } = await data(
          `query ($after: String, $order: SortOrder) { timeline(first: 2, after: $after, order: $order) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after, order },
        );
        expect(timeline.totalCount).toBe(9);
        seen.push(...timeline.edges.map((edge: { node: { id: string } }) => edge.node.id));
        expect(timeline.pageInfo.endCursor).toBe(timeline.edges.at(-1)?.cursor ?? null);
        if (!timeline.pageInfo.hasNextPage) break;
        after = timeline.pageInfo.endCursor;
      }
      expect(seen).toEqual(order === 'ASC' ? ALL_IDS : [...ALL_IDS].reverse());
    });

    it('returns participants, place, agreements, related events and evidence of an event', async () => {
      const { event } = await data(`{
        event(id: "2024-07-18-kim-receives-russian-military-delegation") {
          title type place { id } participants { role entity { id kind } } related { id }
          evidence { quote start end source { id url language } }
        }
        signing: event(id: "2024-06-19-cooperation-agreements-signing") { agreements { id } }
      }`);
      expect(event.place).toEqual({ id: 'pyongyang' });
      expect(event.participants).toEqual([
        { role: 'guest', entity: { id: 'alexei-krivoruchko', kind: 'PERSON' } },
        { role: 'guest', entity: { id: 'russian-military-delegation-2024-07', kind: 'DELEGATION' } },
        { role: 'host', entity: { id: 'kim-jong-un', kind: 'PERSON' } },
      ]);
      expect(event.related.map((e: { id: string }) => e.id)).toEqual([
        '2024-06-north-korea-russia-summit',
        '2024-07-russian-military-delegation-visit-to-pyongyang',
      ]);
      expect(event.evidence[0]).toEqual({
        quote: 'Em 18 de julho, o líder norte-coreano Kim Jong Un recebeu uma delegação militar russa',
        start: 0,
        end: 85,
        source: {
          id: 'baoquocte-279309',
          url: 'https://baoquocte.vn/phai-doan-quan-su-nga-tham-trieu-tien-279309.html',
          language: 'pt',
        },
      });
    });
  });

  describe('answers an analyst can trust (regressions)', () => {
    const counted = async (filter: Record<string, unknown>) => {
      const { timeline } = await data(
        'query ($filter: TimelineFilter) { timeline(filter: $filter, first: 100) { totalCount nodes { id } } }',
        { filter },
      );
      expect(timeline.totalCount).toBe(timeline.nodes.length);
      return timeline.nodes.map((node: { id: string }) => node.id);
    };

    it('counts year-precision events as the page lists them', async () => {
      expect(await counted({ from: '2024-06', to: '2024-06' })).toEqual(ALL_IDS.slice(0, 6));
      expect(await counted({ from: '2024-06', to: '2024-06', types: ['exchange'] })).toEqual([ALL_IDS[0]]);
      expect(await counted({ from: '2024-07-18', to: '2024-07-18' })).toEqual([ALL_IDS[0], ALL_IDS[6], ALL_IDS[8]]);
    });

    it('keeps a year-precision event when an entity is added to the period', async () => {
      expect(await counted({ entityIds: ['russia'], from: '2024-03', to: '2024-03' })).toEqual([ALL_IDS[0]]);
      const feed = (await (
        await fetch(`${server.base}/feeds/vis-timeline.json?entity=russia&from=2024-06&to=2024-06`)
      ).json()) as { totalCount: number; items: unknown[] };
      expect(feed.totalCount).toBe(feed.items.length);
      expect(feed.totalCount).toBe(6);
    });

    it('gives a country every event someone acting for it took part in', async () => {
      expect(await counted({ entityIds: ['russia'] })).toEqual(ALL_IDS);
      expect(await counted({ entityIds: ['north-korea'] })).toContain(
        '2024-07-08-north-korean-military-delegation-visit-to-russia',
      );
    });

    it('answers "when did Putin and Kim meet" with ALL, and "known to fall in June" with WITHIN', async () => {
      expect(await counted({ entityIds: ['kim-jong-un', 'vladimir-putin'], entityMatch: 'ALL' })).toEqual(
        ALL_IDS.slice(1, 6),
      );
      expect(await counted({ entityIds: ['kim-jong-un', 'vladimir-putin'] })).toContain(
        '2024-07-18-kim-receives-russian-military-delegation',
      );
      expect(await counted({ from: '2024-06', to: '2024-06', match: 'WITHIN' })).toEqual(ALL_IDS.slice(1, 6));
    });

    it('names unknown ids, types and places instead of answering an empty page', async () => {
      const { body } = await server.graphql(
        '{ timeline(filter: { entityIds: ["North Korea", "russia"] }) { totalCount } }',
      );
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', ids: ['North Korea'] });
      expect(await errorCode('{ timeline(filter: { types: ["meetings"] }) { totalCount } }')).toBe('BAD_USER_INPUT');
      expect(await errorCode('{ timeline(filter: { placeId: "seoul" }) { totalCount } }')).toBe('NOT_FOUND');
      const feed = await fetch(`${server.base}/feeds/timelinejs.json?entities=russia`);
      expect(feed.status).toBe(400);
      expect(await feed.text()).toContain('unknown parameter \\"entities\\"');
    });

    it("lists an agreement's signatories and parties with their evidence, also in the feeds", async () => {
      const { entity } = await data(`{ entity(id: "comprehensive-strategic-partnership-treaty") { ... on Agreement {
        signatories { role entity { id } evidence { quote } } parties { role entity { id } } } } }`);
      expect(entity.signatories.map((party: { entity: { id: string } }) => party.entity.id)).toEqual([
        'kim-jong-un',
        'vladimir-putin',
      ]);
      expect(entity.signatories[0].evidence[0].quote).toMatch(/assinaram um tratado/);
      expect(entity.parties).toEqual([
        { role: 'party', entity: { id: 'north-korea' } },
        { role: 'party', entity: { id: 'russia' } },
      ]);
      const feed = (await (await fetch(`${server.base}/feeds/timelinejs.json?type=signing`)).json()) as {
        events: { unique_id: string; text: { text: string } }[];
      };
      expect(feed.events.find((slide) => slide.unique_id === ALL_IDS[3])?.text.text).toContain(
        'signed by Kim Jong Un, Vladimir Putin; parties: Coreia do Norte, Rússia',
      );
    });
  });

  describe('search', () => {
    const entities = [
      ['kim-jong-un', ['Kim Jong Un', 'Kim Jong-un']],
      ['alexei-krivoruchko', ['Alexei Krivoruchko', 'Aleksey Krivoruchko', 'Krivoruchko']],
      ['vladimir-putin', ['Vladimir Putin', 'Putin', 'Presidente Putin', 'President Putin']],
      ['kcna', ['KCNA', 'Agência Central de Notícias da Coreia', 'Korean Central News Agency']],
      ['north-korea', ['Coreia do Norte', 'North Korea', 'DPRK', 'RPDC']],
      ['russia', ['Rússia', 'Russia', 'Russian Federation', 'Federação Russa']],
      ['moscow', ['Moscou', 'Moscow']],
      ['tumannaya-river', ['Rio Tumannaya', 'Tumannaya', 'Tumen River', 'Tumen']],
      [
        'comprehensive-strategic-partnership-treaty',
        ['tratado de parceria estratégica abrangente', 'Comprehensive Strategic Partnership Treaty'],
      ],
      ['russian-military-delegation-2024-07', ['delegação militar russa', 'Russian military delegation']],
    ] as const;

    it.each(entities.flatMap(([id, aliases]) => aliases.map((alias) => [alias, id])))(
      '"%s" finds %s first',
      async (alias, id) => {
        const { search } = await data(`query ($text: String!) { search(text: $text) { node { id } } }`, {
          text: alias,
        });
        expect(search[0]?.node.id).toBe(id);
      },
    );

    it('ignores case, accents and hyphens, and matches prefixes', async () => {
      for (const text of ['russia', 'RÚSSIA', 'kim jong un', 'KIM-JONG-UN', 'Krivo', 'agencia central']) {
        const { search } = await data(`query ($text: String!) { search(text: $text) { node { id } } }`, { text });
        expect({ text, found: search.length > 0 }).toEqual({ text, found: true });
      }
      const { search } = await data(`{ search(text: "Krivo") { score node { id ... on Event { title } } } }`);
      expect(search.map((hit: { node: { id: string } }) => hit.node.id)).toEqual([
        'alexei-krivoruchko',
        '2024-07-18-kim-receives-russian-military-delegation',
      ]);
    });

    it('ranks an exact name above an alias above a partial match', async () => {
      const { search } = await data(`{ search(text: "Tumannaya", first: 5) { score node { id } } }`);
      expect(search[0].node.id).toBe('tumannaya-river');
      expect(search[0].score).toBeGreaterThan(search[1].score);
      const exact = await data(`{ search(text: "Rio Tumannaya") { score node { id } } }`);
      expect(exact.search[0]).toMatchObject({ node: { id: 'tumannaya-river' } });
      expect(exact.search[0].score).toBeGreaterThan(3);
    });

    it.each(['Kim AND (Jong', '"unterminated', '*', 'a:b~2^', '\\', '[2024 TO 2025]', ''])(
      'treats Lucene syntax %p as text',
      async (text) => {
        const { search } = await data(`query ($text: String!) { search(text: $text) { node { id } } }`, { text });
        expect(Array.isArray(search)).toBe(true);
      },
    );

    it('ignores stop words, as the index does', async () => {
      const { search } = await data(
        '{ search(text: "treaty on comprehensive strategic partnership") { score node { id } } }',
      );
      expect(search[0]).toMatchObject({ node: { id: 'comprehensive-strategic-partnership-treaty' } });
      expect(search[0].score).toBeGreaterThan(3);
    });

    it.each([
      ['krivoruchco', 'alexei-krivoruchko'],
      ['Putim', 'vladimir-putin'],
      ['Rusia', 'russia'],
      ['Pionguiangue', 'pyongyang'],
    ])('tolerates %p (finds %s), ranked below exact and prefix matches', async (text, id) => {
      const { search } = await data('query ($text: String!) { search(text: $text) { score node { id } } }', { text });
      expect(search[0]?.node.id).toBe(id);
    });

    it('ranks a typo below an exact word', async () => {
      const { search } = await data('{ search(text: "Putim", first: 20) { score node { id } } }');
      const exact = await data('{ search(text: "Putin", first: 1) { score node { id } } }');
      expect(exact.search[0].score).toBeGreaterThan(search[0].score);
    });

    it('gives partial matches and suggests names when nothing matches every word, and refuses a ninth word', async () => {
      const { search, didYouMean } = await data(
        '{ search(text: "Kremlin Putyn") { score matchedOn node { id } } didYouMean(text: "Kremlin Putyn") }',
      );
      // Nothing holds "Kremlin": Putin is the best partial match (one word of two, score under 100).
      expect(search[0]).toMatchObject({ node: { id: 'vladimir-putin' }, matchedOn: expect.arrayContaining(['NAME']) });
      expect(search[0].score).toBeLessThan(100);
      expect(didYouMean[0]).toBe('Vladimir Putin');
      expect(await errorCode('{ search(text: "one two three four five six seven eight nine") { score } }')).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('connections and neighbourhoods', () => {
    it('finds the paths from the Russian deputy defence minister to the Russian president, with evidence', async () => {
      const { connections } = await data(`{
        connections(from: "alexei-krivoruchko", to: "vladimir-putin") {
          length nodes { id label } relationships { type from to evidence { quote } }
        }
      }`);
      expect(connections.length).toBeGreaterThan(0);
      expect(connections[0].length).toBe(3);
      expect(
        connections.map((path: { nodes: { id: string }[] }) => path.nodes.map((node) => node.id).join(' > ')),
      ).toContain('alexei-krivoruchko > russian-military-delegation-2024-07 > russia > vladimir-putin');
      for (const path of connections) {
        expect(
          path.nodes.every((node: { label: string }) => !['Day', 'Month', 'Year', 'Source'].includes(node.label)),
        ).toBe(true);
        expect(path.relationships.every((r: { evidence: unknown[] }) => r.evidence.length > 0)).toBe(true);
      }
    });

    it('returns the neighbourhood of the treaty', async () => {
      const { neighborhood } = await data(
        `{ neighborhood(id: "comprehensive-strategic-partnership-treaty") { nodes { id } relationships { type from to } } }`,
      );
      expect(neighborhood.nodes.map((n: { id: string }) => n.id).sort()).toEqual(
        [
          '2024-06-19-partnership-treaty-signing',
          'comprehensive-strategic-partnership-treaty',
          'kim-jong-un',
          'north-korea',
          'russia',
          'vladimir-putin',
        ].sort(),
      );
      expect(neighborhood.relationships).toEqual(
        expect.arrayContaining([
          {
            type: 'PRODUCED',
            from: '2024-06-19-partnership-treaty-signing',
            to: 'comprehensive-strategic-partnership-treaty',
          },
          { type: 'PARTY_TO', from: 'russia', to: 'comprehensive-strategic-partnership-treaty' },
          { type: 'SIGNED', from: 'kim-jong-un', to: 'comprehensive-strategic-partnership-treaty' },
        ]),
      );
    });
  });

  describe('lookups', () => {
    it('resolves node, entity, entities and event, and null for unknown ids', async () => {
      const result = await data(`{
        node(id: "pyongyang") { id label ... on Place { name aliases kind } }
        entity(id: "2024-06-19-putin-kim-talks") { id }
        event(id: "kim-jong-un") { id }
        unknown: node(id: "no-such-thing") { id }
        countries: entities(kind: COUNTRY) { id name }
      }`);
      expect(result).toEqual({
        node: {
          id: 'pyongyang',
          label: 'Place',
          name: 'Pyongyang',
          aliases: ['Pyongyang', 'Pionguiangue'],
          kind: 'PLACE',
        },
        entity: null,
        event: null,
        unknown: null,
        countries: [
          { id: 'north-korea', name: 'Coreia do Norte' },
          { id: 'russia', name: 'Rússia' },
        ],
      });
      const page = await data(`{ entities(first: 2, after: "kcna") { id } }`);
      expect(page.entities).toEqual([{ id: 'kim-jong-un' }, { id: 'medical-education-cooperation-agreement' }]);
    });

    it('runs every example query of GraphiQL and README without error and leaks no driver values', async () => {
      for (const example of EXAMPLE_QUERIES) {
        const { status, body } = await server.graphql(example.query, example.variables);
        expect({ name: example.name, status, errors: body.errors }).toEqual({
          name: example.name,
          status: 200,
          errors: undefined,
        });
        expect(JSON.stringify(body)).not.toMatch(/"low":|"high":/);
      }
    });
  });

  describe('widget feeds over plain GET', () => {
    it('serves the timeline selection as vis-timeline and TimelineJS3 JSON, readable cross-origin', async () => {
      const vis = await fetch(`${server.base}/feeds/vis-timeline.json?entity=alexei-krivoruchko&groupBy=entity`, {
        headers: { origin: 'https://widgets.example' },
      });
      expect(vis.status).toBe(200);
      expect(vis.headers.get('access-control-allow-origin')).toBe('*');
      const feed = (await vis.json()) as {
        items: { eventId: string; group: string; type: string }[];
        totalCount: number;
      };
      expect(feed.totalCount).toBe(2);
      expect(feed.items.map((item) => [item.eventId, item.type])).toEqual(
        expect.arrayContaining([
          [ALL_IDS[6], 'range'],
          [ALL_IDS[8], 'point'],
        ]),
      );
      const story = (await (
        await fetch(`${server.base}/feeds/timelinejs.json?type=signing,talks&title=June`)
      ).json()) as {
        title: { text: { headline: string } };
        events: { unique_id: string; start_date: Record<string, number> }[];
      };
      expect(story.title.text.headline).toBe('June');
      expect(story.events.map((slide) => slide.unique_id)).toEqual(ALL_IDS.slice(2, 5));
      expect(story.events[0]?.start_date).toMatchObject({ year: 2024, month: 6, day: 19 });
    });

    it('answers a bad selection with 400 and a code', async () => {
      const response = await fetch(`${server.base}/feeds/timelinejs.json?from=2024-13`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.from' } }],
      });
    });
  });

  describe('errors carry codes', () => {
    it.each([
      ['a bad date', `{ timeline(filter: { from: "2024-02-30" }) { totalCount } }`, 'BAD_USER_INPUT'],
      ['month 13', `{ timeline(filter: { to: "2024-13" }) { totalCount } }`, 'BAD_USER_INPUT'],
      [
        'an inverted period',
        `{ timeline(filter: { from: "2024-07", to: "2024-06" }) { totalCount } }`,
        'BAD_USER_INPUT',
      ],
      ['a garbage cursor', `{ timeline(after: "not-a-cursor") { totalCount } }`, 'BAD_USER_INPUT'],
      ['first = 0', `{ timeline(first: 0) { totalCount } }`, 'BAD_USER_INPUT'],
      ['first = 101', `{ timeline(first: 101) { totalCount } }`, 'BAD_USER_INPUT'],
      ['first < 0 in search', `{ search(text: "x", first: -1) { score } }`, 'BAD_USER_INPUT'],
      ['maxHops = 7', `{ connections(from: "russia", to: "kim-jong-un", maxHops: 7) { length } }`, 'BAD_USER_INPUT'],
      ['depth = 4', `{ neighborhood(id: "russia", depth: 4) { nodes { id } } }`, 'BAD_USER_INPUT'],
      ['limit = 501', `{ neighborhood(id: "russia", limit: 501) { nodes { id } } }`, 'BAD_USER_INPUT'],
      ['an unknown connection end', `{ connections(from: "russia", to: "atlantis") { length } }`, 'NOT_FOUND'],
      ['an unknown neighbourhood', `{ neighborhood(id: "atlantis") { nodes { id } } }`, 'NOT_FOUND'],
      ['an unknown field', `{ timeline { nope } }`, 'GRAPHQL_VALIDATION_FAILED'],
      ['a syntax error', `{ timeline { `, 'GRAPHQL_PARSE_FAILED'],
      ['a wrongly typed variable', `query ($n: Int) { timeline(first: $n) { totalCount } }`, 'BAD_USER_INPUT'],
    ])('%s', async (_name, query, code) => {
      const variables = query.includes('$n') ? { n: 'ten' } : undefined;
      expect(await errorCode(query, variables)).toBe(code);
    });

    it('codes what only execution finds in the values sent, and refuses a subscription on /graphql', async () => {
      // Valid (the variable has a default), but null reaches a non-null argument while executing.
      const nullArgument = 'query ($id: ID = "russia") { node(id: $id) { id } }';
      expect(await errorCode(nullArgument, { id: null })).toBe('BAD_USER_INPUT');
      // Variables are coerced before execution: a request error, 400 with application/graphql-response+json.
      const wrongType = await server.graphql('query ($n: Int) { timeline(first: $n) { totalCount } }', { n: 'ten' });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.data).toBeUndefined();
      const subscription = await server.graphql('subscription { timelineChanged { version } }');
      expect(subscription.body.errors?.[0]).toMatchObject({
        message: expect.stringContaining('/graphql/stream'),
        extensions: { code: 'BAD_REQUEST' },
      });
    });

    it('rejects queries deeper, wider or costlier than the limits', async () => {
      const deep = `{ timeline { nodes ${'{ related '.repeat(14)}{ id }${' }'.repeat(14)} } }`;
      expect(await errorCode(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
      const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: node(id: "russia") { id }`).join(' ')} }`;
      expect(await errorCode(aliases)).toBe('GRAPHQL_VALIDATION_FAILED');
      const tokens = `{ ${Array.from({ length: 1000 }, () => 'node(id: "x") { id }').join(' ')} }`;
      expect(await errorCode(tokens)).toBe('GRAPHQL_PARSE_FAILED');
    });
  });

  describe('database round trips', () => {
    const schema = buildSchema();
    const config = readConfig({ ...process.env });
    const page = `query ($first: Int) { timeline(first: $first) { nodes { id title place { name } participants { role entity { name } } agreements { id } related { id } evidence { quote source { url } } } } }`;

    async function transactionsFor(first: number): Promise<number> {
      const context = createContext(server.database, config.graphql, createLogger('silent'));
      const result = await execute({ schema, document: parse(page), variableValues: { first }, contextValue: context });
      expect(result.errors).toBeUndefined();
      expect((result.data?.timeline as { nodes: unknown[] }).nodes.length).toBe(first);
      return context.database.transactions;
    }

    it('is one transaction per timeline page, whatever its size (no N+1)', async () => {
      // The page brings its details and sources, primed into the loaders the event fields read.
      expect(await transactionsFor(1)).toBe(1);
      expect(await transactionsFor(9)).toBe(1);
    });
  });
});
