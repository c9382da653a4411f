import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { connectDatabase, type Connection } from '../../src/neo4j/driver';
import { startTestServer, type TestServer } from '../helpers/server';

const routingUri = () => (process.env.NEO4J_URI as string).replace(/^bolt:/, 'neo4j:');

// neo4j:// is what a cluster or Aura needs: the driver asks the server for a routing table and
// sends reads to readers, writes to the leader. A single server answers with itself in every role.
describe('a neo4j:// (routing) URI against a single server', () => {
  let connection: Connection;
  let server: TestServer;

  beforeAll(async () => {
    const config = readConfig({ ...process.env, NEO4J_URI: routingUri() });
    connection = connectDatabase(config.neo4j, routingUri(), createLogger('silent'));
    server = await startTestServer({ NEO4J_URI: routingUri() });
  });
  afterAll(async () => {
    await server?.close();
    await connection?.close();
  });

  it('writes through the leader and reads the write back from a reader', async () => {
    const id = `routing-${Date.now()}`;
    await connection.database.write('test', (tx) => tx.run('CREATE (:RoutingProbe {id: $id})', { id }));
    const found = await connection.database.read('test', async (tx) => {
      const result = await tx.run('MATCH (p:RoutingProbe {id: $id}) RETURN count(p) AS n', { id });
      return result.records[0]?.get('n').toNumber() as number;
    });
    expect(found).toBe(1);
    await connection.database.write('test', (tx) => tx.run('MATCH (p:RoutingProbe {id: $id}) DELETE p', { id }));
  });

  it('serves GraphQL and readiness over the routing driver', async () => {
    expect((await fetch(`${server.base}/health/ready`)).status).toBe(200);
    const answer = await server.graphql('{ timeline(first: 1) { totalCount } }');
    expect(answer.body.errors).toBeUndefined();
    expect(typeof answer.body.data?.timeline?.totalCount).toBe('number');
  });
});
