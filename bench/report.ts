import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PEER_DOES_LESS } from './scenarios';

export interface Stats {
  /** Requests per second (mean over the run). */
  readonly rps: number;
  /** Latency percentiles in ms. */
  readonly p50: number;
  readonly p99: number;
  /** At the fixed rate: the p99.9 and how many answers the percentiles are taken from. */
  readonly p999?: number;
  readonly samples?: number;
  /** At saturation: the process's CPU time (user + system) per answered request, in ms. */
  readonly cpuMsPerRequest?: number;
  /**
   * At saturation: the whole machine's busy CPU time per answered request, in ms: the target, Neo4j
   * and the load generator, all of which share the machine's cores.
   */
  readonly machineCpuMsPerRequest?: number;
  /** Failed requests, each once: answers that were not 2xx or carried an error, socket errors and timeouts. */
  readonly errors: number;
}

export interface ScenarioResult {
  readonly size: number;
  readonly scenario: string;
  readonly description: string;
  /** Medians over the rounds at saturation. */
  readonly ours: Stats;
  readonly raw: Stats;
  readonly peer: Stats;
  /** At a fixed request rate: latency percentiles over all rounds' requests pooled, the median rate. */
  readonly fixedRate: { rate: number; ours: Stats; raw: Stats; peer: Stats };
  /** Throughput ratios of the medians. */
  /** Null when the other target answered nothing. */
  readonly ratios: {
    oursVsRaw: number | null;
    oursVsPeer: number | null;
    /**
     * Raw's machine CPU per request over ours': the ours/raw throughput the work per request
     * allows when the cores are the limit, free of the drift between two saturation runs.
     */
    oursVsRawByCpu?: number | null;
  };
  /** PROFILE db hits of one request. */
  readonly dbHits: { ours: number | string; peer: number | string };
  /** Largest resident set size of our service while the scenario ran (MB, sampled every 0.5 s). */
  readonly oursMaxRssMb?: number;
}

const TARGETS = ['ours', 'raw', 'peer'] as const;
const COLOURS = { ours: '#d9480f', raw: '#1c7ed6', peer: '#5c940d' } as const;

const cell = (s: { rps: number; p50: number; p99: number }) => `${Math.round(s.rps)} / ${s.p50} / ${s.p99}`;

/** Writes results.md (tables per corpus size) and latency.svg (timeline p99 against corpus size). */
export function writeReport(
  dir: string,
  results: readonly ScenarioResult[],
  meta: {
    sizes: readonly number[];
    seconds: number;
    rounds: number;
    connections: number;
    rate: number;
    /** Fixed-rate answers asked per target and scenario (absent in runs before it was an option). */
    samples?: number;
    minutes: number;
    /** The last run's command (absent in runs before it was recorded). */
    command?: string;
  },
): void {
  const lines = [
    `# Benchmark results`,
    '',
    `The last run was \`${meta.command ?? `npm run bench -- --sizes ${meta.sizes.join(',')} --seconds ${meta.seconds} --rounds ${meta.rounds} --connections ${meta.connections} --rate ${meta.rate}${meta.samples ? ` --samples ${meta.samples}` : ''}`}\`, ${meta.minutes} min; with \`--merge\`, rows it did not measure (other sizes or scenarios) are kept from earlier runs.`,
    `Saturation cells: requests/s / p50 ms / p99 ms, medians of alternating rounds at ${meta.connections} connections (${meta.rounds} of ${meta.seconds} s in the last run; a merged row kept from an earlier run may have had fewer or more, see docs/BENCHMARKS.md); CPU: ms of the process's CPU time per answered request at saturation, ours / raw; machine CPU: the same for the whole machine (the target, Neo4j and the load generator), and ours/raw by CPU their ratio, raw's over ours'. Fixed rate: requests sent open loop at ${meta.rate}/s, or at half the slower of ours' and raw's warm-up throughput where that is less (the rate column), latency counted from each request's planned send time, p50 / p99 / p99.9 over all rounds' answers pooled, and how many answers that is.`,
    '',
  ];
  for (const size of meta.sizes) {
    lines.push(`## ${size.toLocaleString('en')} events`, '');
    lines.push(
      '| scenario | ours (saturation) | raw Cypher | @neo4j/graphql | ours/raw | ours/raw by CPU | ours/peer | CPU ms/request ours / raw | machine CPU ms/request ours / raw | ours p50/p99/p99.9 at fixed rate | raw | peer | fixed rate /s | answers at fixed rate ours / raw / peer | db hits ours / peer | ours max RSS MB | errors (all targets) |',
    );
    lines.push(
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of results.filter((result) => result.size === size)) {
      const fixed = (s: Stats) => `${s.p50} / ${s.p99} / ${s.p999 ?? '–'}`;
      const cpu = (s: Stats) => (s.cpuMsPerRequest === undefined ? '–' : s.cpuMsPerRequest.toFixed(2));
      const machine = (s: Stats) =>
        s.machineCpuMsPerRequest === undefined ? '–' : s.machineCpuMsPerRequest.toFixed(2);
      const answers = (s: Stats) => s.samples ?? '–';
      const errors =
        r.ours.errors +
        r.raw.errors +
        r.peer.errors +
        r.fixedRate.ours.errors +
        r.fixedRate.raw.errors +
        r.fixedRate.peer.errors;
      lines.push(
        `| ${r.scenario} | ${cell(r.ours)} | ${cell(r.raw)} | ${cell(r.peer)} | ${r.ratios.oursVsRaw ?? '–'} | ${r.ratios.oursVsRawByCpu ?? '–'} | ${r.ratios.oursVsPeer ?? '–'}${PEER_DOES_LESS.has(r.scenario) ? ' †' : ''} | ${cpu(r.ours)} / ${cpu(r.raw)} | ${machine(r.ours)} / ${machine(r.raw)} | ${fixed(r.fixedRate.ours)} | ${fixed(r.fixedRate.raw)} | ${fixed(r.fixedRate.peer)} | ${r.fixedRate.rate} | ${answers(r.fixedRate.ours)} / ${answers(r.fixedRate.raw)} / ${answers(r.fixedRate.peer)} | ${r.dbHits.ours} / ${r.dbHits.peer} | ${r.oursMaxRssMb ?? '–'} | ${errors} |`,
      );
    }
    lines.push('');
  }
  lines.push('Scenarios:', '');
  for (const r of results.filter((result) => result.size === meta.sizes[0]))
    lines.push(`- \`${r.scenario}\`: ${r.description}`);
  const marked = [...PEER_DOES_LESS].filter(([scenario]) => results.some((result) => result.scenario === scenario));
  if (marked.length > 0) lines.push('', '† The peer is asked for less than ours:', '');
  for (const [scenario, difference] of marked) lines.push(`- \`${scenario}\`: ${difference}.`);
  writeFileSync(path.join(dir, 'results.md'), lines.join('\n') + '\n');
  writeFileSync(
    path.join(dir, 'latency.svg'),
    latencyChart(
      results.filter((result) => result.scenario === 'timeline'),
      meta.sizes,
    ),
  );
}

/** A small line chart: p99 at the fixed rate of the timeline page against corpus size (log scale). */
function latencyChart(results: readonly ScenarioResult[], sizes: readonly number[]): string {
  const width = 640;
  const height = 360;
  const left = 60;
  const bottom = 50;
  const top = 30;
  const right = 120;
  const maxY = Math.max(1, ...results.flatMap((r) => TARGETS.map((t) => r.fixedRate[t].p99))) * 1.1;
  const logs = sizes.map((size) => Math.log10(size));
  const minX = Math.min(...logs);
  const spanX = Math.max(1e-9, Math.max(...logs) - minX);
  const x = (size: number) => left + ((Math.log10(size) - minX) / spanX) * (width - left - right);
  const y = (ms: number) => height - bottom - (ms / maxY) * (height - top - bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="18" font-size="14">Timeline page: p99 latency at a fixed rate vs corpus size</text>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#333"/>`,
    `<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">events in the corpus (log scale)</text>`,
    `<text x="16" y="${(top + height - bottom) / 2}" transform="rotate(-90 16 ${(top + height - bottom) / 2})" text-anchor="middle">p99 ms</text>`,
  ];
  for (const size of sizes)
    parts.push(
      `<text x="${x(size)}" y="${height - bottom + 16}" text-anchor="middle">${size.toLocaleString('en')}</text>`,
    );
  for (let i = 0; i <= 4; i += 1) {
    const value = (maxY / 4) * i;
    parts.push(`<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end">${Math.round(value)}</text>`);
    parts.push(`<line x1="${left}" y1="${y(value)}" x2="${width - right}" y2="${y(value)}" stroke="#eee"/>`);
  }
  TARGETS.forEach((target, index) => {
    // A size at which the target answered nothing at the fixed rate has no latency to plot.
    const answered = results.filter((r) => r.fixedRate[target].rps > 0);
    const points = answered.map((r) => `${x(r.size)},${y(r.fixedRate[target].p99)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${COLOURS[target]}" stroke-width="2" points="${points}"/>`);
    for (const r of answered)
      parts.push(`<circle cx="${x(r.size)}" cy="${y(r.fixedRate[target].p99)}" r="3" fill="${COLOURS[target]}"/>`);
    const label = { ours: 'this API', raw: 'raw Cypher', peer: '@neo4j/graphql' }[target];
    parts.push(
      `<text x="${width - right + 10}" y="${top + 20 + index * 18}" fill="${COLOURS[target]}">${label}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
