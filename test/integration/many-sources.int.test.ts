import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SourceInUseError, SourceNotFoundError } from '../../src/ingest/apply-source';
import { retractSource, seedBundleInputs, seedBundles } from '../../src/ingest/seed-loader';
import { BundleValidationError } from '../../src/bundle/validate-bundle';
import { ARTICLE_BUNDLE, FIXTURES_DIR, snapshotGraph } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const TASS = path.join(FIXTURES_DIR, 'tass-treaty-report.yaml');
const JUNE_18 = path.join(FIXTURES_DIR, 'june-18-signing-report.yaml');
const SECOND = path.join(FIXTURES_DIR, 'second-report.yaml');
const SIGNING = '2024-06-19-partnership-treaty-signing';
const ARTICLE = 'baoquocte-279309';

/**
 * Two more reports of the June 2024 signing on top of the article: one in English relaying TASS
 * (published the same day), one in Portuguese that dates the signing 18 June. Nothing the article
 * says may be lost, and retracting them must give back the article's graph exactly.
 */
describe('many sources: claims per source', () => {
  let server: TestServer;
  let articleOnly: Awaited<ReturnType<typeof snapshotGraph>>;

  const retractIfLoaded = async (sourceId: string) =>
    retractSource(server.database, sourceId).catch((error: unknown) => {
      if (!(error instanceof SourceNotFoundError)) throw error;
    });

  async function data(query: string, variables?: Record<string, unknown>) {
    const { body } = await server.graphql(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  beforeAll(async () => {
    server = await startSeededTestServer();
    for (const sourceId of ['tass-2024-06-19-treaty', 'june-18-signing-report', 'fixture-second-report'])
      await retractIfLoaded(sourceId);
    articleOnly = await snapshotGraph(server.database);
  });

  afterAll(async () => {
    for (const sourceId of ['june-18-signing-report', 'tass-2024-06-19-treaty', 'fixture-second-report'])
      await retractIfLoaded(sourceId);
    await server?.close();
  });

  describe('with the TASS report and the 18 June report loaded', () => {
    let report: Awaited<ReturnType<typeof seedBundles>>;

    beforeAll(async () => {
      report = await seedBundles(server.database, [TASS, JUNE_18]);
    });

    it('keeps every quote, title and date note of the article beside the new sources', async () => {
      const { event } = await data(
        `query ($id: ID!) { event(id: $id) { evidence { quote source { id } } claims { source { id } title titleEn date { iso note } } } }`,
        { id: SIGNING },
      );
      const articleQuotes = event.evidence.filter((item: { source: { id: string } }) => item.source.id === ARTICLE);
      expect(articleQuotes.map((item: { quote: string }) => item.quote)).toEqual([
        'Após as negociações, os dois líderes assinaram um tratado de parceria estratégica abrangente entre os dois países, considerado um avanço, elevando a cooperação bilateral a um novo patamar.',
      ]);
      expect(event.claims.find((claim: { source: { id: string } }) => claim.source.id === ARTICLE)).toEqual({
        source: { id: ARTICLE },
        title: 'Assinatura do tratado de parceria estratégica abrangente',
        titleEn: 'Signing of the Treaty on Comprehensive Strategic Partnership',
        date: { iso: '2024-06-19', note: expect.stringMatching(/Signed after the talks/) },
      });
      // Evidence is grouped by source, earliest published first.
      expect([...new Set(event.evidence.map((item: { source: { id: string } }) => item.source.id))]).toEqual([
        'tass-2024-06-19-treaty',
        'june-18-signing-report',
        ARTICLE,
      ]);
    });

    it('has one Putin, one Kim Jong Un, one treaty and one Tumen River, the other ids redirecting to them', async () => {
      const people = await data('{ entities(kind: PERSON) { id } }');
      expect(people.entities.map((entity: { id: string }) => entity.id).sort()).toEqual([
        'alexei-krivoruchko',
        'kim-jong-un',
        'vladimir-putin',
      ]);
      const agreements = await data('{ entities(kind: AGREEMENT) { id } }');
      expect(agreements.entities.map((entity: { id: string }) => entity.id)).toContain(
        'russia-north-korea-friendship-treaty-2000',
      );
      expect(agreements.entities.filter((entity: { id: string }) => /partnership|parceria/.test(entity.id))).toEqual([
        { id: 'comprehensive-strategic-partnership-treaty' },
      ]);
      const redirected = await data(`{
        kim: entity(id: "kim-jong-un-tass") { id aliases redirects }
        river: node(id: "tumen-river") { id ... on Entity { aliases redirects } }
        treaty: entity(id: "tratado-de-parceria-2024") { id redirects }
        signing: event(id: "assinatura-do-tratado-18-de-junho") { id }
      }`);
      expect(redirected.kim).toEqual({
        id: 'kim-jong-un',
        aliases: expect.arrayContaining(['Kim Jong Un', 'Kim Jong-un']),
        redirects: ['kim-jong-un-tass'],
      });
      expect(redirected.river).toEqual({
        id: 'tumannaya-river',
        aliases: expect.arrayContaining(['Rio Tumannaya', 'Tumen River']),
        redirects: ['tumen-river'],
      });
      expect(redirected.treaty).toEqual({
        id: 'comprehensive-strategic-partnership-treaty',
        redirects: ['tratado-de-parceria-2024', 'treaty-on-comprehensive-strategic-partnership'],
      });
      expect(redirected.signing).toEqual({ id: SIGNING });
      // A redirected id works in filters too.
      const { timeline } = await data(
        '{ timeline(filter: { entityIds: ["kim-jong-un-tass"], from: "2024-06-19", to: "2024-06-19" }) { nodes { id } } }',
      );
      expect(timeline.nodes.map((node: { id: string }) => node.id)).toContain(SIGNING);
    });

    it('shows the conflicting date as a claim and marks the event disputed', async () => {
      const { event } = await data(
        `query ($id: ID!) { event(id: $id) { disputed date { iso inferred } dateClaims { date { iso inferred } source { id } evidence { quote } } } }`,
        { id: SIGNING },
      );
      expect(event.disputed).toBe(true);
      // Two sources say 19 June, one 18 June: the best-supported date is shown; one source states the year.
      expect(event.date).toEqual({ iso: '2024-06-19', inferred: false });
      expect(
        event.dateClaims.map((claim: { date: { iso: string }; source: { id: string } }) => [
          claim.source.id,
          claim.date.iso,
        ]),
      ).toEqual([
        ['tass-2024-06-19-treaty', '2024-06-19'],
        ['june-18-signing-report', '2024-06-18'],
        [ARTICLE, '2024-06-19'],
      ]);
      expect(event.dateClaims[1].evidence).toEqual([{ quote: 'em 18 de junho' }]);
      expect(report.files[1]?.change.disputed).toEqual([
        {
          eventId: SIGNING,
          dates: [
            { sourceId: 'tass-2024-06-19-treaty', iso: '2024-06-19' },
            { sourceId: 'june-18-signing-report', iso: '2024-06-18' },
            { sourceId: ARTICLE, iso: '2024-06-19' },
          ],
        },
      ]);
    });

    it('lists a disputed event under each claimed date, once, at its resolved date', async () => {
      const on18 = await data(
        '{ timeline(filter: { from: "2024-06-18", to: "2024-06-18" }) { totalCount nodes { id date { iso } } } }',
      );
      expect(on18.timeline.nodes.map((node: { id: string }) => node.id)).toContain(SIGNING);
      expect(on18.timeline.totalCount).toBe(on18.timeline.nodes.length);
      const all = await data('{ timeline(first: 100) { totalCount nodes { id } } }');
      expect(all.timeline.nodes.filter((node: { id: string }) => node.id === SIGNING)).toHaveLength(1);
      expect(all.timeline.totalCount).toBe(all.timeline.nodes.length);
    });

    it('marks the disputed date in the widget feeds', async () => {
      const feed = (await (
        await fetch(`${server.base}/feeds/timelinejs.json?from=2024-06-19&to=2024-06-19`)
      ).json()) as { events: { unique_id: string; start_date: { display_date: string } }[] };
      const slide = feed.events.find((item) => item.unique_id === SIGNING);
      expect(slide?.start_date.display_date).toBe('19 June 2024 (disputed: 18 June 2024 in 1 source)');
      const vis = (await (
        await fetch(`${server.base}/feeds/vis-timeline.json?from=2024-06-19&to=2024-06-19`)
      ).json()) as { items: { eventId: string; title: string }[] };
      expect(vis.items.find((item) => item.eventId === SIGNING)?.title).toContain(
        ' · 19 June 2024 (disputed: 18 June 2024 in 1 source)',
      );
    });

    it("keeps one LED_BY per role, with each source's own wording", async () => {
      const { neighborhood } = await data(
        '{ neighborhood(id: "russia", depth: 1, limit: 500) { relationships { type from to role titles evidence { source { id } } } } }',
      );
      const ledBy = neighborhood.relationships.filter(
        (r: { type: string; to: string }) => r.type === 'LED_BY' && r.to === 'vladimir-putin',
      );
      expect(ledBy).toEqual([
        {
          type: 'LED_BY',
          from: 'russia',
          to: 'vladimir-putin',
          role: 'head_of_state',
          titles: ['President', 'presidente'],
          evidence: [{ source: { id: 'tass-2024-06-19-treaty' } }, { source: { id: ARTICLE } }],
        },
      ]);
    });

    it("stores what the second article adds: the treaty replaced, Putin's words, TASS as the source relayed", async () => {
      const { entity, event, node } = await data(`{
        entity(id: "comprehensive-strategic-partnership-treaty") { name ... on Agreement { timeline { nodes { id } } } }
        event(id: "2024-06-19-putin-breakthrough-remark") { quotes { text speaker { id } evidence { source { id via { id } } } } }
        node(id: "tass") { id }
      }`);
      // TASS published first, but the article's curated name is preferred: a report does not rename it.
      expect(entity.name).toBe('tratado de parceria estratégica abrangente');
      expect(entity.timeline.nodes.map((n: { id: string }) => n.id)).toEqual(
        expect.arrayContaining([SIGNING, '2024-06-19-putin-breakthrough-remark']),
      );
      expect(event.quotes).toEqual([
        {
          text: 'This is a truly breakthrough document',
          speaker: { id: 'vladimir-putin' },
          evidence: { source: { id: 'tass-2024-06-19-treaty', via: [{ id: 'tass' }] } },
        },
      ]);
      expect(node).toEqual({ id: 'tass' });
      const { connections } = await data(
        '{ connections(from: "comprehensive-strategic-partnership-treaty", to: "russia-north-korea-friendship-treaty-2000", maxHops: 1) { relationships { type } } }',
      );
      expect(connections[0].relationships).toEqual([{ type: 'REPLACES' }]);
    });

    it('reports a likely duplicate event with the id it may be', () => {
      expect(report.files[1]?.change.likelyDuplicates).toEqual([
        {
          id: 'conversacoes-putin-kim-junho-2024',
          existingId: '2024-06-19-putin-kim-talks',
          sharedParticipants: ['kim-jong-un', 'vladimir-putin'],
          samePlace: 'pyongyang',
        },
      ]);
      expect(report.merged).toEqual(
        expect.arrayContaining([
          { file: JUNE_18, id: 'assinatura-do-tratado-18-de-junho', into: SIGNING, by: 'sameAs' },
        ]),
      );
    });

    it('loads the same bundles in the other order to the same graph, and again to no change', async () => {
      const both = await snapshotGraph(server.database);
      await retractSource(server.database, 'tass-2024-06-19-treaty');
      await retractSource(server.database, 'june-18-signing-report');
      await seedBundles(server.database, [JUNE_18]);
      await seedBundles(server.database, [TASS]);
      expect(await snapshotGraph(server.database)).toEqual(both);
      const again = await seedBundles(server.database, [TASS, JUNE_18, ARTICLE_BUNDLE]);
      expect(again.nodesCreated + again.relationshipsCreated).toBe(0);
      expect(await snapshotGraph(server.database)).toEqual(both);
    });

    it("retracts them to exactly the article's graph", async () => {
      await retractSource(server.database, 'june-18-signing-report');
      await retractSource(server.database, 'tass-2024-06-19-treaty');
      expect(await snapshotGraph(server.database)).toEqual(articleOnly);
    });
  });

  it("refuses to retract a source whose nodes another source's relationships need, writing nothing", async () => {
    await seedBundles(server.database, [SECOND]);
    const before = await snapshotGraph(server.database);
    const error = await retractSource(server.database, ARTICLE).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceInUseError);
    expect((error as SourceInUseError).dependents).toContain(
      'PARTICIPATED_IN|kim-jong-un|2024-06-19-putin-kim-talks|participant',
    );
    expect(await snapshotGraph(server.database)).toEqual(before);
    await retractSource(server.database, 'fixture-second-report');
    expect(await snapshotGraph(server.database)).toEqual(articleOnly);
  });

  it('refuses an unknown source to retract, a sameAs that names nothing and a role outside the vocabulary', async () => {
    await expect(retractSource(server.database, 'no-such-source')).rejects.toBeInstanceOf(SourceNotFoundError);
    const bundle = parse(readFileSync(JUNE_18, 'utf8'));
    const text = readFileSync(path.join(FIXTURES_DIR, 'sources/june-18-signing-report.txt'), 'utf8');
    bundle.events[0].sameAs = 'no-such-event';
    bundle.relationships[0].role = 'presidente';
    const error = await seedBundleInputs(server.database, [
      { file: 'bad.yaml', content: bundle, sourceText: text },
    ]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BundleValidationError);
    expect((error as BundleValidationError).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'relationships[0].role',
          message: expect.stringMatching(/unknown role "presidente"; one of host, guest/),
        }),
      ]),
    );
    // Roles are checked before the database is asked; once they pass, the sameAs target is.
    bundle.relationships[0].role = 'signatory';
    const second = await seedBundleInputs(server.database, [
      { file: 'bad.yaml', content: bundle, sourceText: text },
    ]).catch((caught: unknown) => caught);
    expect((second as BundleValidationError).problems).toEqual([
      {
        file: 'bad.yaml',
        path: 'events[0].sameAs',
        message: 'unknown id "no-such-event" (defined in no bundle and not in the database)',
      },
    ]);
    expect(await snapshotGraph(server.database)).toEqual(articleOnly);
  });
});
