import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SourceNotFoundError } from '../../src/ingest/apply-source';
import { retractSource, seedBundleInputs, seedBundles } from '../../src/ingest/seed-loader';
import { ensureGraphSchema } from '../../src/repositories/graph-schema.repository';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const TASS = path.join(FIXTURES_DIR, 'tass-treaty-report.yaml');
const JUNE_18 = path.join(FIXTURES_DIR, 'june-18-signing-report.yaml');
const REPORTS = ['tass-2024-06-19-treaty', 'june-18-signing-report'];
const SIGNING = '2024-06-19-partnership-treaty-signing';

/**
 * What was known when, on the article (published July 2024) and two reports of the June signing:
 * TASS's of 19 June, which dates it 19 June, and one of 20 June that dates it 18 June.
 */
describe('as of a date', () => {
  let server: TestServer;

  async function data(query: string, variables?: Record<string, unknown>) {
    const { body } = await server.graphql(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  const retractIfLoaded = async (sourceId: string) =>
    retractSource(server.database, sourceId).catch((error: unknown) => {
      if (!(error instanceof SourceNotFoundError)) throw error;
    });

  beforeAll(async () => {
    server = await startSeededTestServer();
    for (const sourceId of REPORTS) await retractIfLoaded(sourceId);
    await seedBundles(server.database, [TASS, JUNE_18]);
  });

  afterAll(async () => {
    for (const sourceId of [...REPORTS].reverse()) await retractIfLoaded(sourceId);
    await server?.close();
  });

  const SIGNING_VIEW = `query ($id: ID!, $asOf: String) {
    event(id: $id, asOf: $asOf) {
      asOf disputed date { iso } dateClaims { date { iso } source { id } }
      participants { entity { id asOf } }
      claims { source { id } }
    }
  }`;

  it("dates the signing as each day's reports did: 19 June, then disputed, then with the article", async () => {
    const before = await data(SIGNING_VIEW, { id: SIGNING, asOf: '2024-06-18' });
    expect(before.event).toBeNull();

    const tassOnly = (await data(SIGNING_VIEW, { id: SIGNING, asOf: '2024-06-19' })).event;
    expect(tassOnly).toMatchObject({ asOf: '2024-06-19', disputed: false, date: { iso: '2024-06-19' } });
    expect(tassOnly.dateClaims.map((claim: { source: { id: string } }) => claim.source.id)).toEqual([
      'tass-2024-06-19-treaty',
    ]);
    expect(tassOnly.claims).toHaveLength(1);
    // Nested fields read the same day.
    expect(new Set(tassOnly.participants.map((p: { entity: { asOf: string } }) => p.entity.asOf))).toEqual(
      new Set(['2024-06-19']),
    );

    const withJune18 = (await data(SIGNING_VIEW, { id: SIGNING, asOf: '2024-06-20' })).event;
    expect(withJune18.disputed).toBe(true);
    expect(withJune18.dateClaims.map((claim: { date: { iso: string } }) => claim.date.iso).sort()).toEqual([
      '2024-06-18',
      '2024-06-19',
    ]);

    const now = (await data(SIGNING_VIEW, { id: SIGNING })).event;
    expect(now.asOf).toBeNull();
    expect(now.dateClaims).toHaveLength(3);
    // "As of July" is as of its last day: the article is in.
    expect((await data(SIGNING_VIEW, { id: SIGNING, asOf: '2024-07' })).event.dateClaims).toHaveLength(3);
  });

  it('answers the timeline, entities, search, connections and neighbourhood as of a day', async () => {
    const asOf = '2024-06-19';
    const result = await data(
      `query ($asOf: String) {
        timeline(asOf: $asOf, first: 50) { totalCount nodes { id asOf } }
        kim: entity(id: "kim-jong-un", asOf: $asOf) { name timeline(first: 50) { totalCount } }
        article: entity(id: "alexei-krivoruchko", asOf: $asOf) { name }
        entities(asOf: $asOf, first: 200) { id }
        search(text: "treaty", asOf: $asOf) { node { id } }
        connections(from: "kim-jong-un", to: "vladimir-putin", asOf: $asOf) { nodes { id } }
        neighborhood(id: "kim-jong-un", asOf: $asOf) { nodes { id } relationships { from to } }
        sources { id published { iso } }
      }`,
      { asOf },
    );
    const tassEvents = (parse(readFileSync(TASS, 'utf8')) as { events: { id: string }[] }).events.length;
    expect(result.timeline.totalCount).toBe(tassEvents);
    expect(result.timeline.nodes.every((node: { asOf: string }) => node.asOf === asOf)).toBe(true);
    expect(result.kim.timeline.totalCount).toBeGreaterThan(0);
    expect(result.kim.timeline.totalCount).toBeLessThanOrEqual(tassEvents);
    // Krivoruchko is only in the article, published in July.
    expect(result.article).toBeNull();
    expect(result.entities.map((entity: { id: string }) => entity.id)).not.toContain('alexei-krivoruchko');
    expect(result.search.length).toBeGreaterThan(0);
    const known = new Set(result.entities.map((entity: { id: string }) => entity.id));
    const timelineIds = new Set(result.timeline.nodes.map((node: { id: string }) => node.id));
    for (const path of result.connections)
      for (const node of path.nodes) expect(known.has(node.id) || timelineIds.has(node.id)).toBe(true);
    for (const node of result.neighborhood.nodes) expect(known.has(node.id) || timelineIds.has(node.id)).toBe(true);
    expect(result.sources.map((source: { id: string }) => source.id)).toEqual([
      'tass-2024-06-19-treaty',
      'june-18-signing-report',
      'baoquocte-279309',
    ]);
  });

  it('refuses a malformed asOf naming it, and answers a day before every source with empty lists', async () => {
    for (const [query, argument] of [
      ['{ timeline(asOf: "2024-13") { totalCount } }', 'asOf'],
      ['{ entity(id: "kim-jong-un", asOf: "June") { id } }', 'asOf'],
      ['{ search(text: "Kim", asOf: "2024-06-31") { score } }', 'asOf'],
      ['{ connections(from: "kim-jong-un", to: "vladimir-putin", asOf: "x") { length } }', 'asOf'],
      ['{ neighborhood(id: "kim-jong-un", asOf: "2024-06-18/2024-06-19") { nodes { id } } }', 'asOf'],
    ]) {
      const { body } = await server.graphql(query as string);
      expect({ query, extensions: body.errors?.[0]?.extensions }).toMatchObject({
        query,
        extensions: { code: 'BAD_USER_INPUT', argument },
      });
      expect(Object.values(body.data ?? {}).filter((value) => value !== null)).toEqual([]);
    }
    const empty = await data(`{
      timeline(asOf: "2020") { totalCount nodes { id } }
      entities(asOf: "2020") { id }
      search(text: "Kim Jong Un", asOf: "2020") { score }
      connections(from: "kim-jong-un", to: "vladimir-putin", asOf: "2020") { length }
      neighborhood(id: "kim-jong-un", asOf: "2020") { nodes { id } relationships { type } }
      kim: entity(id: "kim-jong-un", asOf: "2020") { id }
    }`);
    expect(empty).toEqual({
      timeline: { totalCount: 0, nodes: [] },
      entities: [],
      search: [],
      connections: [],
      neighborhood: { nodes: [], relationships: [] },
      kim: null,
    });
  });

  it('records when each claim was learned, apart from publication, and keeps it for a claim loaded again unchanged', async () => {
    const RECORDED = `query ($id: ID!) { event(id: $id) { claims { source { id recorded } recorded } } }`;
    const claimsOf = async () =>
      new Map(
        (
          (await data(RECORDED, { id: SIGNING })).event.claims as {
            source: { id: string; recorded: string };
            recorded: string;
          }[]
        ).map((claim) => [claim.source.id, claim]),
      );
    const first = await claimsOf();
    for (const claim of first.values()) {
      expect(claim.recorded).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(claim.source.recorded >= claim.recorded).toBe(true);
    }
    await seedBundles(server.database, [JUNE_18]);
    expect(await claimsOf()).toEqual(first);

    // The 20 June report corrects its title of the signing: that claim is recorded anew, no other.
    const bundle = parse(readFileSync(JUNE_18, 'utf8')) as {
      source: { textFile: string };
      events: { id: string; title: string }[];
    };
    const sourceText = readFileSync(path.join(FIXTURES_DIR, bundle.source.textFile), 'utf8');
    const signing = bundle.events.find((event) => event.id === 'assinatura-do-tratado-18-de-junho');
    if (!signing) throw new Error('the fixture no longer names its signing event');
    signing.title = `${signing.title} (corrigido)`;
    await seedBundleInputs(server.database, [{ file: 'june-18-signing-report.yaml', content: bundle, sourceText }]);
    const after = await claimsOf();
    expect(after.get('june-18-signing-report')!.recorded > first.get('june-18-signing-report')!.recorded).toBe(true);
    expect(after.get('tass-2024-06-19-treaty')).toEqual(first.get('tass-2024-06-19-treaty'));
    await seedBundles(server.database, [JUNE_18]);
  });

  it('computes what as-of reads need once for a graph stored before them, exactly as a load writes it', async () => {
    const read = () =>
      server.database.read('test', async (tx) => {
        const result = await tx.run(
          `MATCH (n) WHERE n:Entity OR n:Event
           RETURN n.id AS id, n.knownFrom AS knownFrom, n:Revised AS revised, n.revisionKeys AS keys, n.claimPublished AS published
           ORDER BY id`,
        );
        const relationships = await tx.run(
          `MATCH ()-[r]->() WHERE r.claims IS NOT NULL
           RETURN elementId(r) AS id, r.knownFrom AS knownFrom, r.revisionSince AS since ORDER BY id`,
        );
        return [result.records.map((r) => r.toObject()), relationships.records.map((r) => r.toObject())];
      });
    const loaded = await read();
    expect(JSON.stringify(loaded)).toContain('"revised":true');
    await server.database.write('test', async (tx) => {
      await tx.run(
        `MATCH (n) WHERE n:Entity OR n:Event
         REMOVE n.knownFrom, n.revisionDays, n.revisionKeys, n.revisionEarliest, n.revisionLatest, n.revisionTypes,
           n.revisionDisputed, n.claimPublished, n:Revised`,
      );
      await tx.run(
        'MATCH ()-[r]->() WHERE r.claims IS NOT NULL REMOVE r.knownFrom, r.revisionDays, r.revisionSince, r.revisionUntil',
      );
      await tx.run('MATCH (v:DataVersion) REMOVE v.asOfFormat');
    });
    expect(await read()).not.toEqual(loaded);
    await ensureGraphSchema(server.database);
    expect(await read()).toEqual(loaded);
  });
});
