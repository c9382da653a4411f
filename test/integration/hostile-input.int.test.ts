import { rawGet } from '../helpers/raw-http';
import { startSeededTestServer, startTestServer, type TestServer } from '../helpers/server';

/** What the client sees must never be a 5xx, a stack trace, or a word of Cypher. */
function expectSafe(status: number, text: string): void {
  expect(status).toBeLessThan(500);
  expect(text).not.toMatch(/\n\s+at |Neo4jError|MATCH \(|ClientError|TypeError|ReferenceError/);
}

describe('hostile input', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startSeededTestServer();
  });
  afterAll(async () => server?.close());

  /** Posts and checks the answer leaks nothing; `echoed` is input the answer may quote back (an unknown id). */
  const post = async (body: string, contentType = 'application/json', echoed?: string) => {
    const started = Date.now();
    const response = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    const text = await response.text();
    expectSafe(
      response.status,
      echoed === undefined ? text : text.split(JSON.stringify(echoed).slice(1, -1)).join('<id>'),
    );
    return { status: response.status, text, ms: Date.now() - started };
  };
  const codeOf = (text: string) =>
    (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;

  describe('malformed HTTP gets a 4xx', () => {
    it.each([
      ['invalid JSON', '{"query": "{ timeline { totalCount } }"', 'application/json', 400],
      ['a JSON array (batching)', '[{"query": "{ timeline { totalCount } }"}]', 'application/json', 400],
      ['query not a string', '{"query": 42}', 'application/json', 400],
      [
        'variables not an object',
        '{"query": "{ timeline { totalCount } }", "variables": "x"}',
        'application/json',
        400,
      ],
      ['an empty body', '', 'application/json', 400],
      ['a wrong content type', 'query=%7B%7D', 'application/x-www-form-urlencoded', 415],
      ['text/plain', '{ timeline { totalCount } }', 'text/plain', 415],
    ])('%s gets %#: a 4xx with a code', async (_name, body, contentType, status) => {
      const response = await post(body, contentType);
      expect(response.status).toBe(status);
      expect(codeOf(response.text)).toBe(status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST');
    });

    it('a bare GraphQL document sent as JSON is told what to send', async () => {
      const { status, text } = await post('{ timeline { totalCount } }');
      expect(status).toBe(400);
      expect(JSON.parse(text).errors[0]).toMatchObject({
        message: expect.stringContaining('send {"query": "{ … }"} as JSON'),
        extensions: { code: 'BAD_REQUEST' },
      });
    });

    it('a body over the size limit gets 413 with a code', async () => {
      const big = JSON.stringify({ query: `{ search(text: "${'x'.repeat(200_000)}") { score } }` });
      const { status, text } = await post(big);
      expect(status).toBe(413);
      expect(codeOf(text)).toBe('PAYLOAD_TOO_LARGE');
    });

    it('a mutation over GET is refused, and an unknown one does not validate', async () => {
      const mutation = 'mutation { retractSource(sourceId: "baoquocte-279309") { version } }';
      const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent(mutation)}`, {
        headers: { accept: 'application/json' },
      });
      expectSafe(response.status, await response.text());
      expect(response.status).toBe(405);
      expect(codeOf((await post(JSON.stringify({ query: 'mutation { x }' }))).text)).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('unknown routes get a coded 404', async () => {
      const response = await fetch(`${server.base}/no/such/route`);
      expect(response.status).toBe(404);
      expect(codeOf(await response.text())).toBe('NOT_FOUND');
    });

    // Sent over a raw socket: fetch would normalise the dots away before they reach the server.
    it.each([
      '/../../etc/passwd',
      '/widget/../../../etc/passwd',
      '/neo4j-browser/..%2f..%2fpackage.json',
      '/widget/assets/..%2f..%2f..%2fpackage.json',
    ])('a traversal %p reads no file', async (rawPath) => {
      const { status, body } = await rawGet(server.base, rawPath);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(body).not.toMatch(/root:|"dependencies"/);
    });
  });

  describe('abusive GraphQL is refused fast', () => {
    it.each([
      [
        'deep nesting',
        `{ timeline { nodes ${'{ related '.repeat(30)}{ id }${' }'.repeat(30)} } }`,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'an alias flood',
        `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: entity(id: "russia") { id }`).join(' ')} }`,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'an alias flood past the token limit',
        `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
        'GRAPHQL_PARSE_FAILED',
      ],
      [
        'first beyond a 32-bit Int (literal)',
        '{ timeline(first: 99999999999) { totalCount } }',
        'GRAPHQL_VALIDATION_FAILED',
      ],
      ['first huge as a literal (cost)', '{ timeline(first: 2147483647) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
      [
        'circular fragments',
        `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      ['a huge token count', `{ ${'__typename '.repeat(5000)} }`, 'GRAPHQL_PARSE_FAILED'],
      [
        'a costly query',
        `{ ${Array.from({ length: 25 }, (_, i) => `t${i}: timeline(first: 100) { nodes { participants { entity { timeline(first: 100) { nodes { id } } } } } }`).join(' ')} }`,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'directive flood',
        `{ timeline ${'@include(if: true) '.repeat(60)} { totalCount } }`,
        'GRAPHQL_VALIDATION_FAILED',
      ],
    ])('%s', async (_name, query, code) => {
      // Refused before execution: no database round trip (how fast is the benchmark's business).
      const before = server.database.transactions;
      const { text } = await post(JSON.stringify({ query }));
      expect(codeOf(text)).toBe(code);
      expect(server.database.transactions).toBe(before);
    });

    it.each([
      ['first negative', '{ timeline(first: -1) { totalCount } }', {}],
      ['first huge as a variable', 'query ($n: Int = 2147483647) { timeline(first: $n) { totalCount } }', {}],
      [
        'first beyond Int as a variable',
        'query ($n: Int = 1) { timeline(first: $n) { totalCount } }',
        { n: 99999999999 },
      ],
      ['a garbage cursor', '{ timeline(after: "eyJrIjoiMTk3MCJ9") { totalCount } }', {}],
      ['hops exceeded', '{ connections(from: "russia", to: "kcna", maxHops: 100) { length } }', {}],
      ['depth exceeded', '{ neighborhood(id: "russia", depth: 10) { nodes { id } } }', {}],
    ])('%s gets BAD_USER_INPUT', async (_name, query, variables: Record<string, unknown>) => {
      expect(codeOf((await post(JSON.stringify({ query, variables }))).text)).toBe('BAD_USER_INPUT');
    });
  });

  describe('nasty values', () => {
    const search = async (text: string) => {
      const { text: body } = await post(
        JSON.stringify({ query: 'query ($t: String!) { search(text: $t) { node { id } } }', variables: { t: text } }),
      );
      return JSON.parse(body) as { data?: { search: unknown[] }; errors?: { extensions?: { code?: string } }[] };
    };

    it.each([
      ['Kim AND NOT (', 'kim-jong-un'],
      ['😀🇰🇵 Kim', 'kim-jong-un'],
      ['Pyongyang\u0000', 'pyongyang'],
    ])('search %j is only its words (finds %s)', async (text, id) => {
      const body = await search(text);
      expect(body.errors).toBeUndefined();
      expect((body.data?.search[0] as { node: { id: string } } | undefined)?.node.id).toBe(id);
    });

    it.each(['\u0000\u0000', '%00', '\\\\\\', '*', '"'])('search %j has no words and finds nothing', async (text) => {
      const body = await search(text);
      expect(body).toEqual({ data: { search: [] } });
    });

    it('a very long search string gets BAD_USER_INPUT', async () => {
      expect((await search('k'.repeat(10_000))).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it.each(['2024-02-30', '2024-13-01', '0000', '0000-01-01', '2024-1-1', '24', '2024-07-18T00:00:00Z', 'yesterday'])(
      'an impossible or malformed date %p gets BAD_USER_INPUT',
      async (date) => {
        const { text } = await post(
          JSON.stringify({
            query: 'query ($d: String) { timeline(filter: { from: $d }) { totalCount } }',
            variables: { d: date },
          }),
        );
        expect(codeOf(text)).toBe('BAD_USER_INPUT');
      },
    );

    it('an inverted range gets BAD_USER_INPUT', async () => {
      expect(
        codeOf(
          (
            await post(
              JSON.stringify({ query: '{ timeline(filter: { from: "2024-08", to: "2024-07-31" }) { totalCount } }' }),
            )
          ).text,
        ),
      ).toBe('BAD_USER_INPUT');
    });

    it.each([`kim-jong-un'}) MATCH (n) DETACH DELETE n //`, '") RETURN 1 UNION MATCH (n) RETURN n //', '$id', '`x`'])(
      'an id that looks like Cypher %p is only an unknown id (NOT_FOUND naming it in a filter)',
      async (id) => {
        const node = await post(
          JSON.stringify({ query: 'query ($id: ID!) { node(id: $id) { id } }', variables: { id } }),
        );
        expect(JSON.parse(node.text)).toEqual({ data: { node: null } });
        const timeline = await post(
          JSON.stringify({
            query: 'query ($id: ID!) { timeline(filter: { entityIds: [$id] }) { totalCount } }',
            variables: { id },
          }),
          'application/json',
          id,
        );
        expect(codeOf(timeline.text)).toBe('NOT_FOUND');
        expect(JSON.parse(timeline.text).errors[0].extensions.ids).toEqual([id]);
        const still = JSON.parse((await post(JSON.stringify({ query: '{ timeline { totalCount } }' }))).text);
        expect(still.data.timeline.totalCount).toBe(9);
      },
    );
  });

  it('sends security headers', async () => {
    const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('safe defaults', () => {
  it('limits requests per client when a limit is set', async () => {
    const limited = await startTestServer({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) statuses.push((await limited.graphql('{ __typename }')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const refused = await limited.graphql('{ __typename }');
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect((await fetch(`${limited.base}/health/live`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('turns introspection and GraphiQL off in production', async () => {
    const production = await startTestServer({ NODE_ENV: 'production', NEO4J_PASSWORD: process.env.NEO4J_PASSWORD });
    try {
      const { body } = await production.graphql('{ __schema { types { name } } }');
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await fetch(`${production.base}/graphiql`)).status).toBe(404);
      expect((await production.graphql('{ entity(id: "russia") { id } }')).status).toBe(200);
    } finally {
      await production.close();
    }
  });
});
