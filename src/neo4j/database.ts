import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { translateDatabaseError } from './errors';

export type Work<T> = (tx: ManagedTransaction) => Promise<T>;

/**
 * What a repository needs from Neo4j: named database, read/write transactions with a timeout,
 * availability and timeout failures translated into coded errors.
 */
export class Database {
  /** Transactions run through this object; tests use it to count round trips. */
  transactions = 0;

  constructor(
    readonly driver: Driver,
    readonly name: string,
    readonly queryTimeoutMs: number,
  ) {}

  /** A view that counts its own transactions, sharing the driver (one per request). */
  forRequest(): Database {
    return new Database(this.driver, this.name, this.queryTimeoutMs);
  }

  /** Runs idempotent read work in its own session; routed to readers in a cluster. */
  async read<T>(work: Work<T>, metadata: Record<string, unknown> = {}, timeoutMs = this.queryTimeoutMs): Promise<T> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    this.transactions += 1;
    try {
      return await session.executeRead(work, { timeout: timeoutMs, metadata: { app: 'event-timeline-graph', ...metadata } });
    } catch (error) {
      throw translateDatabaseError(error, timeoutMs);
    } finally {
      await session.close();
    }
  }

  /** Runs idempotent write work in its own session (the driver may retry it). */
  async write<T>(work: Work<T>, metadata: Record<string, unknown> = {}, timeoutMs = this.queryTimeoutMs): Promise<T> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.WRITE });
    this.transactions += 1;
    try {
      return await session.executeWrite(work, { timeout: timeoutMs, metadata: { app: 'event-timeline-graph', ...metadata } });
    } catch (error) {
      throw translateDatabaseError(error, timeoutMs);
    } finally {
      await session.close();
    }
  }

  /** Resolves with the server version when the database answers a query within timeoutMs. */
  async ping(timeoutMs: number): Promise<{ version: string; edition: string }> {
    const query = this.driver.executeQuery(
      'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
      {},
      { database: this.name, routing: neo4j.routing.READ, transactionConfig: { timeout: timeoutMs } },
    );
    const { records } = await withTimeout(query, timeoutMs, 'database did not answer in time');
    const record = records[0];
    return { version: String(record?.get('version')), edition: String(record?.get('edition')) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
