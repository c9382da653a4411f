import type { SourceModel } from '../../domain/types';
import type { GraphqlContext } from '../context';

/** The source a piece of evidence or a claim names, from the loader (primed by a timeline page). */
function sourceOf(item: { sourceId: string }, _: unknown, ctx: GraphqlContext): Promise<SourceModel> {
  return ctx.loaders.source.load(item.sourceId).then((source) => {
    if (!source) throw new Error(`evidence names source ${item.sourceId}, which is not stored`);
    return source;
  });
}

export const Evidence = { source: sourceOf };
export const DateClaim = { source: sourceOf };
export const EntityClaim = { source: sourceOf };
export const EventClaim = { source: sourceOf };
export const EventRevision = { source: sourceOf };
export const EntityRevision = { source: sourceOf };

export const Source = {
  via: (source: SourceModel, _: unknown, ctx: GraphqlContext) =>
    ctx.loaders.citations.load(source.id).then((entities) => entities ?? []),
};
