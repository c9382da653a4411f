import type { EntityModel, EventModel } from '../../domain/types';
import type { SortOrder } from '../../repositories/timeline.repository';
import type { ConnectionFilterInput } from '../../services/graph.service';
import type { TimelineFilterInput } from '../../services/timeline.service';
import { DEFAULT_FEED_TITLE } from '../../feeds/feed-query';
import { toTimelineJs } from '../../feeds/timelinejs';
import { toVisTimeline } from '../../feeds/vis-timeline';
import type { GraphqlContext } from '../context';
import { notFound } from '../../errors';
import { listSources } from '../../repositories/source.repository';
import { boundedInt, LIMITS } from '../../services/limits';
import { asOfDay } from '../../services/timeline.service';
import { changesPage } from './changes';
import { timelinePage } from './timeline-page';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Every read takes `asOf` (YYYY[-MM[-DD]]): the view from the sources published by then. */
interface AsOfArgs {
  asOf?: string | null;
}

/** The node of that id in the view the arguments ask for. */
const nodeAsOf = (id: string, args: AsOfArgs, ctx: GraphqlContext) => ctx.loadersAsOf(asOfDay(args.asOf)).node.load(id);

export const Query = {
  node: (_: unknown, args: { id: string } & AsOfArgs, ctx: GraphqlContext) => nodeAsOf(args.id, args, ctx),

  entity: async (_: unknown, args: { id: string } & AsOfArgs, ctx: GraphqlContext): Promise<EntityModel | null> => {
    const node = await nodeAsOf(args.id, args, ctx);
    return node && node.label !== 'Event' ? node : null;
  },

  entities: (
    _: unknown,
    { kind, first, after, asOf }: PageArgs & AsOfArgs & { kind?: string | null },
    ctx: GraphqlContext,
  ) => ctx.graph.entities(kind, first, after, asOfDay(asOf)),

  event: async (_: unknown, args: { id: string } & AsOfArgs, ctx: GraphqlContext): Promise<EventModel | null> => {
    const node = await nodeAsOf(args.id, args, ctx);
    return node && node.label === 'Event' ? node : null;
  },

  sources: async (_: unknown, { first, after }: PageArgs, ctx: GraphqlContext) => {
    const sources = await listSources(ctx.database, after ?? null, boundedInt(first, LIMITS.sources, 'first'));
    if (!sources) throw notFound(`no source has id "${String(after).slice(0, 80)}"`, String(after));
    return sources;
  },

  changes: (_: unknown, args: { from: string; to: string } & PageArgs, ctx: GraphqlContext) => changesPage(ctx, args),

  search: (
    _: unknown,
    { text, first, asOf }: { text: string; first?: number | null } & AsOfArgs,
    ctx: GraphqlContext,
  ) => ctx.search.search(text, first, asOfDay(asOf)),

  didYouMean: (_: unknown, { text }: { text: string }, ctx: GraphqlContext) => ctx.search.didYouMean(text),

  timeline: (
    _: unknown,
    { asOf, ...args }: PageArgs & AsOfArgs & { filter?: TimelineFilterInput | null; order?: SortOrder | null },
    ctx: GraphqlContext,
  ) => timelinePage(ctx, { ...args, filter: { ...args.filter, asOf } }),

  connections: (
    _: unknown,
    args: {
      from: string;
      to: string;
      maxHops?: number | null;
      first?: number | null;
      filter?: ConnectionFilterInput | null;
    } & AsOfArgs,
    ctx: GraphqlContext,
  ) => ctx.graph.connections(args.from, args.to, args.maxHops, args.first, args.filter, asOfDay(args.asOf)),

  neighborhood: (
    _: unknown,
    args: { id: string; depth?: number | null; limit?: number | null } & AsOfArgs,
    ctx: GraphqlContext,
  ) => ctx.graph.neighborhood(args.id, args.depth, args.limit, asOfDay(args.asOf)),

  timelineJs: async (
    _: unknown,
    args: { filter?: TimelineFilterInput | null; title?: string | null } & AsOfArgs,
    ctx: GraphqlContext,
  ) => toTimelineJs(await ctx.feeds.select({ ...args.filter, asOf: args.asOf }), args.title ?? DEFAULT_FEED_TITLE),

  visTimeline: async (
    _: unknown,
    args: { filter?: TimelineFilterInput | null; groupBy?: 'TYPE' | 'ENTITY' | null } & AsOfArgs,
    ctx: GraphqlContext,
  ) =>
    toVisTimeline(
      await ctx.feeds.select({ ...args.filter, asOf: args.asOf }),
      args.groupBy === 'ENTITY' ? 'entity' : 'type',
    ),
};
