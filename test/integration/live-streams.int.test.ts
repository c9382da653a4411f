import { startTestServer, type TestServer } from '../helpers/server';
import { eventually } from '../helpers/eventually';

// The whole timeline: valid whatever the shared test database holds, so the stream stays open.
const FOLLOW = 'subscription { timelineChanged { version } }';
const streamUrl = (base: string, query = FOLLOW) => `${base}/graphql/stream?query=${encodeURIComponent(query)}`;

interface OpenStream {
  readonly response: Response;
  close(): void;
}

async function openStream(base: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(streamUrl(base), {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  return { response, close: () => controller.abort() };
}

describe('event streams: a per-client cap and coded refusals', () => {
  let server: TestServer;
  const open: OpenStream[] = [];

  beforeAll(async () => {
    server = await startTestServer({ LIVE_MAX_PER_CLIENT: '2', TRUST_PROXY: 'loopback' });
  });
  afterEach(async () => {
    for (const stream of open.splice(0)) stream.close();
    await eventually(async () => server.changes.subscribers === 0, 10_000, 'the streams to close');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses a client its third open stream with RATE_LIMITED (429), and lets it open one again after closing one', async () => {
    open.push(await openStream(server.base), await openStream(server.base));
    expect(open.map((stream) => stream.response.status)).toEqual([200, 200]);

    const third = await fetch(streamUrl(server.base), { headers: { accept: 'text/event-stream' } });
    expect(third.status).toBe(429);
    expect(await third.json()).toEqual({
      errors: [
        {
          message: 'Too many open event streams from this client: at most 2',
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });

    open.shift()?.close();
    await eventually(async () => server.changes.subscribers === 1, 10_000, 'one stream to close');
    const again = await openStream(server.base);
    open.push(again);
    expect(again.response.status).toBe(200);
  });

  it('counts clients by the address a trusted proxy forwards, not by the proxy', async () => {
    const fromA = { 'x-forwarded-for': '203.0.113.7' };
    const fromB = { 'x-forwarded-for': '203.0.113.8' };
    open.push(await openStream(server.base, fromA), await openStream(server.base, fromA));
    const b = await openStream(server.base, fromB);
    open.push(b);
    expect(b.response.status).toBe(200);
    const thirdOfA = await fetch(streamUrl(server.base), { headers: { accept: 'text/event-stream', ...fromA } });
    expect(thirdOfA.status).toBe(429);
  });

  it.each([
    ['no query', `/graphql/stream`, { accept: 'text/event-stream' }, 'GET', 400, 'BAD_REQUEST'],
    [
      'a body that is not JSON',
      `/graphql/stream`,
      { accept: 'text/event-stream', 'content-type': 'text/plain' },
      'POST',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ])(
    'answers graphql-sse refusals (%s) in the house error shape',
    async (_case, path, headers, method, status, code) => {
      const payload = method === 'POST' ? FOLLOW : undefined;
      const response = await fetch(`${server.base}${path}`, { method, headers, body: payload });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors.length).toBeGreaterThan(0);
      for (const error of body.errors) {
        expect(error.extensions.code).toBe(code);
        expect(error.message).not.toBe('');
      }
    },
  );

  it('keeps the pipeline codes of a subscription that does not validate', async () => {
    const response = await fetch(streamUrl(server.base, 'subscription { nothingHere }'), {
      headers: { accept: 'text/event-stream' },
    });
    const text = await response.text();
    expect(text).toContain('GRAPHQL_VALIDATION_FAILED');
  });
});
