import { ConfigError, DEVELOPMENT_PASSWORD, readConfig } from '../../src/config';

describe('readConfig', () => {
  it('defaults to the embedded local Neo4j and the documented development password', () => {
    const config = readConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.neo4j.password).toBe(DEVELOPMENT_PASSWORD);
    expect(config.localNeo4j).toMatchObject({ boltPort: 7687, httpPort: 7474 });
    expect(Object.isFrozen(config.neo4j)).toBe(true);
  });

  it('reads an external database from the environment', () => {
    const config = readConfig({
      NEO4J_URI: 'neo4j://db.example:7687',
      NEO4J_PASSWORD: 'a-long-secret',
      NEO4J_DATABASE: 'news',
      PORT: '8080',
    });
    expect(config.neo4j).toMatchObject({ uri: 'neo4j://db.example:7687', password: 'a-long-secret', database: 'news' });
    expect(config.port).toBe(8080);
  });

  it('names every variable that is wrong', () => {
    expect(() => readConfig({ PORT: 'eighty', NEO4J_URI: 'http://x' })).toThrow(/PORT[\s\S]*NEO4J_URI/);
  });

  it('has no default secret in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production', NEO4J_URI: 'neo4j://db:7687' })).toThrow(ConfigError);
    expect(() =>
      readConfig({ NODE_ENV: 'production', NEO4J_URI: 'neo4j://db:7687', NEO4J_PASSWORD: 'a-long-secret' }),
    ).not.toThrow();
  });
});
