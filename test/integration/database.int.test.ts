import { randomBytes } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { connectTestDatabase } from '../helpers/database';
import type { Database } from '../../src/neo4j/database';

describe('the test database is a real Neo4j 5.26', () => {
  let driver: Driver;
  let database: Database;
  const label = `ProbeThing_${randomBytes(4).toString('hex')}`;
  const constraint = `probe_unique_${randomBytes(4).toString('hex')}`;

  beforeAll(() => {
    ({ driver, database } = connectTestDatabase());
  });

  afterAll(async () => {
    await database.write('test', (tx) => tx.run(`MATCH (n:${label}) DELETE n`));
    await database.write('test', (tx) => tx.run(`DROP CONSTRAINT ${constraint} IF EXISTS`));
    await driver.close();
  });

  it('reports server version 5.26.x', async () => {
    const { version, edition } = await database.ping(5000);
    expect(version).toMatch(/^5\.26\.\d+$/);
    expect(['community', 'enterprise']).toContain(edition);
  });

  it('enforces a uniqueness constraint', async () => {
    // Label and constraint names are random per run, not user input; schema commands cannot take parameters.
    await database.write('test', (tx) =>
      tx.run(`CREATE CONSTRAINT ${constraint} FOR (n:${label}) REQUIRE n.id IS UNIQUE`),
    );
    await database.write('test', (tx) => tx.run(`CREATE (:${label} {id: $id})`, { id: 'same' }));
    await expect(
      database.write('test', (tx) => tx.run(`CREATE (:${label} {id: $id})`, { id: 'same' })),
    ).rejects.toMatchObject({
      code: 'Neo.ClientError.Schema.ConstraintValidationFailed',
    });
    const count = await database.read('test', async (tx) => {
      const result = await tx.run(`MATCH (n:${label}) RETURN count(n) AS count`);
      return result.records[0]?.get('count').toNumber();
    });
    expect(count).toBe(1);
  });
});
