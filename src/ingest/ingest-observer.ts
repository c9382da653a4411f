/** A write through the API: a load, a dry run of one, or a retraction. */
export type IngestOperation = 'load' | 'dry_run' | 'retract';

/**
 * Watches the API's loads and retractions (the metrics): `measure` runs the write and returns what
 * it returns or throws, as it was.
 */
export interface IngestObserver {
  measure<T>(operation: IngestOperation, call: () => Promise<T>): Promise<T>;
}

/** Measures nothing (metrics off). */
export const UNOBSERVED: IngestObserver = { measure: (_operation, call) => call() };
