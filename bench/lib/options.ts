import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A benchmark's command-line options, or its usage line and exit 2 for an unknown or malformed one. */
export function benchOptions<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${usage}`);
    process.exit(2);
  }
}
