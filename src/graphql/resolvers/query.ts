import type { EntityModel, EventModel } from '../../domain/types';
import type { SortOrder } from '../../repositories/timeline.repository';
import type { ConnectionFilterInput } from '../../services/graph.service';
import type { TimelineFilterInput } from '../../services/timeline.service';
import { DEFAULT_FEED_TITLE } from '../../feeds/feed-query';
import { toTimelineJs } from '../../feeds/timelinejs';
import { toVisTimeline } from '../../feeds/vis-timeline';
import type { GraphqlContext } from '../context';
import { timelinePage } from './timeline-page';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const Query = {
  node: (_: unknown, { id }: { id: string }, ctx: GraphqlContext) => ctx.loaders.node.load(id),

  entity: async (_: unknown, { id }: { id: string }, ctx: GraphqlContext): Promise<EntityModel | null> => {
    const node = await ctx.loaders.node.load(id);
    return node && node.label !== 'Event' ? node : null;
  },

  entities: (_: unknown, { kind, first, after }: PageArgs & { kind?: string | null }, ctx: GraphqlContext) =>
    ctx.graph.entities(kind, first, after),

  event: async (_: unknown, { id }: { id: string }, ctx: GraphqlContext): Promise<EventModel | null> => {
    const node = await ctx.loaders.node.load(id);
    return node && node.label === 'Event' ? node : null;
  },

  search: (_: unknown, { text, first }: { text: string; first?: number | null }, ctx: GraphqlContext) =>
    ctx.search.search(text, first),

  didYouMean: (_: unknown, { text }: { text: string }, ctx: GraphqlContext) => ctx.search.didYouMean(text),

  timeline: (
    _: unknown,
    args: PageArgs & { filter?: TimelineFilterInput | null; order?: SortOrder | null },
    ctx: GraphqlContext,
  ) => timelinePage(ctx, args),

  connections: (
    _: unknown,
    args: {
      from: string;
      to: string;
      maxHops?: number | null;
      first?: number | null;
      filter?: ConnectionFilterInput | null;
    },
    ctx: GraphqlContext,
  ) => ctx.graph.connections(args.from, args.to, args.maxHops, args.first, args.filter),

  neighborhood: (_: unknown, args: { id: string; depth?: number | null; limit?: number | null }, ctx: GraphqlContext) =>
    ctx.graph.neighborhood(args.id, args.depth, args.limit),

  timelineJs: async (
    _: unknown,
    args: { filter?: TimelineFilterInput | null; title?: string | null },
    ctx: GraphqlContext,
  ) => toTimelineJs(await ctx.feeds.select(args.filter ?? {}), args.title ?? DEFAULT_FEED_TITLE),

  visTimeline: async (
    _: unknown,
    args: { filter?: TimelineFilterInput | null; groupBy?: 'TYPE' | 'ENTITY' | null },
    ctx: GraphqlContext,
  ) => toVisTimeline(await ctx.feeds.select(args.filter ?? {}), args.groupBy === 'ENTITY' ? 'entity' : 'type'),
};
