import path from 'node:path';
import fc from 'fast-check';
import { SourceNotFoundError } from '../../src/ingest/apply-source';
import { retractSource, seedBundles } from '../../src/ingest/seed-loader';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, startTestServer, type TestServer } from '../helpers/server';
import { filterArbitrary, TimelineOracle, toOracleFilter, walk, type ApiFilter } from '../helpers/timeline-oracle';

const RUNS = Number(process.env.ORACLE_RUNS ?? 30);

/**
 * The timeline's answers against a reference implementation: random filters (entity sets, ANY and
 * ALL, periods of every precision, OVERLAPS and WITHIN, types, places, both orders, page sizes),
 * every page walked with its cursor, the ids and totalCount compared with the oracle's list.
 */
describe('timeline against the oracle', () => {
  describe('the article, with three more reports (a disputed date and intervals of days among them)', () => {
    let server: TestServer;
    let hubServer: TestServer;
    let oracle: TimelineOracle;
    const reports = ['tass-treaty-report.yaml', 'june-18-signing-report.yaml', 'range-report.yaml'].map((file) =>
      path.join(FIXTURES_DIR, file),
    );

    beforeAll(async () => {
      server = await startSeededTestServer();
      // Every entity with more than one relationship counts as a hub here: its events are read from the
      // date index and checked one by one, the way the service reads a head of state's. Planning such a
      // query takes seconds the first time; this checks answers, not latency.
      hubServer = await startTestServer({ TIMELINE_HUB_DEGREE: '1', NEO4J_QUERY_TIMEOUT_MS: '60000' });
      await seedBundles(server.database, reports);
      oracle = await TimelineOracle.read(server.database);
    });

    afterAll(async () => {
      for (const sourceId of ['june-18-signing-report', 'tass-2024-06-19-treaty', 'test-range-report']) {
        await retractSource(server.database, sourceId).catch((error: unknown) => {
          if (!(error instanceof SourceNotFoundError)) throw error;
        });
      }
      await hubServer?.close();
      await server?.close();
    });

    it('answers every filter as the oracle does, page after page', async () => {
      const entities = [...oracle.labels].filter(([, labels]) => labels.includes('Entity')).map(([id]) => id);
      const places = [...oracle.labels]
        .filter(([, labels]) => labels.includes('Place') || labels.includes('Country'))
        .map(([id]) => id);
      expect(oracle.events.some((event) => event.disputed)).toBe(true);
      expect(oracle.events.some((event) => event.id === '2024-07-russia-north-korea-consultations')).toBe(true);
      await fc.assert(
        fc.asyncProperty(filterArbitrary(entities, places, [2023, 2025]), async ({ filter, order, first }) => {
          const expected = oracle.timeline(toOracleFilter(filter), order);
          const { ids, totalCount } = await walk(server, filter, order, first, 100);
          expect({ filter, ids }).toEqual({ filter, ids: expected });
          expect({ filter, totalCount }).toEqual({ filter, totalCount: expected.length });
        }),
        { numRuns: RUNS },
      );
    }, 300_000);

    it('answers every filter as of a day as the oracle does, from the expansion and from the date index', async () => {
      // The reports' publication days and the article's (July 2024): each adds a source.
      const days = ['2024-06-19', '2024-06-20', '2024-07-01', '2024-07-26'];
      const oracles = new Map(
        await Promise.all(days.map(async (day) => [day, await TimelineOracle.read(server.database, day)] as const)),
      );
      expect(days.map((day) => oracles.get(day)?.events.length)).toEqual(
        [...days.map((day) => oracles.get(day)?.events.length ?? 0)].sort((a, b) => a - b),
      );
      expect(oracles.get('2024-06-20')?.events.some((event) => event.disputed)).toBe(true);
      expect(oracles.get('2024-06-19')?.events.some((event) => event.disputed)).toBe(false);
      const entities = [...oracle.labels].filter(([, labels]) => labels.includes('Entity')).map(([id]) => id);
      const places = [...oracle.labels]
        .filter(([, labels]) => labels.includes('Place') || labels.includes('Country'))
        .map(([id]) => id);
      await fc.assert(
        fc.asyncProperty(
          filterArbitrary(entities, places, [2023, 2025]),
          fc.constantFrom(...days),
          fc.boolean(),
          async ({ filter, order, first }, day, fromIndex) => {
            const expected = (oracles.get(day) as TimelineOracle).timeline(toOracleFilter(filter), order);
            const { ids, totalCount } = await walk(fromIndex ? hubServer : server, filter, order, first, 100, day);
            expect({ day, filter, ids }).toEqual({ day, filter, ids: expected });
            expect({ day, filter, totalCount }).toEqual({ day, filter, totalCount: expected.length });
          },
        ),
        { numRuns: RUNS },
      );
    }, 300_000);

    it('holds the regressions an analyst met, as the server answers them', async () => {
      /** The server's whole timeline for the filter, expanded and from the date index, as the oracle has it. */
      const timeline = async (filter: ApiFilter): Promise<string[]> => {
        const expanded = await walk(server, filter, 'ASC', 100, 10);
        const indexed = await walk(hubServer, filter, 'ASC', 100, 10);
        expect(expanded.complete).toBe(true);
        expect({ filter, ids: expanded.ids }).toEqual({ filter, ids: oracle.timeline(toOracleFilter(filter)) });
        expect(indexed.ids).toEqual(expanded.ids);
        return expanded.ids;
      };
      expect(await timeline({ entityIds: ['russia'] })).toEqual(
        expect.arrayContaining([
          '2024-06-19-putin-state-visit-to-north-korea',
          '2024-06-19-putin-kim-talks',
          '2024-06-19-partnership-treaty-signing',
          '2024-07-russian-military-delegation-visit-to-pyongyang',
        ]),
      );
      expect(await timeline({ entityIds: ['north-korea'] })).toContain(
        '2024-07-08-north-korean-military-delegation-visit-to-russia',
      );
      expect(await timeline({ entityIds: ['kim-jong-un', 'vladimir-putin'], entityMatch: 'ALL' })).not.toContain(
        '2024-07-18-kim-receives-russian-military-delegation',
      );
      expect(await timeline({ entityIds: ['russia'], from: '2024-03', to: '2024-03' })).toEqual([
        '2024-exchange-of-senior-officers',
      ]);
      // A head in the summits of the country it leads, not in the country's other events.
      const kim = await timeline({ entityIds: ['kim-jong-un'] });
      expect(kim).toContain('2024-06-north-korea-russia-summit');
      expect(kim).not.toContain('2024-exchange-of-senior-officers');
      expect(await timeline({ entityIds: ['vladimir-putin'], types: ['summit'] })).toEqual([
        '2024-06-north-korea-russia-summit',
      ]);
    });
  });
});
