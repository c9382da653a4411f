import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { readConfig } from '../../src/config';
import { createLocalNeo4j } from '../../src/localdb/create';
import type { LocalNeo4j } from '../../src/localdb/instance';
import { findFreePort } from '../../src/localdb/ports';
import { startTestServer, type TestServer } from '../helpers/server';
import { filterArbitrary, TimelineOracle, toOracleFilter, walk } from '../helpers/timeline-oracle';

const ROOT = path.resolve(__dirname, '../..');
const RUNS = Number(process.env.ORACLE_RUNS ?? 20);

/**
 * The timeline against the oracle (test/helpers/timeline-oracle.ts) on the benchmark's 10k-event
 * corpus (built when missing), where heads of state are hubs read from the date index. Its events
 * have people as participants, not countries, so a head is never in a country's summit through
 * leading it here: test/integration/heads-in-summits.int.test.ts checks that rule on random graphs.
 */
describe('timeline against the oracle', () => {
  describe('a 10k-event synthetic corpus (hubs read from the date index)', () => {
    let instance: LocalNeo4j;
    let server: TestServer;
    let oracle: TimelineOracle;

    beforeAll(async () => {
      const config = readConfig({ ...process.env, NEO4J_URI: '', NEO4J_PASSWORD: '', NEO4J_USER: '' });
      instance = createLocalNeo4j(config, {
        name: 'bench-10000',
        boltPort: await findFreePort(),
        httpPort: await findFreePort(),
      });
      if (!existsSync(path.join(instance.home, 'corpus.json'))) {
        await promisify(execFile)('npx', ['tsx', 'src/synth/cli.ts', '--events', '10000'], {
          cwd: ROOT,
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, NEO4J_URI: '', NEO4J_PASSWORD: '', NEO4J_USER: '' },
        });
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
      const entities = [
        'syn-person-0',
        'syn-person-1',
        'syn-country-0',
        'syn-country-1',
        'syn-place-0',
        'syn-person-999',
        'syn-person-500',
        'syn-org-3',
      ];
      const places = ['syn-place-0', 'syn-place-5', 'syn-country-0', 'syn-country-7'];
      await fc.assert(
        fc.asyncProperty(
          filterArbitrary(entities, places, [1995, 2024]),
          fc.integer({ min: 20, max: 60 }),
          async ({ filter, order }, first) => {
            const expected = oracle.timeline(toOracleFilter(filter), order);
            const { ids, totalCount, complete } = await walk(server, filter, order, first, 3);
            expect({ filter, ids }).toEqual({ filter, ids: complete ? expected : expected.slice(0, ids.length) });
            expect({ filter, totalCount }).toEqual({ filter, totalCount: expected.length });
          },
        ),
        { numRuns: RUNS },
      );
    }, 600_000);
  });
});
