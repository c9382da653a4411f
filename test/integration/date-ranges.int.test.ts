import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BundleValidationError } from '../../src/bundle/bundle-problems';
import { ensureGraphSchema } from '../../src/repositories/graph-schema.repository';
import { retractSource, seedBundleInputs, seedBundles } from '../../src/ingest/seed-loader';
import { FIXTURES_DIR, snapshotGraph, type GraphSnapshot } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const RANGE_REPORT = path.join(FIXTURES_DIR, 'range-report.yaml');
const CONSULTATIONS = '2024-07-russia-north-korea-consultations';
const STATE_VISIT = '2024-06-19-putin-state-visit-to-north-korea';

/** Intervals of days ("June 18-19", "last week") from the bundle to the API, the calendar and the feeds. */
describe('dates that are intervals of days', () => {
  let server: TestServer;
  let before: GraphSnapshot;

  beforeAll(async () => {
    server = await startSeededTestServer();
    before = await snapshotGraph(server.database);
    await seedBundles(server.database, [RANGE_REPORT]);
  });
  afterAll(async () => {
    await retractSource(server.database, 'test-range-report').catch(() => undefined);
    await server?.close();
  });

  const timelineIds = async (filter: Record<string, unknown>) => {
    const { body } = await server.graphql(
      'query ($filter: TimelineFilter) { timeline(filter: $filter, first: 100) { totalCount nodes { id } } }',
      { filter },
    );
    return (body.data?.timeline.nodes as { id: string }[]).map((node) => node.id);
  };

  it('serves an interval with its precision, its days and its last day as endDate', async () => {
    const { body } = await server.graphql(
      `{ event(id: "${CONSULTATIONS}") { date { iso precision year month day earliest latest inferred } endDate { iso precision } disputed } }`,
    );
    expect(body.data?.event).toEqual({
      date: {
        iso: '2024-07-15/2024-07-21',
        precision: 'RANGE',
        year: 2024,
        month: 7,
        day: 15,
        earliest: '2024-07-15',
        latest: '2024-07-21',
        inferred: true,
      },
      endDate: { iso: '2024-07-21', precision: 'DAY' },
      disputed: false,
    });
  });

  it('a day inside a reported interval agrees with it: 19 June stays the state visit date, undisputed', async () => {
    const { body } = await server.graphql(
      `{ event(id: "${STATE_VISIT}") { date { iso precision } disputed dateClaims { date { iso precision } source { id } } } }`,
    );
    expect(body.data?.event.date).toEqual({ iso: '2024-06-19', precision: 'DAY' });
    expect(body.data?.event.disputed).toBe(false);
    expect(body.data?.event.dateClaims).toContainEqual({
      date: { iso: '2024-06-18/2024-06-19', precision: 'RANGE' },
      source: { id: 'test-range-report' },
    });
  });

  it('selects an interval by overlap, and within a period only when all its days are inside', async () => {
    expect(await timelineIds({ from: '2024-07-18', to: '2024-07-18' })).toContain(CONSULTATIONS);
    expect(await timelineIds({ from: '2024-07-22', to: '2024-07-31' })).not.toContain(CONSULTATIONS);
    expect(await timelineIds({ from: '2024-07', to: '2024-07', match: 'WITHIN' })).toContain(CONSULTATIONS);
    expect(await timelineIds({ from: '2024-07-15', to: '2024-07-20', match: 'WITHIN' })).not.toContain(CONSULTATIONS);
    const { body } = await server.graphql('{ timeline(filter: { from: "2024-07-15/2024-07-21" }) { totalCount } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('orders an interval by its first day', async () => {
    const ids = await timelineIds({ from: '2024-07', to: '2024-07' });
    expect(ids.indexOf(CONSULTATIONS)).toBeGreaterThan(
      ids.indexOf('2024-07-08-north-korean-military-delegation-visit-to-russia'),
    );
    expect(ids.indexOf(CONSULTATIONS)).toBeLessThan(ids.indexOf('2024-07-18-kim-receives-russian-military-delegation'));
  });

  it('finds the longest interval a date may be (92 days) in a period that holds only its last day', async () => {
    const bundle = parse(readFileSync(RANGE_REPORT, 'utf8')) as { events: { id: string; date: { iso: string } }[] };
    const consultations = bundle.events.find((event) => event.id === CONSULTATIONS);
    if (!consultations) throw new Error('the range report lost its consultations');
    consultations.date.iso = '2024-04-21/2024-07-21';
    await seedBundleInputs(server.database, [{ file: 'long-interval', content: bundle }]);
    try {
      expect(await timelineIds({ from: '2024-07-21', to: '2024-07-31' })).toContain(CONSULTATIONS);
      expect(await timelineIds({ from: '2024-07-22', to: '2024-07-31' })).not.toContain(CONSULTATIONS);
    } finally {
      await seedBundles(server.database, [RANGE_REPORT]);
    }
  });

  it('rebuilds timeline keys written in the format before intervals (MONTH ranked 1, YEAR 2)', async () => {
    const yearEvent = await server.database.read('test', async (tx) => {
      const result = await tx.run(
        "MATCH (e:Event) WHERE e.datePrecision IN ['MONTH', 'YEAR'] RETURN e.id AS id, e.timelineKey AS key LIMIT 1",
      );
      return { id: result.records[0]?.get('id') as string, key: result.records[0]?.get('key') as string };
    });
    expect(yearEvent.id).toBeDefined();
    const stale = yearEvent.key.replace(/\|([23])\|/, (_, rank: string) => `|${Number(rank) - 1}|`);
    await server.database.write('test', (tx) =>
      tx.run(
        "MATCH (e:Event {id: $id}) SET e.timelineKey = $stale WITH e MATCH (v:DataVersion {id: 'graph'}) REMOVE v.timelineKeyFormat",
        { id: yearEvent.id, stale },
      ),
    );
    await ensureGraphSchema(server.database);
    const rebuilt = await server.database.read('test', async (tx) => {
      const result = await tx.run('MATCH (e:Event {id: $id}) RETURN e.timelineKey AS key', { id: yearEvent.id });
      return result.records[0]?.get('key') as string;
    });
    expect(stale).not.toBe(yearEvent.key);
    expect(rebuilt).toBe(yearEvent.key);
  });

  it('hangs the interval on each of its days in the calendar', async () => {
    const days = await server.database.read('test', async (tx) => {
      const result = await tx.run(
        'MATCH (:Event {id: $id})-[:ON_DAY]->(d:Day) RETURN toString(d.date) AS day ORDER BY day',
        { id: CONSULTATIONS },
      );
      return result.records.map((record) => record.get('day') as string);
    });
    expect(days).toEqual([
      '2024-07-15',
      '2024-07-16',
      '2024-07-17',
      '2024-07-18',
      '2024-07-19',
      '2024-07-20',
      '2024-07-21',
    ]);
  });

  it('feeds say the interval as readers write it, and draw it as a range', async () => {
    const vis = (await (await fetch(`${server.base}/feeds/vis-timeline.json?from=2024-07&to=2024-07`)).json()) as {
      items: { eventId: string; type: string; start: string; end?: string; details: { date: string } }[];
    };
    const item = vis.items.find((candidate) => candidate.eventId === CONSULTATIONS);
    expect(item).toMatchObject({ type: 'range', start: '2024-07-15', end: '2024-07-22' });
    expect(item?.details.date).toBe('15–21 July 2024 (year inferred)');
    const pt = (await (
      await fetch(`${server.base}/feeds/vis-timeline.json?from=2024-07&to=2024-07&lang=pt`)
    ).json()) as typeof vis;
    expect(pt.items.find((candidate) => candidate.eventId === CONSULTATIONS)?.details.date).toBe(
      '15 a 21 de julho de 2024 (ano inferido)',
    );
  });

  it('a bundle with endDate is refused, pointing at the interval form, writing nothing', async () => {
    const bundle = parse(readFileSync(RANGE_REPORT, 'utf8')) as { events: Record<string, unknown>[] };
    bundle.events[1] = { ...bundle.events[1], endDate: { iso: '2024-07-21', inferred: false, evidence: [] } };
    const snapshot = await snapshotGraph(server.database);
    const error = await seedBundleInputs(server.database, [{ file: 'with-end-date', content: bundle }]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BundleValidationError);
    expect((error as BundleValidationError).problems).toContainEqual({
      file: 'with-end-date',
      path: 'events[1].endDate',
      message: expect.stringContaining('date.iso "2024-06-18/2024-06-19"'),
    });
    expect(await snapshotGraph(server.database)).toEqual(snapshot);
  });

  it('retracting the report gives back the graph before it', async () => {
    await retractSource(server.database, 'test-range-report');
    expect(await snapshotGraph(server.database)).toEqual(before);
    await seedBundles(server.database, [RANGE_REPORT]);
  });
});
