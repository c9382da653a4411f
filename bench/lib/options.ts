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

/**
 * Numeric options as numbers, or the usage line and exit 2 naming each one that is not a positive
 * number (a rate of "fast" or 0 would otherwise run a benchmark that measures nothing).
 */
export function positiveNumbers<K extends string>(
  usage: string,
  values: Readonly<Record<K, string | boolean | undefined | (string | boolean)[]>>,
  names: readonly K[],
): Record<K, number> {
  const parsed = names.map((name) => [name, Number(values[name])] as const);
  const bad = parsed.filter(([, value]) => !(Number.isFinite(value) && value > 0));
  if (bad.length > 0) {
    for (const [name] of bad) console.error(`--${name} must be a positive number; got ${String(values[name])}`);
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return Object.fromEntries(parsed) as Record<K, number>;
}
