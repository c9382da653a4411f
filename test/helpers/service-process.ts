import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { findFreePort } from '../../src/localdb/ports';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags';

const ROOT = path.resolve(__dirname, '../..');

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly base: string;
  /** Everything the process printed so far. */
  readonly output: string[];
  /** Resolves with the exit code and signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once a line matching `pattern` has been printed. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * The real service as a child process, on `port` or a free one: `src/main.ts` through tsx, or the
 * build (`dist/main.js`, after `npm run build`) where restarts must be quick and light.
 */
export async function spawnService(
  env: NodeJS.ProcessEnv,
  port?: number,
  entry: 'src/main.ts' | 'dist/main.js' = 'src/main.ts',
): Promise<ServiceProcess> {
  port ??= await findFreePort();
  // The build runs with the flags production starts it with (src/node-flags.ts).
  const args = entry.endsWith('.js') ? [...SERVICE_NODE_FLAGS, entry] : ['--import', 'tsx', entry];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      // Metrics have a fixed default port; two services at once would contend for it.
      METRICS_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  // Whole lines: a chunk of output may end mid-line.
  const onLine = (line: string) => {
    if (!line) return;
    output.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    output,
    exited,
    waitForOutput(pattern, timeoutMs = 60_000) {
      const seen = output.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms:\n${output.slice(-20).join('\n')}`)),
          timeoutMs,
        );
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
    kill(signal = 'SIGTERM') {
      child.kill(signal);
    },
  };
}
