import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { AppError } from '../errors';
import { withQuerySpans, type TransactionDescription } from '../tracing/query-spans';
import { translateDatabaseError } from './errors';
import type { QueryPurpose } from './query-purpose';
import type { TransactionMode, TransactionObserver } from './transaction-observer';

export type Work<T> = (tx: ManagedTransaction) => Promise<T>;

/** How long past its transaction timeout a call may wait before the database counts as unavailable. */
const DEADLINE_SLACK_MS = 500;

/**
 * What a repository needs from Neo4j: named database, read/write transactions with a timeout,
 * availability and timeout failures translated into coded errors, and a client-side deadline so
 * that a database that stops answering (shutting down, network cut) cannot hold a request longer
 * than its query timeout.
 */
export class Database {
  /** Transactions run through this object; tests use it to count round trips. */
  transactions = 0;

  constructor(
    readonly driver: Driver,
    readonly name: string,
    readonly queryTimeoutMs: number,
    /** When set (per request), no call may end later than this (epoch ms), however many calls the request makes. */
    private readonly deadline?: number,
    /** Measures each read, write and dry run (from the call to its end: pool wait and retries included). */
    private readonly observer?: TransactionObserver,
  ) {}

  /** This database with every transaction call measured by `observer`. */
  observedBy(observer: TransactionObserver): Database {
    return new Database(this.driver, this.name, this.queryTimeoutMs, this.deadline, observer);
  }

  /**
   * A view for one request: it counts its own transactions and shares one time budget (the query
   * timeout + 0.5 s) across all of them, so a request never waits longer than that in total.
   */
  forRequest(): Database {
    return new Database(
      this.driver,
      this.name,
      this.queryTimeoutMs,
      Date.now() + this.queryTimeoutMs + DEADLINE_SLACK_MS,
      this.observer,
    );
  }

  /** Runs idempotent read work in its own session; routed to readers in a cluster. */
  read<T>(purpose: QueryPurpose, work: Work<T>, timeoutMs = this.queryTimeoutMs): Promise<T> {
    return this.measured(purpose, 'read', () =>
      this.run(
        neo4j.session.READ,
        (session) =>
          session.executeRead(this.traced(purpose, 'read', work), this.transactionConfig(purpose, timeoutMs)),
        timeoutMs,
      ),
    );
  }

  /** Runs idempotent write work in its own session (the driver may retry it). */
  write<T>(purpose: QueryPurpose, work: Work<T>, timeoutMs = this.queryTimeoutMs): Promise<T> {
    return this.measured(purpose, 'write', () =>
      this.run(
        neo4j.session.WRITE,
        (session) =>
          session.executeWrite(this.traced(purpose, 'write', work), this.transactionConfig(purpose, timeoutMs)),
        timeoutMs,
      ),
    );
  }

  /**
   * Runs write work in a transaction that is always rolled back: what the work reads and reports is
   * what a real write would, and nothing is kept (a dry run). Not retried, so the work need not be
   * idempotent.
   */
  rehearse<T>(purpose: QueryPurpose, work: Work<T>, timeoutMs = this.queryTimeoutMs): Promise<T> {
    return this.measured(purpose, 'write', () =>
      this.run(
        neo4j.session.WRITE,
        async (session) => {
          const tx = session.beginTransaction(this.transactionConfig(purpose, timeoutMs));
          try {
            // A Transaction runs queries as a ManagedTransaction does; it only adds commit and rollback.
            return await this.traced(purpose, 'rehearse', work)(tx as unknown as ManagedTransaction);
          } finally {
            if (tx.isOpen()) await tx.rollback();
          }
        },
        timeoutMs,
      ),
    );
  }

  /** Resolves with the server version when the database answers a query within timeoutMs. */
  async ping(timeoutMs: number): Promise<{ version: string; edition: string }> {
    const query = this.driver.executeQuery(
      'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
      {},
      { database: this.name, routing: neo4j.routing.READ, transactionConfig: { timeout: timeoutMs } },
    );
    query.catch(() => undefined); // settled later if the deadline wins
    const { records } = await withDeadline(query, timeoutMs, () => new Error('database did not answer in time'));
    const record = records[0];
    return { version: String(record?.get('version')), edition: String(record?.get('edition')) };
  }

  /** The work, with a span per query when its caller is traced (see src/observability/query-spans.ts). */
  private traced<T>(purpose: QueryPurpose, mode: TransactionDescription['mode'], work: Work<T>): Work<T> {
    return withQuerySpans(work, { database: this.name, purpose, mode });
  }

  private measured<T>(purpose: QueryPurpose, mode: TransactionMode, call: () => Promise<T>): Promise<T> {
    return this.observer ? this.observer.measure(purpose, mode, call) : call();
  }

  private async run<T>(mode: 'READ' | 'WRITE', call: (session: Session) => Promise<T>, timeoutMs: number): Promise<T> {
    const remaining = this.deadline === undefined ? Infinity : this.deadline - Date.now();
    if (remaining <= 0)
      throw new AppError('SERVICE_UNAVAILABLE', 'The database did not answer in time; try again shortly.');
    const session = this.driver.session({ database: this.name, defaultAccessMode: mode });
    this.transactions += 1;
    const pending = call(session);
    let abandoned = false;
    const deadlineMs = Math.min(timeoutMs + DEADLINE_SLACK_MS, remaining);
    try {
      return await withDeadline(pending, deadlineMs, () => {
        abandoned = true;
        return new AppError(
          'SERVICE_UNAVAILABLE',
          `The database did not answer within ${deadlineMs} ms; try again shortly.`,
        );
      });
    } catch (error) {
      throw translateDatabaseError(error, timeoutMs);
    } finally {
      if (abandoned) {
        // The work is still pending on an unresponsive database: release the session once it settles.
        const close = () => session.close();
        pending.then(close, close).catch(() => undefined);
      } else {
        await session.close();
      }
    }
  }

  private transactionConfig(purpose: QueryPurpose, timeoutMs: number) {
    return { timeout: timeoutMs, metadata: { app: 'event-timeline-graph', purpose } };
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
