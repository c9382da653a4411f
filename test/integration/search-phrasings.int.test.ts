import path from 'node:path';
import { retractSource, seedBundles } from '../../src/ingest/seed-loader';
import { SourceNotFoundError } from '../../src/ingest/apply-source';
import { ensureGraphSchema, SEARCH_INDEX, SEARCH_PROPERTIES } from '../../src/repositories/graph-schema.repository';
import { FIXTURES_DIR, snapshotGraph } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

/** An analyst's phrasing and the node that must come first (or among the first `within`). */
interface Phrasing {
  readonly text: string;
  readonly top: string;
  readonly within?: number;
  /** Fields the expected hit must say it matched on. */
  readonly matchedOn?: readonly string[];
}

const STATE_VISIT = '2024-06-19-putin-state-visit-to-north-korea';
const TREATY_SIGNING = '2024-06-19-partnership-treaty-signing';
const AGREEMENTS_SIGNING = '2024-06-19-cooperation-agreements-signing';
const TALKS = '2024-06-19-putin-kim-talks';
const SUMMIT = '2024-06-north-korea-russia-summit';
const EXCHANGE = '2024-exchange-of-senior-officers';
const NK_VISIT = '2024-07-08-north-korean-military-delegation-visit-to-russia';
const RU_VISIT = '2024-07-russian-military-delegation-visit-to-pyongyang';
const KIM_MEETING = '2024-07-18-kim-receives-russian-military-delegation';

/** On the article alone: who, where, when and what, in English and in Portuguese. */
const ARTICLE_PHRASINGS: readonly Phrasing[] = [
  { text: 'Putin visit Pyongyang', top: STATE_VISIT, matchedOn: ['PARTICIPANT', 'PLACE', 'TYPE'] },
  { text: 'visita Putin Pyongyang junho', top: STATE_VISIT, matchedOn: ['PARTICIPANT', 'PLACE', 'DATE'] },
  { text: 'treaty signed in Pyongyang', top: TREATY_SIGNING, matchedOn: ['AGREEMENT', 'PLACE', 'TYPE'] },
  { text: 'tratado assinado em Pyongyang', top: TREATY_SIGNING },
  { text: 'Kim Jong Eun', top: 'kim-jong-un', matchedOn: ['ALIAS'] },
  { text: 'Kim Jongun', top: 'kim-jong-un' },
  { text: 'Kim Jong Um', top: 'kim-jong-un' },
  { text: 'kim jeong un', top: 'kim-jong-un' },
  { text: 'presidente Putin', top: 'vladimir-putin' },
  { text: 'Putin Kim talks', top: TALKS, matchedOn: ['TITLE', 'PARTICIPANT', 'TYPE'] },
  { text: 'conversações entre Putin e Kim', top: TALKS },
  { text: 'North Korea Russia summit June 2024', top: SUMMIT, matchedOn: ['TITLE', 'PARTICIPANT', 'DATE'] },
  { text: 'cúpula Pyongyang junho de 2024', top: SUMMIT },
  { text: 'state visit North Korea', top: STATE_VISIT },
  { text: 'visita de Estado à Coreia do Norte', top: STATE_VISIT },
  { text: 'Krivoruchko Pyongyang July', top: KIM_MEETING, matchedOn: ['PARTICIPANT', 'PLACE', 'DATE'] },
  { text: 'Kim recebe delegação militar russa', top: KIM_MEETING },
  { text: 'Kim met Krivoruchko', top: KIM_MEETING },
  { text: 'North Korean delegation visit Russia', top: NK_VISIT },
  { text: 'delegação norte-coreana visita Rússia julho', top: NK_VISIT },
  { text: 'Russian military delegation Pyongyang July 2024', top: RU_VISIT, within: 2 },
  { text: 'health care agreement signing', top: AGREEMENTS_SIGNING, matchedOn: ['AGREEMENT', 'TYPE'] },
  { text: 'acordo ponte Tumannaya', top: 'tumannaya-road-bridge-agreement' },
  { text: 'exchange senior officials 2024', top: EXCHANGE },
  { text: 'troca de oficiais Rússia Coreia do Norte', top: EXCHANGE },
  { text: 'signing 19 June 2024', top: TREATY_SIGNING, within: 2 },
  { text: 'assinatura 19 de junho', top: AGREEMENTS_SIGNING, within: 2 },
];

const BRIEFING = path.join(FIXTURES_DIR, 'briefing-report.yaml');
const RANGE = path.join(FIXTURES_DIR, 'range-report.yaml');
const TASS = path.join(FIXTURES_DIR, 'tass-treaty-report.yaml');
const JUNE_18 = path.join(FIXTURES_DIR, 'june-18-signing-report.yaml');
const FIXTURE_SOURCES = [
  'test-briefing-report',
  'test-range-report',
  'tass-2024-06-19-treaty',
  'june-18-signing-report',
];

/** With the report fixtures loaded on top of the article. */
const FIXTURE_PHRASINGS: readonly Phrasing[] = [
  { text: 'Putin visit Pyongyang', top: STATE_VISIT },
  { text: 'Krivoruchko briefs Putin', top: '2024-07-20-krivoruchko-briefs-putin' },
  { text: 'Krivoruchko Putin Moscow July', top: '2024-07-20-krivoruchko-briefs-putin', matchedOn: ['PLACE', 'DATE'] },
  { text: 'reunião Krivoruchko Putin Moscou', top: '2024-07-20-krivoruchko-briefs-putin' },
  { text: 'consultations Moscow July 2024', top: '2024-07-russia-north-korea-consultations' },
  { text: 'diplomatas Moscou julho', top: '2024-07-russia-north-korea-consultations' },
  { text: 'Putin breakthrough treaty', top: '2024-06-19-putin-breakthrough-remark' },
  { text: 'Putin disse tratado', top: '2024-06-19-putin-breakthrough-remark' },
  { text: 'Kim Jong Eun', top: 'kim-jong-un' },
  { text: 'Talks between Putin and Kim in Pyongyang', top: TALKS },
];

describe('search: analysts’ phrasings', () => {
  let server: TestServer;

  const retractFixtures = async () => {
    for (const sourceId of FIXTURE_SOURCES)
      await retractSource(server.database, sourceId).catch((error: unknown) => {
        if (!(error instanceof SourceNotFoundError)) throw error;
      });
  };

  async function search(text: string, first = 10) {
    const { body } = await server.graphql(
      'query ($text: String!, $first: Int) { search(text: $text, first: $first) { score matchedOn node { id } } }',
      { text, first },
    );
    expect(body.errors).toBeUndefined();
    return (body.data?.search ?? []) as { score: number; matchedOn: string[]; node: { id: string } }[];
  }

  async function expectPhrasing({ text, top, within = 1, matchedOn = [] }: Phrasing) {
    const hits = await search(text);
    const ids = hits.map((hit) => hit.node.id);
    expect({ text, first: ids.slice(0, within) }).toEqual({ text, first: expect.arrayContaining([top]) });
    const hit = hits.find((candidate) => candidate.node.id === top);
    expect(hit?.matchedOn).toEqual(expect.arrayContaining([...matchedOn]));
  }

  beforeAll(async () => {
    server = await startSeededTestServer();
    await retractFixtures();
  });
  afterAll(async () => {
    await retractFixtures();
    await server?.close();
  });

  describe('on the article', () => {
    it.each(ARTICLE_PHRASINGS.map((phrasing) => [phrasing.text, phrasing] as const))('%s', async (_text, phrasing) =>
      expectPhrasing(phrasing),
    );

    it('puts events matching every word before partial matches, and still finds partial ones', async () => {
      const hits = await search('Putin visit Pyongyang', 20);
      const scores = hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      // The summit names only Pyongyang: a partial match, after every event naming all three.
      const ids = hits.map((hit) => hit.node.id);
      expect(ids).toContain(SUMMIT);
      expect(ids.indexOf(SUMMIT)).toBeGreaterThan(ids.indexOf(STATE_VISIT));
      expect(hits[0]!.score).toBeGreaterThan(100);
      expect(hits.find((hit) => hit.node.id === SUMMIT)!.score).toBeLessThan(100);
    });

    it('ranks the entity the words name above the events it takes part in', async () => {
      const hits = await search('Kim Jong Un');
      expect(hits[0]).toMatchObject({ node: { id: 'kim-jong-un' }, matchedOn: expect.arrayContaining(['NAME']) });
      expect(hits.slice(1).map((hit) => hit.node.id)).toEqual(expect.arrayContaining([TALKS, KIM_MEETING]));
    });
  });

  describe('with the report fixtures loaded', () => {
    beforeAll(async () => {
      await seedBundles(server.database, [BRIEFING, RANGE, TASS, JUNE_18]);
    });

    it.each(FIXTURE_PHRASINGS.map((phrasing) => [phrasing.text, phrasing] as const))('%s', async (_text, phrasing) =>
      expectPhrasing(phrasing),
    );

    it('drops a retracted source’s names from the events’ text', async () => {
      // The 18 June report alone calls Putin "presidente russo".
      const before = await search('presidente russo Pyongyang');
      expect(before.map((hit) => hit.node.id)).toContain('conversacoes-putin-kim-junho-2024');
      await retractSource(server.database, 'june-18-signing-report');
      const after = await search('presidente russo Pyongyang', 50);
      expect(after.filter((hit) => hit.matchedOn.includes('PARTICIPANT') && hit.score > 100)).toEqual([]);
    });
  });

  describe('on a graph stored before events were searchable', () => {
    it('rebuilds the index and computes the same text a load writes, once', async () => {
      const current = await snapshotGraph(server.database);
      const write = (statement: string) => server.database.write('test', (tx) => tx.run(statement));
      await write(`DROP INDEX ${SEARCH_INDEX}`);
      await write(
        `CREATE FULLTEXT INDEX ${SEARCH_INDEX} FOR (n:Person|Organization|Country|Place|Delegation|Agreement|Event) ` +
          'ON EACH [n.name, n.nameEn, n.aliasText, n.title, n.titleEn]',
      );
      await write(
        'MATCH (e:Event) REMOVE e.searchParticipants, e.searchPlaces, e.searchAgreements, e.searchType, e.searchDate',
      );
      await write('MATCH (n:Entity) REMOVE n.nameVariants');
      await write("MATCH (v:DataVersion {id: 'graph'}) REMOVE v.searchTextFormat");
      expect((await search('Putin visit Pyongyang'))[0]?.score ?? 0).toBeLessThan(100);

      await ensureGraphSchema(server.database);
      expect(await snapshotGraph(server.database)).toEqual(current);
      const properties = await server.database.read('test', async (tx) => {
        const result = await tx.run('SHOW INDEXES YIELD name, properties WHERE name = $name RETURN properties', {
          name: SEARCH_INDEX,
        });
        return result.records[0]?.get('properties') as string[];
      });
      expect(properties).toEqual([...SEARCH_PROPERTIES]);
      expect((await search('Putin visit Pyongyang'))[0]).toMatchObject({ node: { id: STATE_VISIT } });
    });
  });
});
