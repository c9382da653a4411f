import { AppError } from '../../errors';
import { watchTimeline, type TimelineChange } from '../../services/live-timeline.service';
import type { TimelineFilterInput } from '../../services/timeline.service';
import type { GraphqlContext } from '../context';

export const Subscription = {
  timelineChanged: {
    subscribe: (_: unknown, { filter }: { filter?: TimelineFilterInput | null }, ctx: GraphqlContext) => {
      if (!ctx.live) throw new AppError('SERVICE_UNAVAILABLE', 'Live updates are off on this service');
      return watchTimeline(ctx.live.database, ctx.live.changes, filter ?? {});
    },
    resolve: (change: TimelineChange) => change,
  },
};
