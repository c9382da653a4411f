import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';

export interface RecordedQuery {
  readonly query: string;
  readonly params: Record<string, unknown>;
}

/**
 * A driver that records every query sent through it (sessions, transaction functions,
 * executeQuery), so the Cypher our API and the peer send for one request can be profiled.
 */
export function recordingDriver(driver: Driver, sink: RecordedQuery[]): Driver {
  const record = (query: unknown, params: unknown) => {
    const text = typeof query === 'string' ? query : (query as { text: string }).text;
    const values = typeof query === 'string' ? params : (query as { parameters?: unknown }).parameters;
    sink.push({ query: text, params: (values ?? {}) as Record<string, unknown> });
  };
  const wrapTx = (tx: ManagedTransaction): ManagedTransaction =>
    new Proxy(tx, {
      get(target, key, receiver) {
        if (key === 'run')
          return (query: unknown, params?: unknown) => (
            record(query, params),
            target.run(query as string, params as Record<string, unknown>)
          );
        return Reflect.get(target, key, receiver);
      },
    });
  const wrapSession = (session: Session): Session =>
    new Proxy(session, {
      get(target, key, receiver) {
        if (key === 'run')
          return (query: unknown, params?: unknown, config?: unknown) => (
            record(query, params),
            target.run(query as string, params as Record<string, unknown>, config as never)
          );
        if (key === 'executeRead' || key === 'executeWrite') {
          return (work: (tx: ManagedTransaction) => unknown, config?: unknown) =>
            (target[key] as (w: (tx: ManagedTransaction) => unknown, c?: unknown) => Promise<unknown>).call(
              target,
              (tx: ManagedTransaction) => work(wrapTx(tx)),
              config,
            );
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return new Proxy(driver, {
    get(target, key, receiver) {
      if (key === 'session') return (config?: unknown) => wrapSession(target.session(config as never));
      if (key === 'executeQuery')
        return (query: unknown, params?: unknown, config?: unknown) => (
          record(query, params),
          target.executeQuery(query as string, params as never, config as never)
        );
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

interface ProfiledPlan {
  dbHits: number;
  children: ProfiledPlan[];
}

function sumDbHits(plan: ProfiledPlan | false | undefined): number {
  if (!plan) return 0;
  return plan.dbHits + plan.children.reduce((sum, child) => sum + sumDbHits(child), 0);
}

/**
 * Total database hits of the recorded queries, each run once under PROFILE; a string saying why
 * when a query cannot be profiled (e.g. it exceeds Neo4j's transaction memory limit).
 */
export async function profileDbHits(
  driver: Driver,
  database: string,
  queries: readonly RecordedQuery[],
): Promise<number | string> {
  let total = 0;
  const session = driver.session({ database });
  try {
    for (const { query, params } of queries) {
      const profiled = /^\s*CYPHER\s+\d+/i.test(query)
        ? query.replace(/^\s*(CYPHER\s+\d+)/i, '$1 PROFILE')
        : `PROFILE ${query}`;
      try {
        const result = await session.run(profiled, params);
        total += sumDbHits(result.summary.profile as ProfiledPlan | false);
      } catch (error) {
        return `failed: ${(error as { code?: string }).code ?? String(error)}`;
      }
    }
  } finally {
    await session.close();
  }
  return total;
}
