import type { QueryPurpose } from './query-purpose';

export type TransactionMode = 'read' | 'write';

/**
 * Watches every transaction call of a Database (the metrics): `measure` runs the call and returns
 * what it returns or throws, as it was.
 */
export interface TransactionObserver {
  measure<T>(purpose: QueryPurpose, mode: TransactionMode, call: () => Promise<T>): Promise<T>;
}
