/** Mixed read traffic with a check of every answer: correct data, or a coded error, or neither. */

interface Probe {
  readonly query: string;
  /** True when the data is the right answer for the seeded article. */
  readonly correct: (data: Record<string, any>) => boolean; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const PROBES: readonly Probe[] = [
  {
    query: '{ timeline(first: 5) { totalCount nodes { id participants { role } } } }',
    correct: (d) => d.timeline?.totalCount === 9 && d.timeline.nodes.length === 5,
  },
  {
    query: '{ search(text: "Krivo") { node { id } } }',
    correct: (d) => d.search?.[0]?.node.id === 'alexei-krivoruchko',
  },
  {
    query: '{ connections(from: "alexei-krivoruchko", to: "vladimir-putin") { length } }',
    correct: (d) => d.connections?.[0]?.length === 3,
  },
  { query: '{ entity(id: "kim-jong-un") { name } }', correct: (d) => d.entity?.name === 'Kim Jong Un' },
];

export interface Outcome {
  readonly kind: 'correct' | 'coded' | 'wrong';
  readonly code?: string;
  readonly ms: number;
  readonly detail?: string;
}

/** Sends one probe; never throws. `allowedCodes` are the error codes that count as a proper answer. */
export async function probe(base: string, index: number, allowedCodes: readonly string[]): Promise<Outcome> {
  const { query, correct } = PROBES[index % PROBES.length] as Probe;
  const started = Date.now();
  try {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: { extensions?: { code?: string } }[];
    };
    const ms = Date.now() - started;
    const code = body.errors?.[0]?.extensions?.code;
    if (!body.errors && response.status === 200 && body.data && correct(body.data)) return { kind: 'correct', ms };
    if (code && allowedCodes.includes(code) && response.status < 500) return { kind: 'coded', code, ms };
    return { kind: 'wrong', ms, detail: `${response.status} ${JSON.stringify(body).slice(0, 300)}` };
  } catch (error) {
    return { kind: 'wrong', ms: Date.now() - started, detail: String(error) };
  }
}

export function summarize(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = { total: outcomes.length, correct: 0, coded: 0, wrong: 0 };
  for (const outcome of outcomes) counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
  const coded = outcomes
    .filter((outcome) => outcome.kind === 'coded')
    .map((outcome) => outcome.ms)
    .sort((a, b) => a - b);
  counts.codedMaxMs = coded.at(-1) ?? 0;
  counts.codedMedianMs = coded[Math.floor(coded.length / 2)] ?? 0;
  return counts;
}
