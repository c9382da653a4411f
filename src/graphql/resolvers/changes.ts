import type { EventModel, SourceModel } from '../../domain/types';
import type {
  ChangeConnection as ChangeConnectionModel,
  ChangesArgs,
  EventChangeModel,
} from '../../services/changes.service';
import type { GraphqlContext } from '../context';

/** A page of changes that primes the history loader with the claims it read, so `event { history }` needs no query. */
export async function changesPage(ctx: GraphqlContext, args: ChangesArgs): Promise<ChangeConnectionModel> {
  const connection = await ctx.changes.page(args);
  for (const [id, input] of connection.inputs) ctx.loaders.history.prime(id, input);
  return connection;
}

export const EventChange = {
  event: (change: EventChangeModel, _: unknown, ctx: GraphqlContext): Promise<EventModel> =>
    ctx
      .loadersAsOf(change.asOf)
      .node.load(change.eventId)
      .then((node) => {
        if (!node || node.label !== 'Event') throw new Error(`change names event ${change.eventId}, not known then`);
        return node;
      }),
  sources: (change: EventChangeModel, _: unknown, ctx: GraphqlContext): Promise<SourceModel[]> =>
    Promise.all(
      change.sourceIds.map((id) =>
        ctx.loaders.source.load(id).then((source) => {
          if (!source) throw new Error(`change names source ${id}, which is not stored`);
          return source;
        }),
      ),
    ),
};

/** The count is asked of the database only when selected (see EventConnection). */
export const ChangeConnection = { totalCount: (connection: ChangeConnectionModel) => connection.totalCount() };
