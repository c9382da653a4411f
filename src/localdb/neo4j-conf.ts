import path from 'node:path';

/** What neo4j.conf says for a local instance. */
export interface ConfSettings {
  readonly home: string;
  readonly boltPort: number;
  readonly httpPort: number;
  readonly pageCache: string;
  readonly extraSettings?: readonly string[];
}

/** The neo4j.conf of a local instance: loopback only, its own folders, the launcher's choices. */
export function neo4jConf({ home, boltPort, httpPort, pageCache, extraSettings = [] }: ConfSettings): string {
  const settings = [
    '# Written by the launcher at every start; edit LOCAL_NEO4J_* variables instead.',
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${boltPort}`,
    `server.http.listen_address=127.0.0.1:${httpPort}`,
    `server.http.advertised_address=127.0.0.1:${httpPort}`,
    'server.https.enabled=false',
    `server.directories.data=${path.join(home, 'data')}`,
    `server.directories.logs=${path.join(home, 'logs')}`,
    `server.directories.run=${path.join(home, 'run')}`,
    `server.directories.import=${path.join(home, 'import')}`,
    `server.directories.plugins=${path.join(home, 'plugins')}`,
    `server.memory.pagecache.size=${pageCache}`,
    'dbms.security.auth_enabled=true',
    'dbms.usage_report.enabled=false',
    'db.tx_log.rotation.retention_policy=1 days',
    // Lets Neo4j Browser load the project's guide and style (`:play`, `:style`) from a local service.
    'browser.remote_content_hostname_whitelist=localhost,127.0.0.1',
    ...extraSettings,
  ];
  return settings.join('\n') + '\n';
}
