import type { Stats } from '../report';
import type { Scenario } from '../scenarios';
import { pacedLoad, pooledStats, type PacedRequest } from './paced';
import { isCorrect, medianStats, round2, saturate } from './saturation';

/** One scenario measured on two runs of our service that differ in one setting: each mode's medians at saturation, … */
export type ModeComparison<Mode extends string> = Readonly<Record<Mode, Stats>> & {
  readonly fixedRate: { readonly rate: number } & Readonly<Record<Mode, Stats>>;
  /** First mode over second, of the medians: throughput, latencies. */
  readonly ratios: { readonly rps: number | null; readonly p50: number | null; readonly p99: number | null };
};

export interface ModeOptions {
  readonly seconds: number;
  readonly rounds: number;
  readonly connections: number;
  readonly rate: number;
}

/** The scenario's GraphQL request to one of our services. */
export function oursRequest(scenario: Scenario, base: string): PacedRequest {
  return {
    url: `${base}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(scenario.ours),
  };
}

/**
 * A warm-up of each mode, then `rounds` rounds of each at saturation and at a fixed rate, the
 * order alternating so that drift on a shared machine favours neither; medians, pooled
 * fixed-rate percentiles, and the first mode's ratios to the second.
 */
export async function compareModes<Mode extends string>(
  scenario: Scenario,
  bases: Readonly<Record<Mode, string>>,
  modes: readonly [Mode, Mode],
  opts: ModeOptions,
  settle: () => Promise<unknown>,
): Promise<ModeComparison<Mode>> {
  const load = { seconds: opts.seconds, connections: opts.connections };
  for (const mode of modes) {
    await saturate(oursRequest(scenario, bases[mode]), load); // warm-up: JIT, page cache, plans
    await settle();
  }
  const saturation = new Map<Mode, Stats[]>(modes.map((mode) => [mode, []]));
  const fixed = new Map<Mode, Awaited<ReturnType<typeof pacedLoad>>[]>(modes.map((mode) => [mode, []]));
  for (let round = 0; round < opts.rounds; round += 1) {
    for (const mode of round % 2 === 0 ? modes : [...modes].reverse()) {
      const {
        answered: _answered,
        correct: _correct,
        ...stats
      } = await saturate(oursRequest(scenario, bases[mode]), load);
      saturation.get(mode)?.push(stats);
      await settle();
      fixed.get(mode)?.push(
        await pacedLoad(oursRequest(scenario, bases[mode]), {
          seconds: Math.max(1, opts.seconds / 2),
          rate: opts.rate,
          isCorrect,
        }),
      );
      await settle();
    }
  }
  const [first, second] = modes.map((mode) => medianStats(saturation.get(mode) ?? [])) as [Stats, Stats];
  const byMode = <T>(of: (mode: Mode) => T) =>
    Object.fromEntries(modes.map((mode) => [mode, of(mode)])) as Record<Mode, T>;
  return {
    ...byMode((mode) => (mode === modes[0] ? first : second)),
    fixedRate: { rate: opts.rate, ...byMode((mode) => pooledStats(fixed.get(mode) ?? [])) },
    ratios: {
      rps: round2(first.rps / second.rps),
      p50: round2(first.p50 / second.p50),
      p99: round2(first.p99 / second.p99),
    },
  };
}
