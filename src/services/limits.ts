import { badUserInput } from '../errors';

/** Default and maximum of every list argument; the API documents these in README. */
export const LIMITS = {
  timeline: { default: 20, max: 100 },
  search: { default: 10, max: 50 },
  entities: { default: 50, max: 200 },
  sources: { default: 100, max: 500 },
  changes: { default: 20, max: 100 },
  connections: { default: 3, max: 10 },
  maxHops: { default: 4, max: 6 },
  neighborhoodDepth: { default: 1, max: 3 },
  neighborhoodLimit: { default: 100, max: 500 },
} as const;

/** The argument's value, its default when absent, or BAD_USER_INPUT when out of 1…max. */
export function boundedInt(
  value: number | null | undefined,
  limit: { default: number; max: number },
  argument: string,
): number {
  if (value === null || value === undefined) return limit.default;
  if (!Number.isInteger(value) || value < 1 || value > limit.max) {
    throw badUserInput(`${argument} must be an integer from 1 to ${limit.max} (got ${value})`, argument);
  }
  return value;
}
