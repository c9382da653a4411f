import { eventChange, type EventChangeKind, type FieldChange, type HistoryEntry } from '../domain/history';
import { badUserInput } from '../errors';
import type { Database } from '../neo4j/database';
import {
  countTouchedEvents,
  findHistoryInputs,
  findTouchedEvents,
  type HistoryInput,
} from '../repositories/history.repository';
import { decodeChangeCursor, encodeChangeCursor } from './cursor';
import { boundedInt, LIMITS } from './limits';
import { asOfDay } from './timeline.service';

export interface ChangesArgs {
  readonly from: string;
  readonly to: string;
  readonly first?: number | null;
  readonly after?: string | null;
}

/** What the reporting of a period did to one event. */
export interface EventChangeModel {
  readonly kind: EventChangeKind;
  readonly eventId: string;
  /** The last day of the period: the event is shown as of then. */
  readonly asOf: string;
  /** The day of the first source of the period that claims it. */
  readonly firstDay: string;
  /** The sources of the period that claim it, its participants or its place, in publication order. */
  readonly sourceIds: readonly string[];
  readonly changes: readonly FieldChange[];
  readonly revisions: readonly HistoryEntry[];
}

export interface ChangeConnection {
  readonly edges: readonly { cursor: string; node: EventChangeModel }[];
  readonly nodes: readonly EventChangeModel[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when a client asks for it. */
  readonly totalCount: () => Promise<number>;
  /** The history inputs read for the page, by event id (not a GraphQL field: the resolver primes the loader with them). */
  readonly inputs: ReadonlyMap<string, HistoryInput>;
}

/** What the sources published in a period changed: the period's sources, the events they claim, each event's view before and after. */
export class ChangesService {
  constructor(private readonly database: Database) {}

  async page(args: ChangesArgs): Promise<ChangeConnection> {
    const from = asOfDay(args.from, 'from') as string;
    const to = asOfDay(args.to, 'to') as string;
    if (from > to) throw badUserInput(`from (${from}) is after to (${to})`, 'from');
    const first = boundedInt(args.first, LIMITS.changes, 'first');
    const after = args.after === null || args.after === undefined ? null : decodeChangeCursor(args.after);
    const touched = await findTouchedEvents(this.database, from, to, after, first + 1);
    const page = touched.slice(0, first);
    const inputs = await findHistoryInputs(
      this.database,
      page.map((item) => item.eventId),
    );
    const nodes = page.flatMap((item) => {
      const input = inputs.get(item.eventId);
      const summary = input?.kind === 'event' ? eventChange(input, from, to) : null;
      return summary
        ? [{ ...summary, eventId: item.eventId, asOf: to, firstDay: item.firstDay, sourceIds: item.sourceIds }]
        : [];
    });
    const edges = nodes.map((node) => ({
      cursor: encodeChangeCursor({ day: node.firstDay, eventId: node.eventId }),
      node,
    }));
    const lastOfPage = page.at(-1);
    return {
      edges,
      nodes,
      pageInfo: {
        hasNextPage: touched.length > first,
        endCursor: lastOfPage ? encodeChangeCursor({ day: lastOfPage.firstDay, eventId: lastOfPage.eventId }) : null,
      },
      totalCount: () => countTouchedEvents(this.database, from, to),
      inputs,
    };
  }
}
