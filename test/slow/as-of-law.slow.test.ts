import fc from 'fast-check';
import type { BundleInput } from '../../src/bundle/validate-bundle';
import { seedBundleInputs } from '../../src/ingest/seed-loader';
import { bundleArbitrary } from '../helpers/bundle-arbitraries';
import { startDisposableDatabase, TEST_PASSWORD, type DisposableDatabase } from '../helpers/local-neo4j';
import { startTestServer, type TestServer } from '../helpers/server';

/** Bounded so that CI stays quick; each run loads up to six bundles and reads two views. */
const RUNS = Number(process.env.AS_OF_LAW_RUNS ?? 25);
const SOURCES = ['source-a', 'source-b', 'source-c'];
/** Days around the arbitrary's publication days (19 and 20 June, July 2024), before and after each. */
const DAYS = ['2024-06-18', '2024-06-19', '2024-06-20', '2024-06-30', '2024-07-01', '2024-07-31', '2024-08'];

/** Everything a reader sees of the graph: the timeline (filtered), every entity, and each one's timeline. */
const TIMELINE = `query Timeline($asOf: String, $filter: TimelineFilter) {
  timeline(first: 10, asOf: $asOf, filter: $filter) { totalCount nodes { ...event } }
}
fragment event on Event {
  id title titleEn type description disputed
  date { iso precision inferred note } endDate { iso }
  dateClaims { date { iso } source { id } evidence { quote } }
  participants { role title entity { id name } }
  heads { role title entity { id name } via { from to since until evidence { quote } } }
  place { id name } agreements { id } related { id }
  evidence { quote source { id } }
  quotes { text }
}`;
const ENTITIES = `query Entities($asOf: String) {
  entities(first: 10, asOf: $asOf) {
    id kind name nameEn aliases description
    evidence { quote source { id } }
    claims { source { id } name }
    timeline(first: 10) { totalCount nodes { id date { iso } title } }
  }
}`;

/**
 * The as-of law (README, "As of a date"): for random bundles with random publication days and a
 * random day D, the view as of D of the graph holding every source equals the current view of a
 * graph into which only the sources published on or before D were loaded. Ids are compared up to
 * which bundle named a merged node (as the order law does), since the two graphs load different
 * first bundles.
 */
describe('as of a date', () => {
  let disposable: DisposableDatabase;
  let server: TestServer;
  /** The same service reading every entity as a hub: timelines in date order from the index, revised events by their own branch. */
  let hubServer: TestServer;

  beforeAll(async () => {
    disposable = await startDisposableDatabase('asof');
    const env = { NEO4J_URI: disposable.neo4j.boltUri, NEO4J_PASSWORD: TEST_PASSWORD };
    server = await startTestServer(env);
    hubServer = await startTestServer({ ...env, TIMELINE_HUB_DEGREE: '1' });
  }, 600_000);

  afterAll(async () => {
    await server?.close();
    await hubServer?.close();
    await disposable?.close();
  });

  const clear = () => disposable.database.write('test', (tx) => tx.run('MATCH (n) DETACH DELETE n'));
  const load = (bundles: readonly BundleInput[]) => seedBundleInputs(disposable.database, bundles);
  const read = async (query: string, variables: Record<string, unknown>, from = server) => {
    const { body } = await from.graphql(query, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const view = async (asOf: string | null, filter: Record<string, unknown> | null, from = server) =>
    canonical({ ...(await read(TIMELINE, { asOf, filter }, from)), ...(await read(ENTITIES, { asOf }, from)) });

  /** A source is published by D when its first possible day is (the day a month or year starts). */
  const publishedBy = (bundle: BundleInput, day: string) => {
    const published = (bundle.content as { source: { published?: { iso: string } } }).source.published?.iso;
    return published !== undefined && firstDay(published) <= lastDay(day);
  };

  it('the view as of D is the view of the sources published by D', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(...SOURCES.map((id) => bundleArbitrary(id))),
        fc.constantFrom(...DAYS),
        fc.option(
          fc.record({
            from: fc.option(fc.constantFrom('2024-06-18', '2024-06-19', '2024-06'), { nil: undefined }),
            to: fc.option(fc.constantFrom('2024-06-20', '2024-07'), { nil: undefined }),
            types: fc.option(fc.subarray(['signing', 'talks', 'summit'], { minLength: 1 }), { nil: undefined }),
          }),
          { nil: null },
        ),
        async (bundles, day, filter) => {
          await clear();
          await load(bundles);
          const asOf = await view(day, filter);
          const asOfFromIndex = await view(day, filter, hubServer);
          await clear();
          await load(bundles.filter((bundle) => publishedBy(bundle, day)));
          const loadedThen = await view(null, filter);
          expect({ day, filter, view: asOf }).toEqual({ day, filter, view: loadedThen });
          expect({ day, filter, view: asOfFromIndex }).toEqual({ day, filter, view: loadedThen });
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 900_000);

  it('a day before every source is an empty, well-formed view; a malformed day is refused naming asOf', async () => {
    await clear();
    const bundles = fc.sample(fc.tuple(...SOURCES.map((id) => bundleArbitrary(id))), { numRuns: 1, seed: 7 })[0]!;
    await load(bundles);
    expect(await read(TIMELINE, { asOf: '2023', filter: null })).toEqual({ timeline: { totalCount: 0, nodes: [] } });
    expect(await read(ENTITIES, { asOf: '2023' })).toEqual({ entities: [] });
    for (const bad of ['2024-02-30', 'yesterday', '2024-06-18/2024-06-19']) {
      const refused = await server.graphql(TIMELINE, { asOf: bad, filter: null });
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'asOf' });
      expect(refused.body.data ?? null).toBeNull();
    }
  });
});

/** The view with each id a bundle gave a merged node (`kim-jong-un-in-source-b`) named as the world names it, lists re-sorted by id. */
function canonical(data: unknown): unknown {
  const renamed = JSON.parse(JSON.stringify(data).replace(/-in-source-[a-c]/g, '')) as {
    entities: { id: string }[];
  };
  renamed.entities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return renamed;
}

function firstDay(iso: string): string {
  return iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso;
}

function lastDay(iso: string): string {
  if (iso.length === 10) return iso;
  const [year, month] = iso.split('-').map(Number) as [number, number | undefined];
  if (month === undefined) return `${year}-12-31`;
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
