import type { EventConnection, TimelineArgs } from '../../services/timeline.service';
import type { GraphqlContext } from '../context';

/**
 * A timeline page that primes the request's loaders with what came with it (its events, their
 * details and the sources their evidence cites), so the event fields read them without a query.
 */
export async function timelinePage(ctx: GraphqlContext, args: TimelineArgs): Promise<EventConnection> {
  const connection = await ctx.timeline.page(args);
  const loaders = ctx.loadersAsOf(connection.asOf);
  for (const event of connection.nodes) loaders.node.prime(event.id, event);
  for (const [id, details] of connection.details) loaders.eventDetails.prime(id, details);
  for (const [id, source] of connection.sources) loaders.source.prime(id, source);
  return connection;
}
