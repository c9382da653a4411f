import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { parse, stringify } from 'yaml';
import type { Bundle } from '../../src/bundle/bundle-schema';
import { SourceNotFoundError } from '../../src/ingest/apply-source';
import { defaultBundleFiles, retractSource, seedBundles } from '../../src/ingest/seed-loader';
import { BundleValidationError } from '../../src/bundle/validate-bundle';
import type { Database } from '../../src/neo4j/database';
import { connectTestDatabase } from '../helpers/database';
import { ARTICLE_BUNDLE, FIXTURES_DIR, SEED_DIR, countSourceGraph, snapshotGraph } from '../helpers/graph';

describe('seeding the article bundle', () => {
  let driver: Driver;
  let database: Database;
  let scratch: string;

  beforeAll(async () => {
    ({ driver, database } = connectTestDatabase());
    scratch = mkdtempSync(path.join(os.tmpdir(), 'bundles-'));
    await seedBundles(database, [ARTICLE_BUNDLE]);
  });

  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await driver.close();
  });

  it('stores every entity, event, calendar node and relationship the article states', async () => {
    const { labels, types } = await countSourceGraph(database, 'baoquocte-279309');
    expect(labels).toEqual({
      Entity: 18,
      Person: 3,
      Organization: 2,
      Country: 2,
      Place: 4,
      Delegation: 2,
      Agreement: 5,
      Event: 9,
      Source: 1,
      Year: 1,
      Month: 2,
      Day: 3,
    });
    expect(types).toEqual({
      MENTIONED_IN: 27,
      PARTICIPATED_IN: 18,
      SIGNED: 10,
      PART_OF: 7,
      ON_DAY: 6,
      TOOK_PLACE_IN: 6,
      PRODUCED: 5,
      REPRESENTS: 4,
      LED_BY: 3,
      CONCERNS: 3,
      HAS_DAY: 3,
      HAS_MONTH: 2,
      IN_MONTH: 2,
      LOCATED_IN: 2,
      BORDERS: 2,
      PARTY_TO: 2,
      IN_YEAR: 1,
      MEMBER_OF: 1,
      CROSSES: 1,
      REPORTED_BY: 1,
      REFERENCES: 1,
    });
  });

  it('is idempotent: a second seed changes no node, relationship or property', async () => {
    const before = await snapshotGraph(database);
    const report = await seedBundles(database, [ARTICLE_BUNDLE]);
    expect(report).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0 });
    expect(await snapshotGraph(database)).toEqual(before);
  });

  it('backs every node and relationship with evidence whose quote is the source text at its offsets', async () => {
    const rows = await database.read('test', async (tx) => {
      const result = await tx.run(
        `MATCH (s:Source {id: 'baoquocte-279309'})
         CALL {
           WITH s UNWIND s.nodeIds AS id OPTIONAL MATCH (a:Entity {id: id}) OPTIONAL MATCH (b:Event {id: id})
           WITH coalesce(a, b) AS n RETURN n.id AS fact, n.evidence AS evidence
           UNION ALL
           WITH s MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Event) AND s.id IN r.sourceIds RETURN a.id + ' ' + type(r) + ' ' + b.id AS fact, r.evidence AS evidence
         }
         RETURN fact, evidence, s.text AS text`,
      );
      return result.records.map((record) => ({
        fact: record.get('fact'),
        evidence: record.get('evidence'),
        text: record.get('text'),
      }));
    });
    expect(rows.length).toBe(18 + 9 + 107 - 5); // every model node and relationship but the calendar tree's own links
    for (const { fact, evidence, text } of rows) {
      expect({ fact, hasEvidence: (evidence ?? []).length > 0 }).toEqual({ fact, hasEvidence: true });
      for (const item of evidence as string[]) {
        const { quote, start, end } = JSON.parse(item) as { quote: string; start: number; end: number };
        expect({ fact, quote: text.slice(start, end) }).toEqual({ fact, quote });
      }
    }
  });

  it('records fuzzy dates with bounds, the inference note and the record time', async () => {
    const event = await database.read('test', async (tx) => {
      const result = await tx.run(
        `MATCH (e:Event {id: '2024-07-russian-military-delegation-visit-to-pyongyang'})-[:IN_MONTH]->(m:Month)<-[:HAS_MONTH]-(y:Year)
         RETURN e {.dateIso, .datePrecision, .dateEarliest, .dateLatest, .dateInferred, .dateNote, .reportedIso} AS event, m.id AS month, y.id AS year`,
      );
      return result.records[0]?.toObject();
    });
    expect(event).toEqual({
      event: expect.objectContaining({
        dateIso: '2024-07',
        datePrecision: 'MONTH',
        dateInferred: true,
        reportedIso: '2024-07',
      }),
      month: '2024-07',
      year: '2024',
    });
    expect(String(event?.event.dateEarliest)).toBe('2024-07-01');
    expect(String(event?.event.dateLatest)).toBe('2024-07-31');
    expect(event?.event.dateNote).toMatch(/junho passado/);
  });

  describe('a bad bundle is rejected with a precise message and writes nothing', () => {
    const article = parse(readFileSync(ARTICLE_BUNDLE, 'utf8')) as Bundle;

    /** The article bundle under a fresh source id, changed by `mutate`, written to a scratch file. */
    function badBundle(name: string, mutate: (bundle: Bundle) => void): string {
      const bundle = structuredClone(article);
      bundle.source.id = `broken-${name}`;
      bundle.source.textFile = path.join(SEED_DIR, article.source.textFile as string);
      mutate(bundle);
      const file = path.join(scratch, `${name}.yaml`);
      writeFileSync(file, stringify(bundle));
      return file;
    }

    it.each([
      ['bad-date', (b: Bundle) => void (b.events[1]!.date.iso = '2024-02-30'), 'events[1].date.iso', /not a real date/],
      [
        'dangling',
        (b: Bundle) => void (b.relationships[0]!.to = 'nobody-at-all'),
        'relationships[0].to',
        /unknown id "nobody-at-all"/,
      ],
      [
        'moved-quote',
        (b: Bundle) => void (b.entities[0]!.evidence[0]!.start += 1),
        'entities[0].evidence[0].start',
        /not at its offsets/,
      ],
      [
        'duplicate',
        (b: Bundle) => void (b.entities[2]!.id = b.entities[0]!.id),
        'entities[2].id',
        /duplicate id "kim-jong-un"/,
      ],
      [
        'wrong-endpoint',
        (b: Bundle) => void (b.relationships[0]!.from = 'pyongyang'),
        'relationships[0].from',
        /LED_BY cannot start at a Place/,
      ],
    ])('%s', async (name, mutate, where, message) => {
      const file = badBundle(name, mutate as (bundle: Bundle) => void);
      const before = await snapshotGraph(database);
      const error = await seedBundles(database, [file]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BundleValidationError);
      expect((error as BundleValidationError).problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file, path: where, message: expect.stringMatching(message) }),
        ]),
      );
      expect(await snapshotGraph(database)).toEqual(before);
    });

    it('rejects the whole set when one of several files is bad', async () => {
      const good = badBundle('good-twin', () => undefined);
      const bad = badBundle('bad-twin', (b) => void (b.events[0]!.date.iso = '2024-13'));
      const before = await snapshotGraph(database);
      await expect(seedBundles(database, [good, bad])).rejects.toThrow(/bad-twin\.yaml: events\[0\]\.date\.iso/);
      expect(await snapshotGraph(database)).toEqual(before);
    });
  });

  describe('entity resolution across bundles', () => {
    const fixture = path.join(FIXTURES_DIR, 'second-report.yaml');
    afterAll(async () => {
      await retractSource(database, 'fixture-second-report').catch((error: unknown) => {
        if (!(error instanceof SourceNotFoundError)) throw error;
      });
    });

    it('attaches a second bundle\'s "Kim Jong-un" to the existing Kim Jong Un, then retracts cleanly', async () => {
      const before = await snapshotGraph(database);
      const report = await seedBundles(database, [fixture]);
      expect(report.merged).toEqual([
        { file: fixture, id: 'kim-jong-un-second-report', into: 'kim-jong-un', by: 'kim jong un' },
      ]);
      const kim = await database.read('test', async (tx) => {
        const result = await tx.run(
          `MATCH (p:Person) WHERE p.id STARTS WITH 'kim-jong-un'
           OPTIONAL MATCH (d:Delegation {id: 'fixture-host-country-leaders'})-[:LED_BY]->(p)
           RETURN collect(DISTINCT p.id) AS ids, p.sourceIds AS sources, count(d) AS ledBy`,
        );
        return result.records[0]?.toObject();
      });
      expect(kim).toMatchObject({ ids: ['kim-jong-un'], sources: ['baoquocte-279309', 'fixture-second-report'] });
      expect(Number(kim?.ledBy)).toBe(1);

      await retractSource(database, 'fixture-second-report');
      expect(await snapshotGraph(database)).toEqual(before);
    });
  });

  it('seeds every bundle shipped in seed/ with every body sentence backing a fact', async () => {
    const report = await seedBundles(database, defaultBundleFiles(SEED_DIR));
    expect(report.files.length).toBeGreaterThan(0);
    for (const { coverage } of report.files) {
      expect(coverage.uncovered.map((sentence) => sentence.text)).toEqual([]);
      expect(coverage.covered).toBe(coverage.total);
    }
  });
});
