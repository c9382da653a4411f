import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { importDatabase, setInitialPassword, type AdminToolContext } from './admin-tool';
import { ensureDistribution } from './distribution';
import { LocalNeo4jError } from './errors';
import { findJava } from './java';
import { neo4jConf } from './neo4j-conf';
import { canConnect, isPortFree } from './ports';

export interface LocalNeo4jOptions {
  /** Cache and instances folder (the distribution is shared, each instance has its own data). */
  readonly rootDir: string;
  /** Instance name: `dev` for the developer's database, a unique name per test run. */
  readonly name: string;
  readonly boltPort: number;
  readonly httpPort: number;
  readonly password: string;
  readonly heap: string;
  readonly pageCache: string;
  readonly javaHome: string | undefined;
  readonly pomPath: string;
  readonly log: (line: string) => void;
  /** More neo4j.conf lines (e.g. a server-side transaction timeout for benchmark instances). */
  readonly extraSettings?: readonly string[];
}

export interface LocalNeo4jStatus {
  readonly running: boolean;
  readonly pid: number | undefined;
  readonly boltPort: number;
  readonly httpPort: number;
  readonly home: string;
}

interface RunState {
  readonly pid: number;
  readonly boltPort: number;
  readonly httpPort: number;
}

const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;

/** JVM flags the Neo4j 5 tarball's default neo4j.conf passes to the server. */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
];

/**
 * A real Neo4j Community server on loopback, run from the jars Maven Central publishes.
 * Started detached so later runs reuse it; the pid and ports live in the instance folder.
 */
export class LocalNeo4j {
  readonly home: string;
  private readonly confDir: string;
  private readonly stateFile: string;

  constructor(private readonly options: LocalNeo4jOptions) {
    this.home = path.resolve(options.rootDir, 'instances', options.name);
    this.confDir = path.join(this.home, 'conf');
    this.stateFile = path.join(this.home, 'run', 'neo4j.json');
  }

  get boltUri(): string {
    return `bolt://127.0.0.1:${this.currentPorts().boltPort}`;
  }

  /** Neo4j Browser with its login form filled in (`dbms`: scheme, address and the user name neo4j). */
  get browserUrl(): string {
    const { httpPort, boltPort } = this.currentPorts();
    return `http://127.0.0.1:${httpPort}/browser/?dbms=neo4j://neo4j@127.0.0.1:${boltPort}`;
  }

  get logFile(): string {
    return path.join(this.home, 'logs', 'neo4j.log');
  }

  status(): LocalNeo4jStatus {
    const state = this.readState();
    const running = state !== undefined && isOurServer(state.pid, this.home);
    return {
      running,
      pid: running ? state?.pid : undefined,
      boltPort: state?.boltPort ?? this.options.boltPort,
      httpPort: state?.httpPort ?? this.options.httpPort,
      home: this.home,
    };
  }

  /** Fetches and caches the server jars (the first start does this too). */
  async fetch(): Promise<void> {
    await ensureDistribution(this.options.pomPath, this.options.rootDir, this.options.log);
  }

  /** Starts the server unless it already runs; resolves once Bolt and HTTP answer. */
  async start(): Promise<{ alreadyRunning: boolean }> {
    const current = this.status();
    if (current.running) {
      await this.waitUntilReady(current.pid as number);
      return { alreadyRunning: true };
    }
    const java = findJava(this.options.javaHome);
    const distribution = await ensureDistribution(this.options.pomPath, this.options.rootDir, this.options.log);
    await this.assertPortsFree();
    this.writeConfig();
    this.setInitialPasswordOnce({ java: java.executable, libDir: distribution.libDir, env: this.processEnv() });

    const consoleLog = path.join(this.home, 'logs', 'console.log');
    const out = openSync(consoleLog, 'a');
    const child = spawn(
      java.executable,
      [
        `-Xms${this.options.heap}`,
        `-Xmx${this.options.heap}`,
        ...JVM_FLAGS,
        '-cp',
        path.join(distribution.libDir, '*'),
        'org.neo4j.server.CommunityEntryPoint',
        `--home-dir=${this.home}`,
        `--config-dir=${this.confDir}`,
      ],
      { detached: true, stdio: ['ignore', out, out], env: this.processEnv() },
    );
    closeSync(out);
    child.unref();
    if (child.pid === undefined)
      throw new LocalNeo4jError('START_FAILED', `Java could not be started; see ${consoleLog}`);
    this.writeState({ pid: child.pid, boltPort: this.options.boltPort, httpPort: this.options.httpPort });
    this.options.log(
      `Starting Neo4j ${distribution.neo4jVersion} (pid ${child.pid}, Java ${java.version}), data in ${this.home}…`,
    );
    await this.waitUntilReady(child.pid);
    return { alreadyRunning: false };
  }

  /** Stops the server if it runs: SIGTERM, then SIGKILL if it has not exited in time. */
  async stop(): Promise<{ wasRunning: boolean }> {
    const { running, pid } = this.status();
    if (!running || pid === undefined) {
      rmSync(this.stateFile, { force: true });
      return { wasRunning: false };
    }
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isAlive(pid) && Date.now() < deadline) await sleep(200);
    if (isAlive(pid)) {
      process.kill(pid, 'SIGKILL');
      await sleep(500);
    }
    if (isAlive(pid)) throw new LocalNeo4jError('STOP_FAILED', `Neo4j (pid ${pid}) did not stop; see ${this.logFile}`);
    rmSync(this.stateFile, { force: true });
    return { wasRunning: true };
  }

  /** Removes the instance folder (data included); the server must be stopped. */
  destroy(): void {
    if (this.status().running) throw new Error(`stop ${this.options.name} before removing it`);
    rmSync(this.home, { recursive: true, force: true });
  }

  private async waitUntilReady(pid: number): Promise<void> {
    const { boltPort, httpPort } = this.currentPorts();
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) {
        rmSync(this.stateFile, { force: true });
        throw new LocalNeo4jError(
          'START_FAILED',
          `Neo4j exited while starting. See ${this.logFile} and ${path.join(this.home, 'logs', 'console.log')}:\n${this.tailOfLogs()}`,
        );
      }
      if ((await canConnect(boltPort)) && (await this.answersQueries(httpPort))) return;
      await sleep(250);
    }
    throw new LocalNeo4jError(
      'START_FAILED',
      `Neo4j did not answer within ${START_TIMEOUT_MS / 1000} s; see ${this.logFile}`,
    );
  }

  /** True once the default database runs a query; a wrong password is an error, not a wait. */
  private async answersQueries(httpPort: number): Promise<boolean> {
    let response: Response;
    try {
      response = await fetch(`http://127.0.0.1:${httpPort}/db/neo4j/query/v2`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`neo4j:${this.options.password}`).toString('base64')}`,
        },
        body: JSON.stringify({ statement: 'RETURN 1' }),
        signal: AbortSignal.timeout(5000),
      });
    } catch {
      return false;
    }
    if (response.status === 401) {
      throw new LocalNeo4jError(
        'START_FAILED',
        `Neo4j at ${this.home} rejects the password in NEO4J_PASSWORD: it was initialised with another one. ` +
          'Use that password, or stop it and delete the folder to start afresh.',
      );
    }
    return response.ok;
  }

  private async assertPortsFree(): Promise<void> {
    for (const [name, port, variable] of [
      ['Bolt', this.options.boltPort, 'LOCAL_NEO4J_BOLT_PORT'],
      ['HTTP', this.options.httpPort, 'LOCAL_NEO4J_HTTP_PORT'],
    ] as const) {
      if (!(await isPortFree(port))) {
        throw new LocalNeo4jError(
          'PORT_IN_USE',
          `Port ${port} (Neo4j ${name}) on 127.0.0.1 is already in use by another program. ` +
            `Stop it, or choose another port with ${variable}; to use a Neo4j that already runs, set NEO4J_URI instead.`,
        );
      }
    }
  }

  private writeConfig(): void {
    for (const dir of ['conf', 'data', 'logs', 'run', 'import', 'plugins'])
      mkdirSync(path.join(this.home, dir), { recursive: true });
    const { boltPort, httpPort, pageCache, extraSettings } = this.options;
    writeFileSync(
      path.join(this.confDir, 'neo4j.conf'),
      neo4jConf({ home: this.home, boltPort, httpPort, pageCache, extraSettings }),
    );
  }

  /** Replaces the `neo4j` database with CSV files (neo4j-admin's bulk import); the server must be stopped. */
  async importCsv(
    nodeFiles: readonly string[],
    relationshipFiles: readonly string[],
    log: (line: string) => void,
  ): Promise<void> {
    if (this.status().running) throw new Error('stop the server before a bulk import');
    const context = await this.adminTool();
    this.writeConfig();
    this.setInitialPasswordOnce(context);
    await importDatabase(context, nodeFiles, relationshipFiles, log);
  }

  private async adminTool(): Promise<AdminToolContext> {
    const java = findJava(this.options.javaHome);
    const distribution = await ensureDistribution(this.options.pomPath, this.options.rootDir, this.options.log);
    return { java: java.executable, libDir: distribution.libDir, env: this.processEnv() };
  }

  /** The environment of the server and its tools: this process's, with the instance's home and conf. */
  private processEnv(): NodeJS.ProcessEnv {
    return { ...process.env, NEO4J_HOME: this.home, NEO4J_CONF: this.confDir };
  }

  /** Sets the password before the first start (Neo4j ignores it afterwards). */
  private setInitialPasswordOnce(context: AdminToolContext): void {
    if (!existsSync(path.join(this.home, 'data', 'databases', 'system')))
      setInitialPassword(context, this.options.password);
  }

  private currentPorts(): { boltPort: number; httpPort: number } {
    const state = this.readState();
    return state ?? { boltPort: this.options.boltPort, httpPort: this.options.httpPort };
  }

  private readState(): RunState | undefined {
    if (!existsSync(this.stateFile)) return undefined;
    try {
      return JSON.parse(readFileSync(this.stateFile, 'utf8')) as RunState;
    } catch {
      return undefined;
    }
  }

  private writeState(state: RunState): void {
    mkdirSync(path.dirname(this.stateFile), { recursive: true });
    writeFileSync(this.stateFile, JSON.stringify(state) + '\n');
  }

  private tailOfLogs(): string {
    const lines: string[] = [];
    for (const file of [path.join(this.home, 'logs', 'console.log'), this.logFile]) {
      if (existsSync(file)) lines.push(...readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15));
    }
    return lines.join('\n');
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when pid is alive and, where /proc tells, is a Neo4j server for this home (pids get reused). */
function isOurServer(pid: number, home: string): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return true;
  const args = readFileSync(cmdline, 'utf8');
  return args.includes('CommunityEntryPoint') && args.includes(home);
}
