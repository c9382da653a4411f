import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_DRAFT_CHARACTERS } from '../../src/author/author-api';
import type { ReviewDocument } from '../../src/author/review-document';
import { FIXTURES_DIR, snapshotGraph } from '../helpers/graph';
import { startSeededTestServer, startTestServer, type TestServer } from '../helpers/server';

const KEY = 'author-key-0123456789abcdef0123456789';
const LAVROV = readFileSync(path.join(FIXTURES_DIR, 'eval/heldout/02-lavrov-pyongyang.txt'), 'utf8');
const ARTICLE_SOURCE = 'baoquocte-279309';

interface ErrorBody {
  errors: { message: string; extensions: { code: string; argument?: string } }[];
}

describe("the author's workbench API", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startSeededTestServer({ INGEST_API_KEYS: `author:${KEY}` });
  });
  afterAll(async () => server?.close());

  const draft = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }) =>
    fetch(`${server.base}/author/draft`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const open = (sourceId: string) =>
    fetch(`${server.base}/author/sources/${encodeURIComponent(sourceId)}`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
  const load = async (bundle: unknown, dryRun: boolean) => {
    const response = await fetch(`${server.base}/bundles${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ bundle }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const refusal = async (response: Response) => {
    const body = (await response.json()) as ErrorBody;
    return {
      status: response.status,
      code: body.errors[0]?.extensions.code,
      argument: body.errors[0]?.extensions.argument,
    };
  };

  it('drafts a text it was never tuned on into a review document: the text, what is known, what is new, its dates', async () => {
    const response = await draft({ text: LAVROV });
    expect(response.status).toBe(200);
    const doc = (await response.json()) as ReviewDocument;
    expect(doc).toMatchObject({ origin: 'draft', language: 'pt', languageDetected: true, sourceLoaded: false });
    expect(doc.sourceId).toBe('lavrov-chega-a-pyongyang-para-dois-dias-de');
    const bundle = doc.bundle as {
      source: { text: string; published: { iso: string } };
      entities: { id: string }[];
      events: { type: string; title: string }[];
    };
    expect(bundle.source.text).toBe(LAVROV);
    expect(bundle.source.published.iso).toBe('2023-10-19');
    expect(doc.knownIds).toEqual(expect.arrayContaining(['pyongyang', 'russia', 'kim-jong-un']));
    const fresh = bundle.entities.map((entity) => entity.id).filter((id) => !doc.knownIds.includes(id));
    expect(fresh).toEqual(expect.arrayContaining(['sergei-lavrov', 'choe-son-hui']));
    // The candidates and the drafted events are what the author decides on.
    const lavrov = bundle.entities.findIndex((entity) => entity.id === 'sergei-lavrov');
    expect(doc.notes[`entities.${lavrov}`]?.some((line) => line.startsWith('REVIEW'))).toBe(true);
    expect(doc.dates).toContainEqual(
      expect.objectContaining({ quote: 'de 18 a 19 de outubro', iso: '2023-10-18/2023-10-19' }),
    );
    expect(doc.triggers).toContainEqual(expect.objectContaining({ quote: 'assinaram', type: 'signing' }));
    expect(bundle.events.map((event) => event.type)).toEqual(expect.arrayContaining(['visit', 'signing']));
    expect(doc.vocabulary.roles.map((role) => role.key)).toContain('signatory');
  });

  it('takes the language, publication date and source id the author gives', async () => {
    const response = await draft({ text: LAVROV, language: 'pt', published: '2023-10-20', sourceId: 'lavrov-visit' });
    const doc = (await response.json()) as ReviewDocument;
    expect(doc).toMatchObject({ sourceId: 'lavrov-visit', language: 'pt', languageDetected: false });
    expect((doc.bundle.source as { published: { iso: string } }).published.iso).toBe('2023-10-20');
  });

  it('refuses, with a code naming the argument, what it cannot draft', async () => {
    const cases: [unknown, number, string, string | undefined][] = [
      [{ text: 'x'.repeat(MAX_DRAFT_CHARACTERS + 1) }, 413, 'PAYLOAD_TOO_LARGE', 'text'],
      [{ text: '   ' }, 400, 'BAD_USER_INPUT', 'text'],
      [{}, 400, 'BAD_USER_INPUT', 'text'],
      [{ text: LAVROV, published: '19/10/2023' }, 400, 'BAD_USER_INPUT', 'published'],
      [{ text: LAVROV, published: '2023-13-45' }, 400, 'BAD_USER_INPUT', 'published'],
      [{ text: LAVROV, language: 'xx' }, 400, 'BAD_USER_INPUT', 'language'],
      [{ text: LAVROV, sourceId: 'Not A Slug' }, 400, 'BAD_USER_INPUT', 'sourceId'],
      [{ text: LAVROV, tone: 'neutral' }, 400, 'BAD_USER_INPUT', 'body'],
    ];
    for (const [body, status, code, argument] of cases) {
      const answer = await refusal(await draft(body));
      expect({ body: JSON.stringify(body).slice(0, 60), ...answer }).toEqual({
        body: JSON.stringify(body).slice(0, 60),
        status,
        code,
        argument,
      });
    }
    const notJson = await fetch(`${server.base}/author/draft`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${KEY}` },
      body: LAVROV,
    });
    expect(await refusal(notJson)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    const broken = await draft('{"text": ');
    expect(await refusal(broken)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('asks for an ingest key, and says when writes are off', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-key' }] as Record<string, string>[]) {
      expect(await refusal(await draft({ text: LAVROV }, headers))).toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
    const reopen = await fetch(`${server.base}/author/sources/${ARTICLE_SOURCE}`);
    expect(await refusal(reopen)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const readOnly = await startTestServer({ INGEST_API_KEYS: '' });
    try {
      const response = await fetch(`${readOnly.base}/author/draft`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ text: LAVROV }),
      });
      expect(await refusal(response)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    } finally {
      await readOnly.close();
    }
  });

  it('re-opens a loaded source as it was loaded, and reloading it unchanged changes nothing', async () => {
    const response = await open(ARTICLE_SOURCE);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as ReviewDocument;
    const seedText = readFileSync(path.resolve(__dirname, '../../seed/sources/000_4ba673f477d783a2.txt'), 'utf8');
    expect(doc).toMatchObject({ origin: 'loaded', sourceId: ARTICLE_SOURCE, sourceLoaded: true, text: seedText });
    expect(doc.notes).toEqual({});
    expect((doc.bundle.events as unknown[]).length).toBe(9);
    expect(doc.dates.length).toBeGreaterThan(0);

    const before = await snapshotGraph(server.database);
    const dry = await load(doc.bundle, true);
    const real = await load(doc.bundle, false);
    expect(real.status).toBe(201);
    const { version: _version, dryRun: _dryRun, ...loaded } = real.body;
    const { version: _none, dryRun: _yes, ...planned } = dry.body;
    expect(loaded).toEqual(planned);
    expect(real.body).toMatchObject({
      nodes: { created: 0, updated: 0, deleted: 0 },
      relationships: { created: 0, updated: 0, deleted: 0 },
      changed: {
        nodes: { created: [], updated: [], deleted: [] },
        relationships: { created: [], updated: [], deleted: [] },
      },
    });
    expect(await snapshotGraph(server.database)).toEqual(before);
  });

  it('says which source id it does not know', async () => {
    expect(await refusal(await open('no-such-source'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('lists, in a load report, the ids behind its counts: new nodes and those that gain claims', async () => {
    const doc = (await (await draft({ text: LAVROV, sourceId: 'author-test-lavrov' })).json()) as ReviewDocument;
    const bundle = doc.bundle as { events: { title: string; titleEn: string }[] };
    bundle.events.forEach((event, index) => {
      event.title = `Evento ${index}`;
      event.titleEn = `Event ${index}`;
    });
    const before = await snapshotGraph(server.database);
    const dry = await load(bundle, true);
    expect(dry.status).toBe(200);
    const changed = dry.body.changed as { nodes: { created: string[]; updated: string[] } };
    expect(changed.nodes.created).toEqual(expect.arrayContaining(['sergei-lavrov', 'choe-son-hui']));
    expect(changed.nodes.updated).toEqual(expect.arrayContaining(['pyongyang', 'russia', 'kim-jong-un']));
    expect(changed.nodes.created).toHaveLength((dry.body.nodes as { created: number }).created);
    expect(await snapshotGraph(server.database)).toEqual(before);

    const real = await load(bundle, false);
    expect(real.body.changed).toEqual(dry.body.changed);
    const reopened = (await (await open('author-test-lavrov')).json()) as ReviewDocument;
    expect((reopened.bundle.events as { titleEn: string }[]).map((event) => event.titleEn)).toEqual(
      bundle.events.map((event) => event.titleEn),
    );
    const retract = await fetch(`${server.base}/bundles/author-test-lavrov`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(retract.status).toBe(200);
    expect(await snapshotGraph(server.database)).toEqual(before);
  });
});
