import fc from 'fast-check';
import { retractSource, seedBundleInputs } from '../../src/ingest/seed-loader';
import type { BundleInput } from '../../src/bundle/validate-bundle';
import type { Database } from '../../src/neo4j/database';
import { bundleArbitrary, withCanonicalIds } from '../helpers/bundle-arbitraries';
import { readGraph, snapshotGraph, toSnapshot } from '../helpers/graph';
import { startDisposableDatabase, type DisposableDatabase } from '../helpers/local-neo4j';

/** Bounded so that CI stays quick; each run loads and retracts up to seven times. */
const RUNS = Number(process.env.CLAIM_LAW_RUNS ?? 30);

/**
 * The laws of many sources, over random bundles that share ids and aliases, against a Neo4j of
 * this file's own (each run starts from an empty graph): loading twice is loading once, loading B
 * then retracting it leaves A's graph exactly, and the load order does not matter (up to which id
 * names a merged node).
 */
describe('laws of loading and retracting sources', () => {
  let disposable: DisposableDatabase;
  let database: Database;

  beforeAll(async () => {
    disposable = await startDisposableDatabase('laws');
    ({ database } = disposable);
  });

  afterAll(async () => disposable?.close());

  const clear = () => database.write('test', (tx) => tx.run('MATCH (n) DETACH DELETE n'));
  const load = (bundle: BundleInput) => seedBundleInputs(database, [bundle]);

  it('A+A = A, A+B−B = A, A+B = B+A', async () => {
    await fc.assert(
      fc.asyncProperty(bundleArbitrary('source-a'), bundleArbitrary('source-b'), async (a, b) => {
        await clear();
        await load(a);
        const onlyA = await snapshotGraph(database);
        await load(a);
        expect(await snapshotGraph(database)).toEqual(onlyA);

        await load(b);
        const aThenB = await readGraph(database);
        await retractSource(database, 'source-b');
        expect(await snapshotGraph(database)).toEqual(onlyA);

        await clear();
        await load(b);
        await load(a);
        expect(toSnapshot(withCanonicalIds(await readGraph(database)))).toEqual(toSnapshot(withCanonicalIds(aThenB)));
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
