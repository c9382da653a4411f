/** A GraphQL Name (the spec's /[_A-Za-z][_0-9A-Za-z]*\/) of at most 64 characters. */
const BOUNDED_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** Distinct operation names one process keeps as label values; later ones are `other`. */
const DEFAULT_MAX_NAMES = 100;

/**
 * How an operation name a client chose is shown: itself when it is a short GraphQL Name,
 * `anonymous` when there is none, `other` for anything else (long, or not a Name: a request's
 * operationName is free text when the document does not parse).
 */
export function boundedOperationName(name: string | undefined): string {
  if (name === undefined || name === '') return 'anonymous';
  return BOUNDED_NAME.test(name) ? name : 'other';
}

/**
 * Operation names as metric labels: bounded as above, and at most `maxNames` distinct ones (the
 * first seen keep theirs), so that clients inventing names cannot grow the series without end.
 */
export class OperationNameLabels {
  private readonly kept = new Set<string>();

  constructor(private readonly maxNames = DEFAULT_MAX_NAMES) {}

  label(name: string | undefined): string {
    const bounded = boundedOperationName(name);
    if (bounded === 'anonymous' || bounded === 'other' || this.kept.has(bounded)) return bounded;
    if (this.kept.size >= this.maxNames) return 'other';
    this.kept.add(bounded);
    return bounded;
  }
}
