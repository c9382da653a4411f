import { AppError } from '../../errors';
import type { BundleApi } from '../../ingest/bundle-api';
import type { GraphqlContext } from '../context';

/** The write service, where the app was built with it. */
function writesOf(ctx: GraphqlContext): BundleApi {
  if (!ctx.writes) throw new AppError('FORBIDDEN', 'Writes are off on this service');
  return ctx.writes;
}

/** The write service checks the presented key; the mutations only pass it on. */
export const Mutation = {
  ingestBundle: (
    _: unknown,
    args: { bundle: string; text?: string | null; dryRun?: boolean | null },
    ctx: GraphqlContext,
  ) => writesOf(ctx).authorize(ctx.authorization).ingest(args),

  retractSource: (_: unknown, { sourceId }: { sourceId: string }, ctx: GraphqlContext) =>
    writesOf(ctx).authorize(ctx.authorization).retract(sourceId),
};
