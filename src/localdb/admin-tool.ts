import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { LocalNeo4jError } from './errors';
import { runProcess } from './run-process';

/** How to run Neo4j's AdminTool for one instance: the JVM, the server jars and the instance's env. */
export interface AdminToolContext {
  readonly java: string;
  readonly libDir: string;
  /** NEO4J_HOME and NEO4J_CONF of the instance (on top of this process's environment). */
  readonly env: NodeJS.ProcessEnv;
}

/** Sets the neo4j user's password; Neo4j only takes it before the first start. */
export function setInitialPassword(context: AdminToolContext, password: string): void {
  const result = spawnSync(
    context.java,
    ['-cp', path.join(context.libDir, '*'), 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', password],
    {
      encoding: 'utf8',
      env: context.env,
    },
  );
  if (result.status !== 0)
    throw new LocalNeo4jError(
      'START_FAILED',
      `Setting the initial password failed:\n${result.stderr || result.stdout}`,
    );
}

/**
 * Replaces the `neo4j` database with CSV files through `neo4j-admin database import full`, the
 * bulk path (much faster than transactions, but only into a stopped server).
 */
export async function importDatabase(
  context: AdminToolContext,
  nodeFiles: readonly string[],
  relationshipFiles: readonly string[],
  log: (line: string) => void,
): Promise<void> {
  const args = [
    '-Xmx1g',
    '-cp',
    path.join(context.libDir, '*'),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    // The database name goes first: --nodes and --relationships take any number of files.
    'neo4j',
    '--overwrite-destination=true',
    '--multiline-fields=true',
    '--array-delimiter=;',
    ...nodeFiles.map((file) => `--nodes=${file}`),
    ...relationshipFiles.map((file) => `--relationships=${file}`),
  ];
  const onLine = (line: string) => {
    if (/^(IMPORT DONE|\s+\d+ (nodes|relationships|properties)$)/.test(line)) log(line.trim());
  };
  const result = await runProcess(context.java, args, { env: context.env, onLine });
  if (result.code !== 0)
    throw new LocalNeo4jError('START_FAILED', `neo4j-admin import failed (${result.code}):\n${result.tail.join('\n')}`);
}
