import type { EventConnection, TimelineArgs } from '../../services/timeline.service';
import type { GraphqlContext } from '../context';

/** A timeline page whose details and sources the event fields then read without another query. */
export async function timelinePage(ctx: GraphqlContext, args: TimelineArgs): Promise<EventConnection> {
  const connection = await ctx.timeline.page(args);
  for (const [id, details] of connection.details) ctx.known.details.set(id, details);
  for (const [id, source] of connection.sources) ctx.known.sources.set(id, source);
  return connection;
}
