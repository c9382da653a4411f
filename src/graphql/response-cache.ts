import { getOperationAST, type DocumentNode, type ExecutionArgs, type ExecutionResult, type execute } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Where the cache learns the graph's data version: the change feed (src/services/change-feed.ts). */
export interface DataVersionSource {
  /** Calls `onVersion` with each new version from now on, keeping `followedVersion` current. */
  follow(onVersion: (version: number) => void): () => void;
  /** The version as last read or announced; undefined until the first reading. */
  readonly followedVersion: number | undefined;
}

/** What the cache answered since start, for the metrics and the tests. */
export interface ResponseCacheCounts {
  readonly hits: number;
  /** Ran, and kept unless the answer had errors. */
  readonly misses: number;
  /** Asked while the same query was running at the same version: given that run's answer (a failed run's is not given: the query runs again, a miss). */
  readonly joined: number;
  /** Not for the cache: a mutation, or no data version known yet. */
  readonly bypassed: number;
}

/**
 * Answers of query operations kept by (document, operation, variables) for the data version they
 * were read at, so the widgets' many viewers of one timeline cost one read per change of the graph.
 * The version comes from the change feed: a write of this process announces its version at once;
 * a write through another replica or the seed CLI is seen at the feed's next poll (CHANGE_POLL_MS),
 * which is how stale an answer can be. Every new version empties the cache. Answers with errors
 * and mutations are never kept; bounded by the answers' JSON size, least recently used first out.
 * A query asked again while its first run is under way waits for that run rather than running
 * too, so a change of the graph costs one read however many viewers ask at once; should that run
 * fail, each waiting request runs the query itself.
 */
export class ResponseCache {
  private readonly answers: LRUCache<string, ExecutionResult>;
  /** Runs under way, by key: removed when they end, kept or not. */
  private readonly running = new Map<string, Promise<ExecutionResult>>();
  /**
   * Per parsed document (the document cache gives one per text): a number, for short keys, and
   * whether each of its operations is a query, so the document is not searched on every request.
   */
  private readonly documents = new WeakMap<DocumentNode, { id: number; isQuery: Map<string, boolean> }>();
  private documentCount = 0;
  private counts = { hits: 0, misses: 0, joined: 0, bypassed: 0 };

  constructor(
    private readonly source: DataVersionSource,
    maxBytes: number,
  ) {
    this.answers = new LRUCache({ maxSize: maxBytes, sizeCalculation: (_answer, key) => key.length });
    // Answers are filed by version; emptying the cache at each one frees what can no longer be asked for.
    source.follow(() => this.answers.clear());
  }

  get stats(): ResponseCacheCounts {
    return { ...this.counts };
  }

  /** How many answers are kept. */
  get size(): number {
    return this.answers.size;
  }

  /** `execute`, answering a query from the cache when the same one was answered at the current version. */
  wrap(run: typeof execute): typeof execute {
    return (args: ExecutionArgs) => {
      const key = this.keyOf(args);
      if (key === undefined) {
        this.counts.bypassed += 1;
        return run(args);
      }
      const cached = this.answers.get(key);
      if (cached) {
        this.counts.hits += 1;
        return cached;
      }
      const underWay = this.running.get(key);
      if (underWay) return this.join(underWay, key, () => run(args));
      this.counts.misses += 1;
      const result = run(args);
      if (!(result instanceof Promise)) return this.keep(key, result);
      const kept = result.then((done) => this.keep(key, done)).finally(() => this.running.delete(key));
      this.running.set(key, kept);
      return kept;
    };
  }

  /**
   * The answer of the run under way; should it fail (a timeout within the first asker's time
   * budget, Neo4j restarting), this request runs the query itself, as it would have without the cache.
   */
  private join(
    underWay: Promise<ExecutionResult>,
    key: string,
    runAlone: () => ReturnType<typeof execute>,
  ): Promise<ExecutionResult> {
    const again = async () => {
      this.counts.misses += 1;
      return this.keep(key, await runAlone());
    };
    return underWay.then((shared) => {
      if (hasErrors(shared)) return again();
      this.counts.joined += 1;
      return shared;
    }, again);
  }

  private keep(key: string, result: ExecutionResult): ExecutionResult {
    // An error may be passing (a timeout, Neo4j restarting): asked again, the query runs again.
    if (!hasErrors(result)) this.answers.set(key, result, { size: key.length + JSON.stringify(result).length });
    return result;
  }

  /** The answer's key at the current version; undefined for a mutation or before the version is known. */
  private keyOf(args: ExecutionArgs): string | undefined {
    const version = this.source.followedVersion;
    if (version === undefined) return undefined;
    let document = this.documents.get(args.document);
    if (document === undefined) {
      document = { id: (this.documentCount += 1), isQuery: new Map() };
      this.documents.set(args.document, document);
    }
    const operation = args.operationName ?? '';
    let isQuery = document.isQuery.get(operation);
    if (isQuery === undefined) {
      isQuery = getOperationAST(args.document, args.operationName)?.operation === 'query';
      document.isQuery.set(operation, isQuery);
    }
    if (!isQuery) return undefined;
    // The version read before execution: an answer finished after a newer version is filed under
    // the older one, which is never asked for again.
    return `${version}\u0000${document.id}\u0000${operation}\u0000${JSON.stringify(args.variableValues ?? {})}`;
  }
}

const hasErrors = (result: ExecutionResult) => result.errors !== undefined && result.errors.length > 0;

/** The cache RESPONSE_CACHE_MB asks for, following `source`; undefined when it is 0 (the default). */
export function responseCacheFor(
  config: { readonly responseCacheBytes: number },
  source: DataVersionSource,
): ResponseCache | undefined {
  return config.responseCacheBytes > 0 ? new ResponseCache(source, config.responseCacheBytes) : undefined;
}
