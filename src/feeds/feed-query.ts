import { z } from 'zod';
import { badUserInput } from '../errors';
import type { SortOrder } from '../repositories/timeline.repository';
import { asOfDay, type TimelineFilterInput } from '../services/timeline.service';
import { DEFAULT_WORDING, type FeedWording } from './feed-wording';
import type { GroupBy } from './vis-timeline';

export const DEFAULT_FEED_TITLE = 'Event timeline';

/** A list parameter given as `a,b` or repeated (`?entity=a&entity=b`). */
const list = z.union([z.string(), z.array(z.string())]).transform((value) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean),
);
const single = z.string().max(200);

/** Each parameter the feeds and the widget pages share, with the values it takes. */
export const FeedQuerySchema = z
  .object({
    entity: list.optional(),
    entityMatch: z.enum(['ANY', 'ALL', 'any', 'all']).optional(),
    from: single.optional(),
    to: single.optional(),
    match: z.enum(['OVERLAPS', 'WITHIN', 'overlaps', 'within']).optional(),
    type: list.optional(),
    place: single.optional(),
    order: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional(),
    groupBy: z.enum(['type', 'entity']).optional(),
    title: single.optional(),
    /** Type names and dates in English or Portuguese; `en` also shows the English titles. */
    lang: z.enum(['en', 'pt']).optional(),
    /** The view as of a publication day (YYYY, YYYY-MM or YYYY-MM-DD): only sources published by then count. */
    asOf: single.optional(),
  })
  .strict();

const KNOWN_PARAMETERS = Object.keys(FeedQuerySchema.shape);

export interface FeedQuery {
  readonly filter: TimelineFilterInput;
  readonly order: SortOrder;
  readonly groupBy: GroupBy;
  readonly title: string;
  readonly wording: FeedWording;
  /** The day the selection is read as of (YYYY-MM-DD, a month or year's last day); null: the current view. */
  readonly asOf: string | null;
}

/** Reads the URL parameters shared by the feeds and the widget page (BAD_USER_INPUT when malformed). */
export function parseFeedQuery(query: unknown): FeedQuery {
  const parsed = FeedQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A misspelt parameter would otherwise widen the selection silently (?entities= is not ?entity=).
    if (issue?.code === 'unrecognized_keys') {
      throw badUserInput(
        `unknown parameter ${issue.keys.map((key) => `"${key.slice(0, 40)}"`).join(', ')}; known: ${KNOWN_PARAMETERS.join(', ')}`,
        issue.keys[0],
      );
    }
    throw badUserInput(
      `invalid parameter ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'malformed'}`,
      String(issue?.path[0] ?? ''),
    );
  }
  const q = parsed.data;
  const asOf = asOfDay(q.asOf);
  return {
    filter: {
      entityIds: q.entity ?? null,
      entityMatch: (q.entityMatch?.toUpperCase() ?? null) as TimelineFilterInput['entityMatch'],
      from: q.from ?? null,
      to: q.to ?? null,
      match: (q.match?.toUpperCase() ?? null) as TimelineFilterInput['match'],
      types: q.type ?? null,
      placeId: q.place ?? null,
      asOf,
    },
    order: (q.order?.toUpperCase() ?? 'ASC') as SortOrder,
    groupBy: q.groupBy ?? 'type',
    title: q.title ?? DEFAULT_FEED_TITLE,
    wording: q.lang ? { language: q.lang, titles: q.lang === 'en' ? 'en' : 'source' } : DEFAULT_WORDING,
    asOf,
  };
}
