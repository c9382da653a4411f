export interface BundleProblem {
  readonly file: string;
  /** Where in the file, e.g. `events[2].date.iso`; empty for the file as a whole. */
  readonly path: string;
  readonly message: string;
}

/** One or more bundles are invalid; nothing has been written. */
export class BundleValidationError extends Error {
  override readonly name = 'BundleValidationError';

  constructor(readonly problems: readonly BundleProblem[]) {
    super(
      `Invalid seed bundle:\n${problems.map((p) => `  ${p.file}: ${p.path || '(file)'}: ${p.message}`).join('\n')}`,
    );
  }
}
