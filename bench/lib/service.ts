import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../../src/config';
import { createLocalNeo4j } from '../../src/localdb/create';
import { findFreePort } from '../../src/localdb/ports';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags';

export const ROOT = path.resolve(__dirname, '../..');

export interface RunningService {
  readonly base: string;
  readonly pid: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** The Neo4j the tools use: NEO4J_URI, or the developer's local instance (started if needed). */
export async function neo4jForTools(): Promise<{ uri: string; password: string; user: string }> {
  const config = readConfig();
  if (config.neo4j.uri) return { uri: config.neo4j.uri, password: config.neo4j.password, user: config.neo4j.user };
  const local = createLocalNeo4j(config);
  await local.start();
  return { uri: local.boltUri, password: config.neo4j.password, user: config.neo4j.user };
}

/** `node` arguments that run the built service as production does (its flags, then dist/main.js). */
export const BUILT_SERVICE: readonly string[] = [...SERVICE_NODE_FLAGS, 'dist/main.js'];

/** Builds the service and runs it as a separate process, as production would. */
export async function startBuiltService(env: NodeJS.ProcessEnv): Promise<RunningService> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  return startProcess(BUILT_SERVICE, env, '/health/ready');
}

/** Runs a node program of the project (args after `node`) on a free PORT until `readyPath` answers 2xx. */
export async function startProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  readyPath: string,
  method = 'GET',
): Promise<RunningService> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      // Metrics on, as deployed, on a port of their own (the default one may be taken).
      METRICS_PORT: String(await findFreePort()),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    const ready = await fetch(`${base}${readyPath}`, { method }).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${args.join(' ')} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    base,
    pid: child.pid as number,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time the whole machine spent busy (user, nice, system, interrupts; not idle, I/O wait or
 * time stolen by other guests), in ms since boot (Linux /proc/stat).
 */
export function machineCpuMs(): number {
  const [user, nice, system, , , irq, softirq] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)) * 10;
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * Runs `work` while sampling a process's resident set size every 0.5 s; gives its result and the
 * largest sample (MB). A process that has exited has no sample (0): a throw in the timer would
 * end the whole run, not the work that `work`'s own failure reports.
 */
export async function withMaxRss<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; maxRssMb: number }> {
  const sample = () => {
    try {
      return rssMb(pid);
    } catch {
      return 0;
    }
  };
  let maxRssMb = sample();
  const sampler = setInterval(() => {
    maxRssMb = Math.max(maxRssMb, sample());
  }, 500);
  try {
    const value = await work();
    return { value, maxRssMb: Math.max(maxRssMb, sample()) };
  } finally {
    clearInterval(sampler);
  }
}
