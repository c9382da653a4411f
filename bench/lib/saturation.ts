import autocannon from 'autocannon';
import type { Stats } from '../report';
import type { PacedRequest } from './paced';

/** An answer counts when it is 2xx and carries no GraphQL or raw-server error. */
export const isCorrect = (body: string): boolean => !body.includes('"errors"') && !body.includes('"error"');

/** The run is also autocannon's event emitter (its types give only the promise). */
interface AnswerEvents {
  on(event: 'response', listener: (client: unknown, statusCode: number) => void): unknown;
}

/**
 * Saturation: autocannon keeps `connections` requests in flight for `seconds`. `correct` counts the
 * 2xx answers whose body holds no error, each once (autocannon's own counts take an error answer
 * twice, as non-2xx and as a mismatch, and a timeout as an error and a timeout).
 */
export async function saturate(
  request: PacedRequest,
  options: { seconds: number; connections: number },
): Promise<Stats & { answered: number; correct: number; firstWrong?: string }> {
  // autocannon emits each answer's status just before it checks the same answer's body.
  let status = 0;
  let correct = 0;
  let firstWrong: string | undefined;
  const run = autocannon({
    ...request,
    connections: options.connections,
    duration: options.seconds,
    verifyBody: (body: string) => {
      const ok = isCorrect(body);
      if (ok && status >= 200 && status < 300) correct += 1;
      else firstWrong ??= describeAnswer(status, body);
      return ok;
    },
  } as autocannon.Options) as ReturnType<typeof autocannon> & AnswerEvents;
  run.on('response', (_client: unknown, statusCode: number) => {
    status = statusCode;
  });
  const result = await run;
  return {
    rps: result.requests.average,
    answered: result.requests.total,
    correct,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // Each failed request once: answers that were not correct, and requests that got no answer
    // (autocannon's `errors`: connection errors and timeouts).
    errors: result.requests.total - correct + result.errors,
    ...(firstWrong === undefined ? {} : { firstWrong }),
  };
}

/** An answer as a reader of the run's output can act on it: its status and the start of its body. */
function describeAnswer(status: number, body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return `${status} ${flat.length > WRONG_ANSWER_CHARS ? `${flat.slice(0, WRONG_ANSWER_CHARS)}…` : flat}`;
}

/** Enough of a GraphQL error body to hold its first message and code. */
const WRONG_ANSWER_CHARS = 200;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The medians of rounds' throughput and percentiles; errors summed. */
export function medianStats(samples: readonly Stats[]): Stats {
  const medianOf = (key: 'cpuMsPerRequest' | 'machineCpuMsPerRequest') => {
    const values = samples.flatMap((s) => (s[key] === undefined ? [] : [s[key]]));
    return values.length > 0 ? { [key]: Math.round(median(values) * 1000) / 1000 } : {};
  };
  return {
    rps: median(samples.map((s) => s.rps)),
    ...medianOf('cpuMsPerRequest'),
    ...medianOf('machineCpuMsPerRequest'),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
  };
}

/** Two decimals; null for a ratio to a target that answered nothing. */
export function round2(value: number): number | null {
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : null;
}
