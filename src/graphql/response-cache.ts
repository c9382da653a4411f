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
 */
export class ResponseCache {
  private readonly answers: LRUCache<string, ExecutionResult>;
  /** A number per parsed document, for short keys (the document cache gives one document per text). */
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private documents = 0;
  private counts = { hits: 0, misses: 0, bypassed: 0 };

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
      this.counts.misses += 1;
      const result = run(args);
      return result instanceof Promise ? result.then((done) => this.keep(key, done)) : this.keep(key, result);
    };
  }

  private keep(key: string, result: ExecutionResult): ExecutionResult {
    // An error may be passing (a timeout, Neo4j restarting): asked again, the query runs again.
    if (result.errors === undefined || result.errors.length === 0)
      this.answers.set(key, result, { size: key.length + JSON.stringify(result).length });
    return result;
  }

  /** The answer's key at the current version; undefined for a mutation or before the version is known. */
  private keyOf(args: ExecutionArgs): string | undefined {
    const version = this.source.followedVersion;
    if (version === undefined) return undefined;
    if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return undefined;
    let id = this.documentIds.get(args.document);
    if (id === undefined) {
      id = this.documents += 1;
      this.documentIds.set(args.document, id);
    }
    // The version read before execution: an answer finished after a newer version is filed under
    // the older one, which is never asked for again.
    return `${version}\u0000${id}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
  }
}

/** The cache RESPONSE_CACHE_MB asks for, following `source`; undefined when it is 0 (the default). */
export function responseCacheFor(
  config: { readonly responseCacheBytes: number },
  source: DataVersionSource,
): ResponseCache | undefined {
  return config.responseCacheBytes > 0 ? new ResponseCache(source, config.responseCacheBytes) : undefined;
}
