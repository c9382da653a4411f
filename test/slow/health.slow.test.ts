import type { LocalNeo4j } from '../../src/localdb/instance';
import { createDisposableNeo4j, TEST_PASSWORD } from '../helpers/local-neo4j';
import { startTestServer, type TestServer } from '../helpers/server';

// Uses a Neo4j of its own, because it stops and restarts it.
describe('health endpoints follow the database', () => {
  let neo4j: LocalNeo4j;
  let server: TestServer;
  let base: string;

  beforeAll(async () => {
    neo4j = await createDisposableNeo4j('health');
    await neo4j.start();
    server = await startTestServer({
      NEO4J_URI: neo4j.boltUri,
      NEO4J_PASSWORD: TEST_PASSWORD,
      NEO4J_CONNECTION_TIMEOUT_MS: '3000',
    });
    base = server.base;
  });

  afterAll(async () => {
    await server?.close();
    await neo4j?.stop();
    neo4j?.destroy();
  });

  it('is ready while Neo4j answers, unready while it is stopped, ready again after it restarts', async () => {
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    await neo4j.stop();
    const down = await fetch(`${base}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', reason: 'Neo4j does not answer' });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const query = await server.graphql('{ timeline { totalCount } }');
    expect(query.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(query.body)).not.toMatch(/Neo4jError|ECONNREFUSED|at /);

    await neo4j.start();
    const up = await fetch(`${base}/health/ready`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: 'ready', neo4j: { version: expect.stringMatching(/^5\.26\./) } });
  });

  it('refuses to start a second server on a port already in use, naming the port', async () => {
    const boltPort = neo4j.status().boltPort;
    const other = await createDisposableNeo4j('clash', { boltPort });
    await expect(other.start()).rejects.toMatchObject({
      code: 'PORT_IN_USE',
      message: expect.stringContaining(String(boltPort)),
    });
    other.destroy();
  });

  it('reuses a server that is already running', async () => {
    await expect(neo4j.start()).resolves.toEqual({ alreadyRunning: true });
  });
});
