import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import type { Database } from '../../src/neo4j/database';
import { connectTestDatabase } from '../helpers/database';
import { ARTICLE_BUNDLE, FIXTURES_DIR, snapshotGraph } from '../helpers/graph';
import { startTestServer, type TestServer } from '../helpers/server';

const ROOT = path.resolve(__dirname, '../..');
const BRIEFING = path.join(FIXTURES_DIR, 'briefing-report.yaml');
const BRIEFING_SOURCE = 'test-briefing-report';
const KEY = 'refusal-key-0123456789abcdef0123456789';

/** Runs an npm script as an author does (`npm run seed -- …`): its exit code and all it printed. */
async function runScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** Files that are no bundle, each with what the refusal must say. */
function writeBrokenFiles(folder: string): { file: string; says: RegExp }[] {
  const at = (name: string) => path.join(folder, name);
  writeFileSync(at('broken.yaml'), 'source: {id: "a"\nentities: [\n');
  writeFileSync(at('truncated.json'), '{"source": {"id": "x", "language"');
  writeFileSync(at('twice.json'), '{"source": {"id": "x"}, "source": {"id": "y"}}');
  writeFileSync(at('empty.yaml'), '   \n');
  writeFileSync(at('comments.yaml'), '# only a comment\n');
  mkdirSync(at('folder.yaml'));
  writeFileSync(at('article.txt'), 'Pyongyang, 18 July 2024 - Kim Jong Un received a delegation.');
  writeFileSync(at('latin1.yaml'), Buffer.from([0x73, 0x6f, 0x75, 0x72, 0x63, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
  // Each level multiplies the one before by nine: 9^6 strings from a few hundred bytes.
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const [name, previous] of [
    ['b', 'a'],
    ['c', 'b'],
    ['d', 'c'],
    ['e', 'd'],
    ['f', 'e'],
  ] as const)
    levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
  writeFileSync(at('alias-bomb.yaml'), `${levels.join('\n')}\n`);
  return [
    { file: at('missing.yaml'), says: /missing\.yaml: \(file\): file not found/ },
    { file: at('broken.yaml'), says: /broken\.yaml: \(file\): not valid YAML/ },
    { file: at('truncated.json'), says: /truncated\.json: \(file\): not valid JSON/ },
    { file: at('twice.json'), says: /twice\.json: \(file\): not valid JSON: Map keys must be unique/ },
    { file: at('empty.yaml'), says: /empty\.yaml: \(file\): the bundle is empty/ },
    { file: at('comments.yaml'), says: /comments\.yaml: \(file\): the bundle is empty \(it holds only comments\)/ },
    { file: at('folder.yaml'), says: /folder\.yaml: \(file\): is a folder/ },
    { file: at('article.txt'), says: /article\.txt: \(file\): not a bundle file.*npm run draft/ },
    { file: at('latin1.yaml'), says: /latin1\.yaml: \(file\): is not UTF-8 text/ },
    { file: at('alias-bomb.yaml'), says: /alias-bomb\.yaml: \(file\): not valid YAML: Excessive alias count/ },
  ];
}

describe('no bundle enters without a word', () => {
  let driver: Driver;
  let database: Database;
  let scratch: string;
  let broken: { file: string; says: RegExp }[];

  beforeAll(async () => {
    ({ driver, database } = connectTestDatabase());
    scratch = mkdtempSync(path.join(os.tmpdir(), 'refusals-'));
    broken = writeBrokenFiles(scratch);
    await runScript('seed', ['--remove', BRIEFING_SOURCE]);
  });

  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await driver?.close();
  });

  it('npm run seed refuses every file that is no bundle, naming it, exiting 1 and writing nothing', async () => {
    const before = await snapshotGraph(database);
    for (const { file, says } of broken) {
      const { code, output } = await runScript('seed', [file]);
      expect({ file, code }).toEqual({ file, code: 1 });
      expect(output).toMatch(says);
      expect(output).toContain('Nothing was written.');
      expect(output).not.toMatch(/Seeded:|committed/);
    }
    expect(await snapshotGraph(database)).toEqual(before);
  });

  it('one bad file among good ones refuses them all, naming every problem', async () => {
    const before = await snapshotGraph(database);
    const { code, output } = await runScript('seed', [
      BRIEFING,
      ...broken.filter(({ file }) => /missing|broken/.test(file)).map(({ file }) => file),
    ]);
    expect(code).toBe(1);
    expect(output).toMatch(/missing\.yaml: \(file\): file not found/);
    expect(output).toMatch(/broken\.yaml: \(file\): not valid YAML/);
    expect(await snapshotGraph(database)).toEqual(before);
  });

  it('refuses a wrong flag and a retraction with no source, with the usage', async () => {
    for (const args of [['--bogus', BRIEFING], ['--remove']]) {
      const { code, output } = await runScript('seed', args);
      expect({ args, code }).toEqual({ args, code: 1 });
      expect(output).toMatch(/usage:\n {2}npm run seed/);
    }
  });

  it('refuses REVIEW marks left by the drafter, naming their lines, unless the author accepts them', async () => {
    const reviewed = path.join(scratch, 'with-review.yaml');
    const lines = readFileSync(BRIEFING, 'utf8').split('\n');
    lines.splice(3, 0, '  # REVIEW: the dateline is the publication date?');
    writeFileSync(reviewed, lines.join('\n'));
    const before = await snapshotGraph(database);

    const refused = await runScript('seed', [reviewed]);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/with-review\.yaml: line 4: REVIEW mark left \("REVIEW: the dateline/);
    expect(await snapshotGraph(database)).toEqual(before);

    const accepted = await runScript('seed', ['--accept-review', '--dry-run', reviewed]);
    expect(accepted.code).toBe(0);
    expect(accepted.output).toMatch(/Dry run: \d+ nodes and \d+ relationships would be created; nothing was written/);
    expect(await snapshotGraph(database)).toEqual(before);
  });

  it('a dry run reports what the load then does, and keeps nothing', async () => {
    const before = await snapshotGraph(database);
    const dryRun = await runScript('seed', ['--dry-run', BRIEFING]);
    expect(dryRun.code).toBe(0);
    expect(await snapshotGraph(database)).toEqual(before);
    const load = await runScript('seed', [BRIEFING]);
    expect(load.code).toBe(0);
    const counts = (output: string) => /\(test-briefing-report\): coverage .*/.exec(output)?.[0];
    expect(counts(dryRun.output)).toBeDefined();
    expect(counts(dryRun.output)).toEqual(counts(load.output));
    expect(await snapshotGraph(database)).not.toEqual(before);
    const removed = await runScript('seed', ['--remove', BRIEFING_SOURCE]);
    expect(removed.code).toBe(0);
    expect(await snapshotGraph(database)).toEqual(before);
  });

  it('says so, without a stack trace, when Neo4j does not answer (exit 2, nothing written)', async () => {
    const { code, output } = await runScript('seed', [BRIEFING], { NEO4J_URI: 'bolt://127.0.0.1:1' });
    expect(code).toBe(2);
    expect(output).toMatch(/unavailable[\s\S]*Nothing was written\./);
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('seed:locate and draft refuse what they cannot read, exiting 1', async () => {
    const missing = broken[0]?.file as string;
    const locate = await runScript('seed:locate', [missing]);
    expect(locate.code).toBe(1);
    expect(locate.output).toMatch(/missing\.yaml: \(file\): file not found/);
    expect((await runScript('seed:locate', [])).code).toBe(1);

    const seedDir = path.join(scratch, 'seed-with-a-broken-bundle');
    mkdirSync(seedDir);
    writeFileSync(
      path.join(seedDir, '000.yaml'),
      readFileSync(ARTICLE_BUNDLE, 'utf8').replace(/\n {2}- id: /, '\n - id: ['),
    );
    const draft = await runScript('draft', [path.join(scratch, 'article.txt'), '--seed', seedDir]);
    expect(draft.code).toBe(1);
    expect(draft.output).toMatch(/000\.yaml: \(file\): not valid YAML/);
  });
});

describe('no bundle enters the API without a word', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ INGEST_API_KEYS: `ci:${KEY}` });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('POST /bundles answers 400 INVALID_BUNDLE for each unreadable body and writes nothing', async () => {
    const before = await snapshotGraph(server.database);
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x]',
      ...'bcdef'.split('').map((name, index) => {
        const previous = 'abcde'[index];
        return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
      }),
    ].join('\n');
    const cases = [
      { body: ' \n', type: 'application/yaml', code: 'BAD_REQUEST', says: /Missing body/ },
      { body: JSON.stringify({ bundle: '  ' }), type: 'application/json', says: /the bundle is empty/ },
      { body: 'source: {id: "a"\n', type: 'application/yaml', says: /not valid YAML/ },
      { body: bomb, type: 'application/yaml', says: /Excessive alias count/ },
      {
        body: readFileSync(BRIEFING, 'utf8').replace('source:\n', 'source:\n  # REVIEW: check the title\n'),
        type: 'application/yaml',
        says: /REVIEW mark left/,
      },
    ];
    for (const { body, type, says, code = 'INVALID_BUNDLE' } of cases) {
      const response = await fetch(`${server.base}/bundles`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${KEY}` },
        body,
      });
      const answer = (await response.json()) as {
        errors: { message: string; extensions: { code: string; problems?: { message: string }[] } }[];
      };
      expect({ body: body.slice(0, 30), status: response.status }).toEqual({ body: body.slice(0, 30), status: 400 });
      const [error] = answer.errors;
      expect(error?.extensions.code).toBe(code);
      const problems = error?.extensions.problems?.map((problem) => problem.message) ?? [error?.message];
      expect(problems.join('\n')).toMatch(says);
    }
    expect(await snapshotGraph(server.database)).toEqual(before);
  });
});
