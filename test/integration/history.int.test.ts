import path from 'node:path';
import { execute, parse } from 'graphql';
import { readConfig } from '../../src/config';
import { createContext } from '../../src/graphql/context';
import { buildSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { SourceNotFoundError } from '../../src/ingest/apply-source';
import { retractSource, seedBundles } from '../../src/ingest/seed-loader';
import { TOUCHED_EVENTS, touchedParams } from '../../src/repositories/history.repository';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const TASS = 'tass-2024-06-19-treaty';
const JUNE_18 = 'june-18-signing-report';
const ARTICLE = 'baoquocte-279309';
const SIGNING = '2024-06-19-partnership-treaty-signing';
const TALKS_18 = 'conversacoes-putin-kim-junho-2024';

interface Change {
  field: string;
  before: string | null;
  after: string | null;
  added: string[];
  removed: string[];
}
interface Revision {
  day: string | null;
  source: { id: string };
  changes: Change[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes vary per query
type Data = any;

const REVISION = '{ day source { id } changes { field before after added removed } }';

/**
 * History and changes on the article with the TASS report (published 19 June) and the report of
 * 20 June that dates the signing 18 June: the signing's states source by source, and what the
 * reporting of a period did to each event it touched.
 */
describe('history and changes', () => {
  let server: TestServer;

  const retractIfLoaded = async (sourceId: string) =>
    retractSource(server.database, sourceId).catch((error: unknown) => {
      if (!(error instanceof SourceNotFoundError)) throw error;
    });

  async function data(query: string, variables?: Record<string, unknown>) {
    const { body } = await server.graphql(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as Record<string, Data>;
  }

  async function refusal(query: string) {
    const { body } = await server.graphql(query);
    expect(body.data?.changes ?? null).toBeNull();
    const error = body.errors?.[0];
    expect(JSON.stringify(body)).not.toMatch(/\bat .+\.ts:\d+/);
    return { code: error?.extensions?.code, argument: error?.extensions?.argument, message: error?.message };
  }

  beforeAll(async () => {
    server = await startSeededTestServer();
    await seedBundles(server.database, [
      path.join(FIXTURES_DIR, 'tass-treaty-report.yaml'),
      path.join(FIXTURES_DIR, 'june-18-signing-report.yaml'),
    ]);
  });

  afterAll(async () => {
    if (server) for (const sourceId of [JUNE_18, TASS]) await retractIfLoaded(sourceId);
    await server?.close();
  });

  describe('Event.history', () => {
    it("lists the signing's states: TASS (19 June), the 18 June report (disputed), the article (its title)", async () => {
      const { event } = await data(`query ($id: ID!) { event(id: $id) { history ${REVISION} } }`, { id: SIGNING });
      const history = event.history as Revision[];
      expect(history.map((entry) => [entry.source.id, entry.day])).toEqual([
        [TASS, '2024-06-19'],
        [JUNE_18, '2024-06-20'],
        [ARTICLE, '2024-07-01'],
      ]);
      const [tass, june18, article] = history as [Revision, Revision, Revision];
      expect(tass.changes[0]).toEqual({ field: 'created', before: null, after: SIGNING, added: [], removed: [] });
      expect(tass.changes).toContainEqual({ field: 'date', before: null, after: '2024-06-19', added: [], removed: [] });
      expect(tass.changes).toContainEqual({
        field: 'participants',
        before: null,
        after: 'kim-jong-un (signatory); vladimir-putin (signatory)',
        added: ['kim-jong-un (signatory)', 'vladimir-putin (signatory)'],
        removed: [],
      });
      expect(june18.changes).toEqual([
        { field: 'disputed', before: 'false', after: 'true', added: [], removed: [] },
        {
          field: 'claimedDates',
          before: '2024-06-19',
          after: '2024-06-18; 2024-06-19',
          added: ['2024-06-18'],
          removed: [],
        },
      ]);
      expect(article.changes).toEqual([
        {
          field: 'title',
          before: 'Signing of the Treaty on Comprehensive Strategic Partnership',
          after: 'Assinatura do tratado de parceria estratégica abrangente',
          added: [],
          removed: [],
        },
      ]);
    });

    it('ends in the current view: the last value of each field is what the event shows', async () => {
      const { event } = await data(
        `query ($id: ID!) { event(id: $id) { title titleEn type disputed date { iso } history ${REVISION} } }`,
        { id: SIGNING },
      );
      const last = new Map<string, string | null>();
      for (const entry of event.history as Revision[])
        for (const change of entry.changes) last.set(change.field, change.after);
      expect(Object.fromEntries(['title', 'titleEn', 'type', 'disputed', 'date'].map((f) => [f, last.get(f)]))).toEqual(
        {
          title: event.title,
          titleEn: event.titleEn,
          type: event.type,
          disputed: String(event.disputed),
          date: event.date.iso,
        },
      );
    });

    it('read as of 19 June, stops at the TASS report', async () => {
      const { event } = await data(
        `query ($id: ID!) { event(id: $id, asOf: "2024-06-19") { asOf disputed history ${REVISION} } }`,
        { id: SIGNING },
      );
      expect(event.asOf).toBe('2024-06-19');
      expect(event.disputed).toBe(false);
      expect((event.history as Revision[]).map((entry) => entry.source.id)).toEqual([TASS]);
    });

    it('gives a place its history: the 18 June talks took place in Pyongyang', async () => {
      const { event } = await data(`query ($id: ID!) { event(id: $id) { history ${REVISION} } }`, { id: TALKS_18 });
      expect(event.history).toHaveLength(1);
      expect(event.history[0].changes).toContainEqual({
        field: 'place',
        before: null,
        after: 'pyongyang',
        added: ['pyongyang'],
        removed: [],
      });
    });
  });

  describe('Entity.history', () => {
    it("lists Kim Jong Un's names as the sources came: TASS's spelling, then the article's preferred one", async () => {
      const { entity } = await data(`{ entity(id: "kim-jong-un") { name history ${REVISION} } }`);
      const history = entity.history as Revision[];
      expect(history.map((entry) => entry.source.id)).toEqual([TASS, JUNE_18, ARTICLE]);
      expect(history[0]!.changes).toContainEqual({
        field: 'name',
        before: null,
        after: 'Kim Jong-un',
        added: [],
        removed: [],
      });
      expect(history[1]!.changes).toEqual([
        {
          field: 'aliases',
          before: 'Kim Jong-un',
          after: 'Kim Jong-un; Kim Jong Un',
          added: ['Kim Jong Un'],
          removed: [],
        },
      ]);
      expect(history[2]!.changes).toContainEqual({
        field: 'name',
        before: 'Kim Jong-un',
        after: entity.name,
        added: [],
        removed: [],
      });
      const asOf = await data(`{ entity(id: "kim-jong-un", asOf: "2024-06-20") { history { source { id } } } }`);
      expect(asOf.entity.history.map((entry: Revision) => entry.source.id)).toEqual([TASS, JUNE_18]);
    });

    it('an entity only the article names has one entry, created by it', async () => {
      const { entity } = await data(`{ entity(id: "alexei-krivoruchko") { history ${REVISION} } }`);
      expect(entity.history).toHaveLength(1);
      expect(entity.history[0]).toMatchObject({ day: '2024-07-01', source: { id: ARTICLE } });
      expect(entity.history[0].changes[0]).toMatchObject({ field: 'created', after: 'alexei-krivoruchko' });
    });
  });

  describe('Query.changes', () => {
    const CHANGES = `{ totalCount pageInfo { hasNextPage endCursor }
      nodes { kind event { id asOf } sources { id } changes { field before after added removed } revisions { day source { id } changes { field } } } }`;

    it('shows the dispute the 18 June report opened, and the talks it first reported', async () => {
      const { changes } = await data(`{ changes(from: "2024-06-19", to: "2024-06-20") ${CHANGES} }`);
      expect(changes.totalCount).toBe(2);
      expect(changes.pageInfo.hasNextPage).toBe(false);
      const [signing, talks] = changes.nodes;
      expect(signing).toEqual({
        kind: 'DISPUTE_OPENED',
        event: { id: SIGNING, asOf: '2024-06-20' },
        sources: [{ id: JUNE_18 }],
        changes: [
          { field: 'disputed', before: 'false', after: 'true', added: [], removed: [] },
          {
            field: 'claimedDates',
            before: '2024-06-19',
            after: '2024-06-18; 2024-06-19',
            added: ['2024-06-18'],
            removed: [],
          },
        ],
        revisions: [
          { day: '2024-06-20', source: { id: JUNE_18 }, changes: [{ field: 'disputed' }, { field: 'claimedDates' }] },
        ],
      });
      expect(talks).toMatchObject({ kind: 'NEW_EVENT', event: { id: TALKS_18 }, sources: [{ id: JUNE_18 }] });
      expect(talks.changes[0]).toEqual({ field: 'created', before: null, after: TALKS_18, added: [], removed: [] });
    });

    it("tells the article's July reporting: new events, and the signing revised (its title)", async () => {
      const { changes } = await data(`{ changes(from: "2024-06", to: "2024-07", first: 100) ${CHANGES} }`);
      const byId = new Map(changes.nodes.map((node: { event: { id: string } }) => [node.event.id, node]));
      expect(changes.totalCount).toBe(changes.nodes.length);
      expect(byId.get(SIGNING)).toMatchObject({
        kind: 'REVISED',
        sources: [{ id: ARTICLE }],
        changes: [{ field: 'title', after: 'Assinatura do tratado de parceria estratégica abrangente' }],
      });
      expect(byId.get('2024-07-18-kim-receives-russian-military-delegation')).toMatchObject({ kind: 'NEW_EVENT' });
      // The 18 June talks: the article does not report them.
      expect(byId.has(TALKS_18)).toBe(false);
    });

    it('pages with opaque cursors through the same items as one page, totalCount on every page', async () => {
      const all = (await data(`{ changes(from: "2024-01-01", to: "2024-12-31", first: 100) ${CHANGES} }`)).changes;
      expect(all.totalCount).toBe(11);
      expect(all.nodes).toHaveLength(11);
      const ids: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: Data = (
          await data(
            `query ($after: String) { changes(from: "2024-01-01", to: "2024-12-31", first: 4, after: $after) ${CHANGES} }`,
            { after },
          )
        ).changes;
        pages += 1;
        expect(page.totalCount).toBe(11);
        expect(page.nodes.length).toBeLessThanOrEqual(4);
        ids.push(...page.nodes.map((node: { event: { id: string } }) => node.event.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(ids).toEqual(all.nodes.map((node: { event: { id: string } }) => node.event.id));
      // Ordered by the day of the first source of the period, then id: the TASS report's events first.
      expect(ids.slice(0, 3)).toEqual([SIGNING, '2024-06-19-putin-breakthrough-remark', '2024-06-19-putin-kim-talks']);
    });

    it('answers a period before every source with an empty, well-formed page', async () => {
      const { changes } = await data(`{ changes(from: "1990", to: "1991-06-30") ${CHANGES} }`);
      expect(changes).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
      const same = await data(`{ changes(from: "2024-06-20", to: "2024-06-20") { totalCount nodes { kind } } }`);
      expect(same.changes).toEqual({ totalCount: 0, nodes: [] });
    });

    it('refuses malformed days, an inverted period, a foreign cursor and first out of range, naming the argument', async () => {
      expect(await refusal('{ changes(from: "2024-13-01", to: "2024-12-31") { totalCount } }')).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'from',
      });
      expect(await refusal('{ changes(from: "2024", to: "last week") { totalCount } }')).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'to',
      });
      expect(await refusal('{ changes(from: "2024-07-02", to: "2024-07-01") { totalCount } }')).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'from',
        message: expect.stringContaining('after'),
      });
      expect(await refusal('{ changes(from: "2024", to: "2024", first: 0) { totalCount } }')).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'first',
      });
      expect(await refusal('{ changes(from: "2024", to: "2024", first: 101) { totalCount } }')).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'first',
      });
      const timelineCursor = Buffer.from('tl1:2024-06-19|0|x').toString('base64url');
      for (const after of ['nonsense', timelineCursor, Buffer.from('ch1:2024-02-30 x').toString('base64url')])
        expect(await refusal(`{ changes(from: "2024", to: "2024", after: "${after}") { totalCount } }`)).toMatchObject({
          code: 'BAD_USER_INPUT',
          argument: 'after',
        });
    });

    it('starts from the sources published in the period (their range index), never a scan of the events', async () => {
      const session = server.driver.session();
      try {
        const indexes = await session.run(
          "SHOW INDEXES YIELD name, labelsOrTypes, properties, state WHERE name = 'source_published_earliest' RETURN labelsOrTypes, properties, state",
        );
        expect(indexes.records.map((record) => record.toObject())).toEqual([
          { labelsOrTypes: ['Source'], properties: ['publishedEarliest'], state: 'ONLINE' },
        ]);
        const plan = await session.run(
          `EXPLAIN ${TOUCHED_EVENTS} RETURN count(e)`,
          touchedParams('2024-06-19', '2024-06-20'),
        );
        const operators: string[] = [];
        const walk = (node: { operatorType: string; children: unknown[] }) => {
          operators.push(node.operatorType);
          for (const child of node.children) walk(child as typeof node);
        };
        walk(plan.summary.plan as unknown as { operatorType: string; children: unknown[] });
        expect(operators.some((operator) => operator.startsWith('NodeIndexSeekByRange'))).toBe(true);
        expect(operators.filter((operator) => /LabelScan|AllNodesScan/.test(operator))).toEqual([]);
      } finally {
        await session.close();
      }
    });
  });

  describe('database round trips', () => {
    const schema = buildSchema();
    const config = readConfig({ ...process.env });

    async function transactionsFor(query: string, first: number, count: (data: Data) => number): Promise<number> {
      const context = createContext(server.database, config.graphql, createLogger('silent'));
      const result = await execute({
        schema,
        document: parse(query),
        variableValues: { first },
        contextValue: context,
      });
      expect(result.errors).toBeUndefined();
      expect(count(result.data)).toBe(first);
      return context.database.transactions;
    }

    it("reads a page's histories in one batch, whatever its size (no N+1)", async () => {
      const timeline = `query ($first: Int) { timeline(first: $first) { nodes { id history { day source { id } changes { field } } } } }`;
      const events = (data: Data) => data.timeline.nodes.length;
      // The page (its sources primed), then the claims of all its events and their participations and places.
      expect(await transactionsFor(timeline, 1, events)).toBe(2);
      expect(await transactionsFor(timeline, 9, events)).toBe(2);
    });

    it("reads a page of changes in the same few transactions, whatever its size, its events' histories included", async () => {
      const changes = `query ($first: Int) { changes(from: "2024-01-01", to: "2024-12-31", first: $first) {
        nodes { kind sources { id } event { id title history { source { id } } } revisions { source { id } } } } }`;
      const items = (data: Data) => data.changes.nodes.length;
      // The touched events, their claims (primed into the history loader), the events as of `to`, the sources.
      expect(await transactionsFor(changes, 1, items)).toBe(4);
      expect(await transactionsFor(changes, 11, items)).toBe(4);
    });
  });
});
