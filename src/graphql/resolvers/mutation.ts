import { AppError } from '../../errors';
import type { GraphqlContext } from '../context';

/** The write path, where the app was built with it. */
function writesOf(ctx: GraphqlContext): NonNullable<GraphqlContext['writes']> {
  if (!ctx.writes) throw new AppError('FORBIDDEN', 'Writes are off on this service');
  return ctx.writes;
}

export const Mutation = {
  ingestBundle: (
    _: unknown,
    args: { bundle: string; text?: string | null; dryRun?: boolean | null },
    ctx: GraphqlContext,
  ) => {
    const { keys, bundles } = writesOf(ctx);
    return bundles.ingest(keys.authorize(ctx.headers), args);
  },

  retractSource: (_: unknown, { sourceId }: { sourceId: string }, ctx: GraphqlContext) => {
    const { keys, bundles } = writesOf(ctx);
    return bundles.retract(keys.authorize(ctx.headers), sourceId);
  },
};
