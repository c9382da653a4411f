import http from 'node:http';
import type { Stats } from '../report';

export interface PacedRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** One fixed-rate run: the rate answered, the wrong or failed answers, each right answer's latency. */
export interface PacedRun {
  readonly rps: number;
  readonly errors: number;
  readonly latencies: readonly number[];
}

/**
 * Open-loop load at a fixed rate, as wrk2 does: request i is sent at start + i/rate whatever
 * happened to the earlier ones, and its latency counts from that planned time, so a stall shows in
 * the percentiles instead of quietly lowering the rate (coordinated omission). autocannon's rate
 * limit cannot do this: each connection sends its quota for the second at the start of the second,
 * so 20 requests/s arrive as one burst of 20 and measure queueing, not the service.
 */
export async function pacedLoad(
  request: PacedRequest,
  options: { rate: number; seconds: number; isCorrect: (body: string) => boolean },
): Promise<PacedRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const interval = 1000 / options.rate;
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const sent: Promise<void>[] = [];
  try {
    for (let i = 0; i < total; i += 1) {
      const planned = start + i * interval;
      const wait = planned - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sent.push(
        send(request, agent).then(
          (response) => {
            if (response.status >= 200 && response.status < 300 && options.isCorrect(response.body))
              latencies.push(performance.now() - planned);
            else errors += 1;
          },
          () => {
            errors += 1;
          },
        ),
      );
    }
    await Promise.all(sent);
  } finally {
    agent.destroy();
  }
  const elapsedSeconds = (performance.now() - start) / 1000;
  return { rps: round1(latencies.length / elapsedSeconds), errors, latencies };
}

/**
 * Stats of several fixed-rate runs: percentiles over all their latencies pooled (a p99 of one
 * short run is little more than its slowest request), the median rate, the errors summed.
 */
export function pooledStats(runs: readonly PacedRun[]): Stats {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const rates = runs.map((run) => run.rps).sort((a, b) => a - b);
  return {
    rps: rates[Math.floor(rates.length / 2)] ?? 0,
    p50: round1(percentile(latencies, 0.5)),
    p99: round1(percentile(latencies, 0.99)),
    p999: round1(percentile(latencies, 0.999)),
    samples: latencies.length,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

function send(request: PacedRequest, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      request.url,
      { method: request.method, headers: request.headers, agent, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** Nearest-rank percentile of sorted values; 0 when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
