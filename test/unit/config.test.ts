import { ConfigError, DEVELOPMENT_PASSWORD, readConfig } from '../../src/config';
import { ApiKeys } from '../../src/ingest/api-keys';

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

  it('serves metrics on 9464 of the API host by default; METRICS_PORT=0 turns them off', () => {
    expect(readConfig({}).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(readConfig({ HOST: '0.0.0.0', METRICS_PORT: '9100' }).metrics).toEqual({ host: '0.0.0.0', port: 9100 });
    expect(readConfig({ HOST: '0.0.0.0', METRICS_HOST: '10.0.0.5' }).metrics?.host).toBe('10.0.0.5');
    expect(readConfig({ METRICS_PORT: '0' }).metrics).toBeUndefined();
    expect(() => readConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });

  it('keeps no query answers by default; RESPONSE_CACHE_MB sizes the cache, refusing what is not a size', () => {
    expect(readConfig({}).graphql.responseCacheBytes).toBe(0);
    expect(readConfig({ RESPONSE_CACHE_MB: '64' }).graphql.responseCacheBytes).toBe(64 * 1024 * 1024);
    expect(readConfig({ RESPONSE_CACHE_MB: '0.5' }).graphql.responseCacheBytes).toBe(512 * 1024);
    for (const bad of ['-1', 'lots', '100000'])
      expect(() => readConfig({ RESPONSE_CACHE_MB: bad })).toThrow(/RESPONSE_CACHE_MB/);
  });

  it('picks the log format by the terminal unless LOG_FORMAT says', () => {
    expect(readConfig({}).logFormat).toBe('auto');
    expect(readConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => readConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('has no default secret in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production', NEO4J_URI: 'neo4j://db:7687' })).toThrow(ConfigError);
    expect(() =>
      readConfig({ NODE_ENV: 'production', NEO4J_URI: 'neo4j://db:7687', NEO4J_PASSWORD: 'a-long-secret' }),
    ).not.toThrow();
  });
});

describe('INGEST_API_KEYS and the keys it gives', () => {
  const secret = 'a'.repeat(32);

  it('is off when unset, and keeps names and hashes, never the secrets', () => {
    expect(readConfig({}).ingest.keys).toEqual([]);
    const { keys } = readConfig({ INGEST_API_KEYS: ` newsroom:${secret} , ci:${'b'.repeat(40)} ` }).ingest;
    expect(keys.map((key) => key.name)).toEqual(['newsroom', 'ci']);
    expect(JSON.stringify(keys)).not.toContain(secret);
  });

  it.each([
    ['a short secret', `newsroom:${'a'.repeat(31)}`, /at least 32 characters/],
    ['no name', secret, /name:secret pairs/],
    ['a name twice', `x:${secret},x:${'b'.repeat(32)}`, /names "x" twice/],
  ])('refuses %s', (_, value, message) => {
    expect(() => readConfig({ INGEST_API_KEYS: value })).toThrow(message);
  });

  it('authorizes the configured keys by name, and only them', () => {
    const keys = new ApiKeys(readConfig({ INGEST_API_KEYS: `newsroom:${secret},ci:${'b'.repeat(32)}` }).ingest.keys);
    expect(keys.authorize(`Bearer ${'b'.repeat(32)}`)).toBe('ci');
    expect(keys.authorize(`bearer ${secret}`)).toBe('newsroom');
    for (const authorization of [undefined, secret, `Bearer ${secret}x`, `Bearer ${'a'.repeat(31)}`, 'Basic abc']) {
      expect(() => keys.authorize(authorization)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    }
    expect(() => new ApiKeys([]).authorize(`Bearer ${secret}`)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
