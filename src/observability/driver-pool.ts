import type { Driver } from 'neo4j-driver';

/** The driver's connection pool, summed over the servers it connects to. */
export interface PoolState {
  /** Connections lent to sessions. */
  readonly inUse: number;
  /** Open connections waiting in the pool. */
  readonly idle: number;
  /** Sessions waiting for a connection (the pool is at NEO4J_MAX_POOL_SIZE). */
  readonly waiting: number;
}

/**
 * What neo4j-driver 6.3 keeps of its pool (neo4j-driver-core's internal/pool/pool.js, owned by the
 * connection provider the driver creates at its first session). Per server address: idle
 * connections (`_pools[key].length`), connections in use (`_activeResourceCounts[key]`) and
 * pending acquisitions (`_acquireRequests[key]`).
 */
interface DriverInternals {
  readonly _connectionProvider?: { readonly _connectionPool?: PoolInternals } | null;
}
interface PoolInternals {
  readonly _pools?: Record<string, { readonly length?: unknown }>;
  readonly _activeResourceCounts?: Record<string, unknown>;
  readonly _acquireRequests?: Record<string, unknown>;
}

const EMPTY: PoolState = { inUse: 0, idle: 0, waiting: 0 };

/**
 * The pool's state, read from the driver's internals: the driver publishes no pool metrics, and
 * counting our own sessions could not tell a session waiting for a connection from one running a
 * query, nor count idle connections. The driver is pinned to an exact version; the read checks the
 * shape it expects and gives `undefined` (no pool series, never a wrong figure) when it differs, and
 * test/integration/driver-pool.int.test.ts fails on a driver that keeps its pool otherwise.
 */
export function readPoolState(driver: Driver): PoolState | undefined {
  const provider = (driver as unknown as DriverInternals)._connectionProvider;
  if (provider === null) return EMPTY; // no session yet: no pool yet
  const pool = provider?._connectionPool;
  if (!isRecord(pool?._pools) || !isRecord(pool._activeResourceCounts) || !isRecord(pool._acquireRequests))
    return undefined;
  let idle = 0;
  let inUse = 0;
  let waiting = 0;
  for (const addressPool of Object.values(pool._pools)) {
    if (typeof addressPool?.length !== 'number') return undefined;
    idle += addressPool.length;
  }
  for (const count of Object.values(pool._activeResourceCounts)) {
    if (typeof count !== 'number') return undefined;
    inUse += count;
  }
  for (const requests of Object.values(pool._acquireRequests)) {
    if (!Array.isArray(requests)) return undefined;
    waiting += requests.length;
  }
  return { inUse, idle, waiting };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
