import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { draftBundle } from '../../src/draft/draft-bundle';
import { renderDraftYaml } from '../../src/draft/draft-yaml';
import { knownNodesFromBundles, readBundles } from '../../src/draft/known-nodes';
import { defaultBundleFiles, retractSource, seedBundleInputs } from '../../src/ingest/seed-loader';
import { validateBundleInputs } from '../../src/bundle/validate-bundle';
import { findDraftKnowledge } from '../../src/repositories/draft-knowledge.repository';
import { FIXTURES_DIR, SEED_DIR, snapshotGraph } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';
import { reviewDraft } from '../helpers/review-draft';

const TEXT_FILE = 'krivoruchko-briefing-pt.txt';
const TEXT = readFileSync(path.join(FIXTURES_DIR, 'sources', TEXT_FILE), 'utf8');
const SOURCE_ID = 'test-draft-round-trip';

describe('a draft, reviewed, loads', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSeededTestServer();
  });
  afterAll(async () => {
    await retractSource(server.database, SOURCE_ID).catch(() => undefined);
    await server?.close();
  });

  const known = () => knownNodesFromBundles(readBundles(defaultBundleFiles(SEED_DIR)).map((item) => item.bundle));
  const draftOf = (knownNodes: ReturnType<typeof known>) =>
    parse(
      renderDraftYaml(
        draftBundle(TEXT, { sourceId: SOURCE_ID, textFile: TEXT_FILE, known: knownNodes, published: '2024-07-22' }),
      ),
    );

  it('is refused while it has its draft line, and loads once reviewed, reusing the graph’s ids and events', async () => {
    const draft = draftOf(known());
    expect(() => validateBundleInputs([{ file: 'draft.yaml', content: draft, sourceText: TEXT }])).toThrow(
      /draft: this is a draft/,
    );
    const before = await snapshotGraph(server.database);
    const reviewed = reviewDraft(draft);
    const report = await seedBundleInputs(server.database, [
      { file: 'draft.yaml', content: reviewed, sourceText: TEXT },
    ]);
    // The signing the text retells is the stored one: its claims went there.
    expect(report.merged).toContainEqual(
      expect.objectContaining({ into: '2024-06-19-partnership-treaty-signing', by: 'sameAs' }),
    );
    const { body } = await server.graphql(`{
      event(id: "2024-06-19-partnership-treaty-signing") { dateClaims { source { id } } }
      entity(id: "tass") { name evidence { source { id } quote } }
      timeline(filter: {entityIds: ["alexei-krivoruchko"], from: "2024-07-20"}) { nodes { id date { iso } } }
    }`);
    expect(body.data?.event.dateClaims.map((claim: { source: { id: string } }) => claim.source.id)).toContain(
      SOURCE_ID,
    );
    expect(body.data?.entity).toEqual({ name: 'TASS', evidence: [{ source: { id: SOURCE_ID }, quote: 'TASS' }] });
    expect(body.data?.timeline.nodes).toContainEqual({
      id: '2024-07-22-visit-alexei-krivoruchko',
      date: { iso: '2024-07-22' },
    });

    await retractSource(server.database, SOURCE_ID);
    expect(await snapshotGraph(server.database)).toEqual(before);
  });

  it('knows the graph’s entities and events as it knows the seed bundles’', async () => {
    const graph = await findDraftKnowledge(server.database, { from: '2022-01-01', to: '2026-12-31' }, 10_000);
    const kim = graph.entities.find((entity) => entity.id === 'kim-jong-un');
    expect(kim).toMatchObject({ label: 'Person', name: 'Kim Jong Un' });
    expect(kim?.aliases).toContain('Kim Jong-un');
    expect(graph.events.find((event) => event.id === '2024-06-19-partnership-treaty-signing')).toMatchObject({
      type: 'signing',
      dateIso: '2024-06-19',
      participants: expect.arrayContaining(['vladimir-putin', 'kim-jong-un']),
    });
    // The same draft either way: the graph holds what the seed bundles hold.
    const fromGraph = draftOf(graph);
    const fromSeed = draftOf(known());
    const ids = (draft: { entities: { id: string }[]; events: { sameAs?: string }[] }) => ({
      entities: draft.entities.map((entity) => entity.id).sort(),
      sameAs: draft.events.map((event) => event.sameAs ?? null),
    });
    expect(ids(fromGraph)).toEqual(ids(fromSeed));
  });
});
