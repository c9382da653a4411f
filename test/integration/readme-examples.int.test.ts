import { readFileSync } from 'node:fs';
import path from 'node:path';
import { retractSource, seedBundles } from '../../src/ingest/seed-loader';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const ROOT = path.resolve(__dirname, '../..');

/** Every ```graphql block of README.md that a ```json block (its answer) follows. */
function readmeExamples(): { query: string; answer: unknown }[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```\n```json\n([\s\S]*?)```/g)].map((match) => ({
    query: match[1] as string,
    answer: JSON.parse(match[2] as string) as unknown,
  }));
}

/** Numbers are compared to within 0.05 (README prints scores to two decimals). */
function roughly(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') return Math.abs(actual - expected) < 0.05;
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, index) => roughly(actual[index], item))
    );
  if (expected !== null && typeof expected === 'object') {
    const keys = Object.keys(expected);
    return (
      actual !== null &&
      typeof actual === 'object' &&
      Object.keys(actual).length === keys.length &&
      keys.every((key) => roughly((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]))
    );
  }
  return actual === expected;
}

describe('README examples', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSeededTestServer();
  });
  afterAll(async () => server?.close());

  const examples = readmeExamples();

  it('has examples with answers to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(
    examples.map(
      (example) =>
        [
          example.query
            .split('\n')
            .find((line) => !line.startsWith('#'))
            ?.slice(0, 60),
          example,
        ] as const,
    ),
  )('%s… answers as printed', async (_, example) => {
    // An example on more than the article names the bundles it needs: `# loaded: test/fixtures/a.yaml, …`.
    const loaded = /^# loaded: (.+)$/m
      .exec(example.query)?.[1]
      ?.split(',')
      .map((file) => path.join(ROOT, file.trim()));
    const report = loaded ? await seedBundles(server.database, loaded) : null;
    try {
      const { body } = await server.graphql(example.query);
      // On a mismatch, show both in full.
      if (!roughly(body, example.answer)) expect(body).toEqual(example.answer);
    } finally {
      for (const { sourceId } of [...(report?.files ?? [])].reverse()) await retractSource(server.database, sourceId);
    }
  });
});
