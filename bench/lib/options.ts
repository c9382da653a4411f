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
 * What a numeric option takes: a positive `number` (a rate, seconds), a `count` (a positive whole
 * number written in digits: rounds, connections, events), or `counts` (a comma-separated list of
 * them: corpus sizes); `max` bounds it where the service would refuse more.
 */
export interface NumericRule {
  readonly kind: 'number' | 'count' | 'counts';
  readonly max?: number;
}

/** The load options the comparing benchmarks share: corpus sizes, seconds, rounds, connections, rate. */
export const LOAD_RULES = {
  sizes: { kind: 'counts' },
  seconds: { kind: 'number' },
  rounds: { kind: 'count' },
  connections: { kind: 'count' },
  rate: { kind: 'number' },
} as const satisfies Record<string, NumericRule>;

type NumericValues<R extends Record<string, NumericRule>> = {
  -readonly [K in keyof R]: R[K]['kind'] extends 'counts' ? number[] : number;
};

/**
 * Numeric options as numbers, or the usage line and exit 2 naming every one that breaks its rule
 * (a rate of "fast" or 0, or 1.5 rounds, would otherwise run a benchmark that measures nothing).
 */
export function numericOptions<R extends Record<string, NumericRule>>(
  usage: string,
  values: Readonly<Record<string, string | boolean | undefined | (string | boolean)[]>>,
  rules: R,
): NumericValues<R> {
  const problems: string[] = [];
  const parsed = Object.entries(rules).map(([name, rule]) => {
    const texts = rule.kind === 'counts' ? String(values[name]).split(',') : [String(values[name])];
    const numbers = texts.map((text) => {
      const problem = numericProblem(text, rule);
      if (problem) problems.push(`--${name} ${problem}; got ${text === '' ? 'nothing' : text}`);
      return Number(text);
    });
    return [name, rule.kind === 'counts' ? numbers : numbers[0]] as const;
  });
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return Object.fromEntries(parsed) as NumericValues<R>;
}

function numericProblem(text: string, rule: NumericRule): string | undefined {
  const value = Number(text);
  if (rule.kind === 'number' && !(text.trim() !== '' && Number.isFinite(value) && value > 0))
    return 'must be a positive number';
  // Digits only: Number() would also take 0x10, 1e3 or " 8 ".
  if (rule.kind !== 'number' && !(/^\d+$/.test(text) && Number.isSafeInteger(value) && value > 0))
    return 'must be a positive whole number';
  if (rule.max !== undefined && value > rule.max) return `must be at most ${rule.max}`;
  return undefined;
}

/**
 * The scenarios `--scenarios` names (comma-separated) out of `known`, or the usage line and exit 2
 * naming each one no scenario has: a misspelt name would otherwise measure nothing and say nothing.
 */
export function scenarioOption(usage: string, text: string, known: readonly string[]): string[] {
  const names = text.split(',');
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    for (const name of unknown) console.error(`--scenarios: no scenario is named "${name}"`);
    console.error(`scenarios: ${known.join(', ')}\nusage: ${usage}`);
    process.exit(2);
  }
  return names;
}
