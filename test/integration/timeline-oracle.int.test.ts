import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { readConfig } from '../../src/config';
import { parseFuzzyDate } from '../../src/domain/fuzzy-date';
import { EVENT_TYPES } from '../../src/domain/model';
import { retractSource, seedBundles } from '../../src/ingest/seed-loader';
import { SourceNotFoundError } from '../../src/ingest/apply-source';
import { createLocalNeo4j } from '../../src/localdb/create';
import type { LocalNeo4j } from '../../src/localdb/instance';
import { findFreePort } from '../../src/localdb/ports';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, startTestServer, type TestServer } from '../helpers/server';
import { TimelineOracle, type OracleFilter } from '../helpers/timeline-oracle';

const ROOT = path.resolve(__dirname, '../..');
const RUNS = Number(process.env.ORACLE_RUNS ?? 40);
const TYPES = Object.keys(EVENT_TYPES);

interface ApiFilter {
  entityIds?: string[];
  entityMatch?: 'ANY' | 'ALL';
  from?: string;
  to?: string;
  match?: 'OVERLAPS' | 'WITHIN';
  types?: string[];
  placeId?: string;
}

/** A date of any precision in the given years. */
const isoDate = (years: [number, number]) =>
  fc
    .tuple(fc.integer({ min: years[0], max: years[1] }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('YEAR', 'MONTH', 'DAY'))
    .map(([year, month, day, precision]) => {
      const mm = String(month).padStart(2, '0');
      return precision === 'YEAR' ? String(year) : precision === 'MONTH' ? `${year}-${mm}` : `${year}-${mm}-${String(day).padStart(2, '0')}`;
    });

function filterArbitrary(entities: readonly string[], places: readonly string[], years: [number, number]): fc.Arbitrary<{ filter: ApiFilter; order: 'ASC' | 'DESC'; first: number }> {
  return fc
    .record({
      entityIds: fc.option(fc.uniqueArray(fc.constantFrom(...entities), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      entityMatch: fc.option(fc.constantFrom('ANY' as const, 'ALL' as const), { nil: undefined }),
      from: fc.option(isoDate(years), { nil: undefined }),
      to: fc.option(isoDate(years), { nil: undefined }),
      match: fc.option(fc.constantFrom('OVERLAPS' as const, 'WITHIN' as const), { nil: undefined }),
      types: fc.option(fc.uniqueArray(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 3 }), { freq: 3, nil: undefined }),
      placeId: fc.option(fc.constantFrom(...places), { freq: 4, nil: undefined }),
      order: fc.constantFrom('ASC' as const, 'DESC' as const),
      first: fc.integer({ min: 1, max: 7 }),
    })
    .map(({ order, first, ...filter }) => {
      // An inverted period is refused (tested elsewhere); swap it.
      if (filter.from && filter.to && (parseFuzzyDate(filter.from)?.earliest ?? '') > (parseFuzzyDate(filter.to)?.latest ?? '')) {
        [filter.from, filter.to] = [filter.to, filter.from];
      }
      const defined = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as ApiFilter;
      return { filter: defined, order, first };
    });
}

function toOracleFilter(filter: ApiFilter): OracleFilter {
  return {
    ...filter,
    fromDay: filter.from ? parseFuzzyDate(filter.from)?.earliest : undefined,
    toDay: filter.to ? parseFuzzyDate(filter.to)?.latest : undefined,
  };
}

/** Walks the API's pages with cursors (at most `maxPages`); returns the ids and the first page's totalCount. */
async function walk(server: TestServer, filter: ApiFilter, order: 'ASC' | 'DESC', first: number, maxPages: number): Promise<{ ids: string[]; totalCount: number; complete: boolean }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let page = 0; page < maxPages; page += 1) {
    const { body } = await server.graphql(
      `query ($filter: TimelineFilter, $first: Int, $after: String, $order: SortOrder) {
         timeline(filter: $filter, first: $first, after: $after, order: $order) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { filter, first, after, order },
    );
    if (body.errors) throw new Error(`${JSON.stringify(filter)}: ${JSON.stringify(body.errors)}`);
    const timeline = body.data?.timeline as { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    if (page === 0) totalCount = timeline.totalCount;
    ids.push(...timeline.nodes.map((node) => node.id));
    if (!timeline.pageInfo.hasNextPage) return { ids, totalCount, complete: true };
    after = timeline.pageInfo.endCursor;
  }
  return { ids, totalCount, complete: false };
}

/**
 * The timeline's answers against a reference implementation: random filters (entity sets, ANY and
 * ALL, periods of every precision, OVERLAPS and WITHIN, types, places, both orders, page sizes),
 * every page walked with its cursor, the ids and totalCount compared with the oracle's list.
 */
describe('timeline against the oracle', () => {
  describe('the article, with two more reports (a disputed date among them)', () => {
    let server: TestServer;
    let oracle: TimelineOracle;
    const reports = ['tass-treaty-report.yaml', 'june-18-signing-report.yaml'].map((file) => path.join(FIXTURES_DIR, file));

    beforeAll(async () => {
      server = await startSeededTestServer();
      await seedBundles(server.database, reports);
      oracle = await TimelineOracle.read(server.database);
    });

    afterAll(async () => {
      for (const sourceId of ['june-18-signing-report', 'tass-2024-06-19-treaty']) {
        await retractSource(server.database, sourceId).catch((error: unknown) => {
          if (!(error instanceof SourceNotFoundError)) throw error;
        });
      }
      await server?.close();
    });

    it('answers every filter as the oracle does, page after page', async () => {
      const entities = [...oracle.labels].filter(([, labels]) => labels.includes('Entity')).map(([id]) => id);
      const places = [...oracle.labels].filter(([, labels]) => labels.includes('Place') || labels.includes('Country')).map(([id]) => id);
      expect(oracle.events.some((event) => event.disputed)).toBe(true);
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

    it('holds the regressions an analyst met', () => {
      const russia = oracle.timeline({ entityIds: ['russia'] });
      expect(russia).toEqual(expect.arrayContaining(['2024-06-19-putin-state-visit-to-north-korea', '2024-06-19-putin-kim-talks', '2024-06-19-partnership-treaty-signing', '2024-07-russian-military-delegation-visit-to-pyongyang']));
      expect(oracle.timeline({ entityIds: ['north-korea'] })).toContain('2024-07-08-north-korean-military-delegation-visit-to-russia');
      expect(oracle.timeline({ entityIds: ['kim-jong-un', 'vladimir-putin'], entityMatch: 'ALL' })).not.toContain('2024-07-18-kim-receives-russian-military-delegation');
      expect(oracle.timeline({ entityIds: ['russia'], fromDay: '2024-03-01', toDay: '2024-03-31' })).toEqual(['2024-exchange-of-senior-officers']);
    });
  });

  describe('a 10k-event synthetic corpus (hubs read from the date index)', () => {
    let instance: LocalNeo4j;
    let server: TestServer;
    let oracle: TimelineOracle;

    beforeAll(async () => {
      const config = readConfig({ ...process.env, NEO4J_URI: '', NEO4J_PASSWORD: '', NEO4J_USER: '' });
      instance = createLocalNeo4j(config, { name: 'bench-10000', boltPort: await findFreePort(), httpPort: await findFreePort() });
      if (!existsSync(path.join(instance.home, 'corpus.json'))) {
        await promisify(execFile)('npx', ['tsx', 'src/synth/cli.ts', '--events', '10000'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NEO4J_URI: '', NEO4J_PASSWORD: '', NEO4J_USER: '' } });
      }
      await instance.start();
      server = await startTestServer({ NEO4J_URI: instance.boltUri, NEO4J_PASSWORD: config.neo4j.password });
      oracle = await TimelineOracle.read(server.database);
    }, 600_000);

    afterAll(async () => {
      await server?.close();
      await instance?.stop();
    });

    it('answers every filter as the oracle does (the first pages, and the count)', async () => {
      // Hubs (head of state, country, capital) and rare people, so both strategies are exercised.
      const entities = ['syn-person-0', 'syn-person-1', 'syn-country-0', 'syn-country-1', 'syn-place-0', 'syn-person-999', 'syn-person-500', 'syn-org-3'];
      const places = ['syn-place-0', 'syn-place-5', 'syn-country-0', 'syn-country-7'];
      await fc.assert(
        fc.asyncProperty(filterArbitrary(entities, places, [1995, 2024]), fc.integer({ min: 20, max: 60 }), async ({ filter, order }, first) => {
          const expected = oracle.timeline(toOracleFilter(filter), order);
          const { ids, totalCount, complete } = await walk(server, filter, order, first, 3);
          expect({ filter, ids }).toEqual({ filter, ids: complete ? expected : expected.slice(0, ids.length) });
          expect({ filter, totalCount }).toEqual({ filter, totalCount: expected.length });
        }),
        { numRuns: Math.ceil(RUNS / 2) },
      );
    }, 600_000);
  });
});
