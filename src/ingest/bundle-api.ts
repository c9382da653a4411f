import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { Database } from '../neo4j/database';
import type { ApiKeys } from './api-keys';
import { UNOBSERVED, type IngestObserver } from './ingest-observer';
import { SourceInUseError, SourceNotFoundError, type SourceChange } from './apply-source';
import { retractSource, seedBundleInputs, type SeedReport } from './seed-loader';
import { parseBundleText as parseBundleSource } from '../bundle/bundle-file';
import { BundleValidationError, type BundleProblem } from '../bundle/bundle-problems';

/** What a client sends: a bundle (YAML or JSON text, or parsed JSON) and its source text if not inline. */
export interface IngestRequest {
  readonly bundle: unknown;
  /** The source text, when the bundle does not carry it as `source.text`. */
  readonly text?: string | null;
  readonly dryRun?: boolean | null;
}

/** The seed report of one bundle, as the API returns it. */
export interface IngestReport {
  readonly sourceId: string;
  readonly dryRun: boolean;
  /** The data version the load committed; null for a dry run. */
  readonly version: number | null;
  readonly coverage: { covered: number; total: number; uncovered: { index: number; text: string }[] };
  readonly nodes: SourceChange['nodes'];
  readonly relationships: SourceChange['relationships'];
  /** Which nodes and relationships were created, updated (claims added or changed) and deleted. */
  readonly changed: SourceChange['changed'];
  readonly disputed: SourceChange['disputed'];
  readonly typeConflicts: SourceChange['typeConflicts'];
  readonly likelyDuplicates: SourceChange['likelyDuplicates'];
  readonly linkConflicts: SourceChange['linkConflicts'];
  readonly merged: { id: string; into: string; by: string }[];
  readonly aliasConflicts: { id: string; label: string; alias: string; otherId: string; otherLabel: string }[];
}

export interface RetractReport {
  readonly sourceId: string;
  readonly version: number;
  readonly nodes: SourceChange['nodes'];
  readonly relationships: SourceChange['relationships'];
  readonly changed: SourceChange['changed'];
}

/** Where problems of a bundle sent to the API are said to be. */
const REQUEST_BUNDLE = 'bundle';

/** The writes one caller may make, bound to the key it presented. */
export interface BundleWrites {
  /** Validates and loads one bundle; INVALID_BUNDLE (nothing written) when it does not validate. */
  ingest(request: IngestRequest): Promise<IngestReport>;
  /** Retracts a source; NOT_FOUND when none of that id is loaded, CONFLICT when others depend on it. */
  retract(sourceId: string): Promise<RetractReport>;
}

/**
 * Loads and retracts bundles sent over the API, whichever way they come in (`/bundles`, the
 * mutations). It authorises every write itself: a caller passes the credential it was presented,
 * never a key name. The bundle is validated exactly as the seed CLI validates files, but no file is
 * read, and the load runs in one transaction (a dry run in one that is rolled back). Every write is
 * logged with the key's name, measured by `observer` (the metrics), and its committed data version
 * is passed to `onCommitted` (live subscribers).
 */
export class BundleApi {
  constructor(
    private readonly database: Database,
    private readonly keys: ApiKeys,
    private readonly logger: Logger,
    private readonly onCommitted: (version: number) => void,
    private readonly observer: IngestObserver = UNOBSERVED,
  ) {}

  /**
   * The writes allowed to whoever presents `authorization` (the `Authorization` header as sent,
   * `Bearer <key>`), checked here and now: FORBIDDEN when writes are off, UNAUTHENTICATED when the
   * key is missing or wrong.
   */
  authorize(authorization: string | undefined): BundleWrites {
    const keyName = this.keys.authorize(authorization);
    return {
      ingest: (request) =>
        this.observer.measure(request.dryRun === true ? 'dry_run' : 'load', () => this.ingestAs(keyName, request)),
      retract: (sourceId) => this.observer.measure('retract', () => this.retractAs(keyName, sourceId)),
    };
  }

  private async ingestAs(keyName: string, request: IngestRequest): Promise<IngestReport> {
    const content = typeof request.bundle === 'string' ? parseBundleText(request.bundle) : request.bundle;
    const dryRun = request.dryRun === true;
    let report: SeedReport;
    try {
      report = await seedBundleInputs(
        this.database,
        [{ file: REQUEST_BUNDLE, content, sourceText: request.text ?? undefined, readFiles: false }],
        { dryRun },
      );
    } catch (error) {
      throw asAppError(error);
    }
    const result = toIngestReport(report, dryRun);
    this.logger.info(
      { key: keyName, sourceId: result.sourceId, dryRun, version: result.version, nodes: result.nodes },
      dryRun ? 'bundle dry run' : 'bundle ingested',
    );
    if (result.version !== null) this.onCommitted(result.version);
    return result;
  }

  private async retractAs(keyName: string, sourceId: string): Promise<RetractReport> {
    let change: SourceChange & { version: number };
    try {
      change = await retractSource(this.database, sourceId);
    } catch (error) {
      throw asAppError(error);
    }
    this.logger.info({ key: keyName, sourceId, version: change.version, nodes: change.nodes }, 'source retracted');
    this.onCommitted(change.version);
    return {
      sourceId,
      version: change.version,
      nodes: change.nodes,
      relationships: change.relationships,
      changed: change.changed,
    };
  }
}

/** YAML (of which JSON is a subset) into a value; a syntax error is an INVALID_BUNDLE problem. */
function parseBundleText(text: string): unknown {
  const read = parseBundleSource(text, REQUEST_BUNDLE);
  if (read.problems.length > 0) throw invalidBundle(read.problems);
  return read.content;
}

function invalidBundle(problems: readonly BundleProblem[]): AppError {
  return new AppError(
    'INVALID_BUNDLE',
    `The bundle is not valid (${problems.length} problem(s)); nothing was written`,
    {
      problems: problems.slice(0, 100).map(({ path, message }) => ({ path, message })),
    },
  );
}

function asAppError(error: unknown): unknown {
  if (error instanceof BundleValidationError) return invalidBundle(error.problems);
  if (error instanceof SourceNotFoundError) return new AppError('NOT_FOUND', error.message, { id: error.sourceId });
  if (error instanceof SourceInUseError)
    return new AppError('CONFLICT', `${error.message} Nothing was written.`, { id: error.sourceId });
  return error;
}

function toIngestReport(report: SeedReport, dryRun: boolean): IngestReport {
  const file = report.files[0];
  if (!file) throw new Error('a load of one bundle reported no file');
  const { change, coverage } = file;
  return {
    sourceId: file.sourceId,
    dryRun,
    version: report.version,
    coverage: {
      covered: coverage.covered,
      total: coverage.total,
      uncovered: coverage.uncovered.map(({ index, text }) => ({ index, text })),
    },
    nodes: change.nodes,
    relationships: change.relationships,
    changed: change.changed,
    disputed: change.disputed,
    typeConflicts: change.typeConflicts,
    likelyDuplicates: change.likelyDuplicates,
    linkConflicts: change.linkConflicts,
    merged: report.merged.map(({ id, into, by }) => ({ id, into, by })),
    aliasConflicts: report.aliasConflicts.map(({ id, label, alias, otherId, otherLabel }) => ({
      id,
      label,
      alias,
      otherId,
      otherLabel,
    })),
  };
}
