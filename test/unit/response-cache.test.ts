import { buildSchema, execute, parse, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { ResponseCache, type DataVersionSource } from '../../src/graphql/response-cache';

/** A data version set by the test, told to the cache as the change feed tells its followers. */
class Versions implements DataVersionSource {
  followedVersion: number | undefined;
  private readonly followers = new Set<(version: number) => void>();

  set(version: number): void {
    this.followedVersion = version;
    for (const follower of this.followers) follower(version);
  }

  follow(onVersion: (version: number) => void): () => void {
    this.followers.add(onVersion);
    return () => this.followers.delete(onVersion);
  }
}

const schema = buildSchema('type Query { reads(name: String): Int } type Mutation { write: Int }');

describe('ResponseCache', () => {
  let reads = 0;
  /** Each run of the query reads anew: the answer is how many reads there were. */
  const root = { reads: () => (reads += 1), write: () => 0 };
  const run = (cache: ResponseCache, source: string, variableValues?: Record<string, unknown>) =>
    cache.wrap(execute)({ schema, document: parse(source), rootValue: root, variableValues } as ExecutionArgs);
  const document = parse('query ($name: String) { reads(name: $name) }');
  const runParsed = (cache: ResponseCache, variableValues: Record<string, unknown>) =>
    cache.wrap(execute)({ schema, document, rootValue: root, variableValues }) as ExecutionResult;

  beforeEach(() => {
    reads = 0;
  });

  it('keeps nothing before it knows the data version, then answers a repeat from memory until the version changes', () => {
    const versions = new Versions();
    const cache = new ResponseCache(versions, 1_000_000);
    expect([runParsed(cache, {}), runParsed(cache, {})].map((r) => r.data?.reads)).toEqual([1, 2]);
    versions.set(7);
    expect([runParsed(cache, {}), runParsed(cache, {})].map((r) => r.data?.reads)).toEqual([3, 3]);
    expect(runParsed(cache, { name: 'other' }).data?.reads).toBe(4); // other variables, another answer
    expect(cache.size).toBe(2);
    versions.set(8);
    expect(cache.size).toBe(0); // emptied: nothing kept can be asked for at version 8
    expect(runParsed(cache, {}).data?.reads).toBe(5);
    expect(cache.stats).toEqual({ hits: 1, misses: 3, joined: 0, bypassed: 2 });
  });

  it('files an answer that finished after a newer version under the version it started at', async () => {
    const versions = new Versions();
    versions.set(1);
    const cache = new ResponseCache(versions, 1_000_000);
    let finish: (value: number) => void = () => undefined;
    const slowRoot = { reads: () => new Promise<number>((resolve) => (finish = resolve)) };
    const started = cache.wrap(execute)({ schema, document, rootValue: slowRoot, variableValues: {} });
    versions.set(2);
    finish(41); // read before the write of version 2 was seen
    expect(((await started) as ExecutionResult).data?.reads).toBe(41);
    expect(runParsed(cache, {}).data?.reads).toBe(1); // not 41: version 2 is read anew
  });

  it('gives a query asked while the same one runs the answer of that run, and never joins a run of an older version', async () => {
    const versions = new Versions();
    versions.set(1);
    const cache = new ResponseCache(versions, 1_000_000);
    const finishers: ((value: number) => void)[] = [];
    let runs = 0;
    const slowRoot = {
      reads: () => ((runs += 1), new Promise<number>((resolve) => finishers.push(resolve))),
    };
    const ask = (name: string) =>
      cache.wrap(execute)({
        schema,
        document,
        rootValue: slowRoot,
        variableValues: { name },
      }) as Promise<ExecutionResult>;
    const first = ask('a');
    const second = ask('a'); // same query, same version: joins the first run
    const other = ask('b'); // other variables: a run of its own
    expect(runs).toBe(2);
    versions.set(2);
    const afterWrite = ask('a'); // version 2 must be read anew, not given version 1's answer
    expect(runs).toBe(3);
    finishers.forEach((finish, index) => finish(index + 10));
    expect((await Promise.all([first, second, other, afterWrite])).map((r) => r.data?.reads)).toEqual([10, 10, 11, 12]);
    expect(cache.stats).toEqual({ hits: 0, misses: 3, joined: 1, bypassed: 0 });
    expect(ask('a') instanceof Promise).toBe(false); // version 2's answer was kept: a hit, answered at once
  });

  it('lets a request that joined a failed run run the query itself, and keeps what that gives', async () => {
    const versions = new Versions();
    versions.set(1);
    const cache = new ResponseCache(versions, 1_000_000);
    let runs = 0;
    // The first run fails (Neo4j restarting, or the first asker's time budget spent); later ones answer.
    const flaky = {
      reads: () => ((runs += 1), runs === 1 ? Promise.reject(new Error('Neo4j restarting')) : Promise.resolve(runs)),
    };
    const ask = () =>
      cache.wrap(execute)({ schema, document, rootValue: flaky, variableValues: {} }) as Promise<ExecutionResult>;
    const [first, joined] = await Promise.all([ask(), ask()]);
    expect(first.errors).toHaveLength(1);
    expect({ data: joined.data, errors: joined.errors }).toEqual({ data: { reads: 2 }, errors: undefined });
    expect(cache.stats).toEqual({ hits: 0, misses: 2, joined: 0, bypassed: 0 });
    expect(ask()).toBe(joined); // its answer was kept: a hit, the same answer
  });

  it('leaves no run behind when running a query throws', async () => {
    const versions = new Versions();
    versions.set(1);
    const cache = new ResponseCache(versions, 1_000_000);
    let runs = 0;
    const broken = (() => ((runs += 1), Promise.reject(new Error('executor failed')))) as unknown as typeof execute;
    const ask = () => cache.wrap(broken)({ schema, document, variableValues: {} }) as Promise<ExecutionResult>;
    const settled = await Promise.allSettled([ask(), ask()]);
    expect(settled.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(runs).toBe(2); // the joiner ran it itself after the shared run failed
    await expect(ask()).rejects.toThrow('executor failed');
    expect(runs).toBe(3); // nothing was left as running or kept
  });

  it('never keeps a mutation or an answer with errors', async () => {
    const versions = new Versions();
    versions.set(1);
    const cache = new ResponseCache(versions, 1_000_000);
    await run(cache, 'mutation { write }');
    const failing = { reads: () => Promise.reject(new Error('Neo4j restarting')) };
    for (let i = 0; i < 2; i += 1)
      expect(
        ((await cache.wrap(execute)({ schema, document, rootValue: failing, variableValues: {} })) as ExecutionResult)
          .errors,
      ).toHaveLength(1);
    expect(cache.stats).toEqual({ hits: 0, misses: 2, joined: 0, bypassed: 1 });
  });

  it('stays within its size, the least recently used answer out first', () => {
    const versions = new Versions();
    versions.set(1);
    const cache = new ResponseCache(versions, 400);
    for (let i = 0; i < 20; i += 1) runParsed(cache, { name: `name-${i}` });
    expect(runParsed(cache, { name: 'name-19' }).data?.reads).toBe(20); // the latest is kept
    expect(runParsed(cache, { name: 'name-0' }).data?.reads).toBe(21); // the first was let go
  });
});
