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
 * number (a rate of "fast" or 0 would otherwise run a benchmark that measures nothing), or, for
 * the `counts` among them (rounds, connections, events), not a whole one.
 */
export function positiveNumbers<K extends string>(
  usage: string,
  values: Readonly<Record<K, string | boolean | undefined | (string | boolean)[]>>,
  names: readonly K[],
  counts: readonly K[] = [],
): Record<K, number> {
  const parsed = names.map((name) => [name, Number(values[name])] as const);
  const problems = parsed.flatMap(([name, value]) => {
    const got = `got ${String(values[name])}`;
    if (!(Number.isFinite(value) && value > 0)) return [`--${name} must be a positive number; ${got}`];
    return counts.includes(name) && !Number.isInteger(value)
      ? [`--${name} must be a positive whole number; ${got}`]
      : [];
  });
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return Object.fromEntries(parsed) as Record<K, number>;
}

/** `--sizes 10000,100000`: corpus sizes in events, each a positive whole number, or exit 2 as above. */
export function sizesOption(usage: string, text: unknown): number[] {
  return String(text)
    .split(',')
    .map((size) => positiveNumbers(usage, { sizes: size }, ['sizes'], ['sizes']).sizes);
}
