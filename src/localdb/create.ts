import path from 'node:path';
import type { Config } from '../config';
import { projectRoot } from '../paths';
import { LocalNeo4j } from './instance';

export interface LocalNeo4jOverrides {
  readonly name?: string;
  readonly boltPort?: number;
  readonly httpPort?: number;
  readonly log?: (line: string) => void;
  readonly extraSettings?: readonly string[];
}

/** The local Neo4j described by the configuration (the developer's `dev` instance unless overridden). */
export function createLocalNeo4j(config: Config, overrides: LocalNeo4jOverrides = {}): LocalNeo4j {
  const root = projectRoot();
  return new LocalNeo4j({
    rootDir: path.resolve(root, config.localNeo4j.dir),
    name: overrides.name ?? 'dev',
    boltPort: overrides.boltPort ?? config.localNeo4j.boltPort,
    httpPort: overrides.httpPort ?? config.localNeo4j.httpPort,
    password: config.neo4j.password,
    heap: config.localNeo4j.heap,
    pageCache: config.localNeo4j.pageCache,
    javaHome: config.localNeo4j.javaHome,
    pomPath: path.join(root, 'neo4j', 'pom.xml'),
    log: overrides.log ?? ((line) => process.stderr.write(`[neo4j] ${line}\n`)),
    extraSettings: overrides.extraSettings,
  });
}
