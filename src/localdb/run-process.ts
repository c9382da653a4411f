import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessResult {
  readonly code: number | null;
  /** The last lines it printed (stdout and stderr), for an error message. */
  readonly tail: readonly string[];
}

/**
 * Runs a command to its end, handing each whole line it prints (a chunk of output may end
 * mid-line) to `onLine` and keeping the last `tailLines`. Rejects only when it cannot be started.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void; tailLines?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > (options.tailLines ?? 40)) tail.shift();
      options.onLine?.(line);
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, tail }));
  });
}
