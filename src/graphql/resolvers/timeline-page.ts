import type { EventConnection as EventConnectionModel, TimelineArgs } from '../../services/timeline.service';
import type { GraphqlContext } from '../context';

/**
 * A timeline page that primes the request's loaders with what came with it (its events, their
 * details and the sources their evidence cites), so the event fields read them without a query.
 */
export async function timelinePage(ctx: GraphqlContext, args: TimelineArgs): Promise<EventConnectionModel> {
  const connection = await ctx.timeline.page(args);
  const loaders = ctx.loadersAsOf(connection.asOf);
  for (const event of connection.nodes) loaders.node.prime(event.id, event);
  for (const [id, details] of connection.details) loaders.eventDetails.prime(id, details);
  for (const [id, source] of connection.sources) loaders.source.prime(id, source);
  return connection;
}

/**
 * The count is asked of the database only when selected. Said by a resolver, not left to the
 * default one: compiled execution reads a property as it is and does not call it.
 */
export const EventConnection = { totalCount: (connection: EventConnectionModel) => connection.totalCount() };
