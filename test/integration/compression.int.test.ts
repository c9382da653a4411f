import { request } from 'node:http';
import { startTestServer, type TestServer } from '../helpers/server';

/** The status, headers and raw (still encoded) body size of a GET that accepts `encoding`. */
function rawGet(base: string, path: string, encoding: string) {
  return new Promise<{ status: number; encoding: string | undefined; vary: string | undefined; bytes: number }>(
    (resolve, reject) => {
      const req = request(`${base}${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: res.headers['content-encoding'],
            vary: res.headers.vary,
            bytes,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('compressed answers', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it.each([
    '/widget/assets/vis-network.js',
    '/widget/assets/widget.css',
    '/widget/explore',
    '/graphiql/assets/graphiql.js',
    '/vendor/timelinejs/js/timeline.js',
  ])('sends %s with brotli or gzip as the client prefers, and whole to a client that takes neither', async (path) => {
    const identity = await rawGet(server.base, path, 'identity');
    const brotli = await rawGet(server.base, path, 'br, gzip');
    const gzip = await rawGet(server.base, path, 'gzip');
    expect([identity.status, brotli.status, gzip.status]).toEqual([200, 200, 200]);
    expect(identity.encoding).toBeUndefined();
    expect(brotli.encoding).toBe('br');
    expect(gzip.encoding).toBe('gzip');
    expect(brotli.vary).toMatch(/accept-encoding/i);
    expect(brotli.bytes).toBeLessThan(identity.bytes * 0.6);
    expect(gzip.bytes).toBeLessThan(identity.bytes * 0.6);
  });

  it('compresses API answers, and the client reads them as before', async () => {
    const response = await fetch(
      `${server.base}/graphql?query=${encodeURIComponent('{ __schema { types { name } } }')}`,
      {
        headers: { 'accept-encoding': 'br' },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(
      ((await response.json()) as { data: { __schema: { types: unknown[] } } }).data.__schema.types.length,
    ).toBeGreaterThan(10);
  });

  it('never holds back an event stream: its first bytes arrive at once, uncompressed', async () => {
    const query = 'subscription { timelineChanged { version totalCount } }';
    const controller = new AbortController();
    const response = await fetch(`${server.base}/graphql/stream?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'text/event-stream', 'accept-encoding': 'br, gzip' },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding') ?? 'none').toBe('none');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    // The server's first write is a keep-alive comment; a compressor would hold it in its buffer.
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([
      reader.read().then(({ value }) => new TextDecoder().decode(value)),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve('nothing within 10 s'), 10_000))),
    ]);
    clearTimeout(timer);
    await reader.cancel();
    controller.abort();
    expect(first).toBe(':\n\n');
  });
});
