import type { SourceModel } from '../../domain/types';
import type { GraphqlContext } from '../context';

/** The source a piece of evidence or a claim names, from the loader (primed by a timeline page). */
function sourceOf(item: { sourceId: string }, _: unknown, ctx: GraphqlContext): Promise<SourceModel> {
  return ctx.loaders.source.load(item.sourceId).then((source) => {
    if (!source) throw new Error(`evidence names source ${item.sourceId}, which is not stored`);
    return source;
  });
}

/** When this graph recorded the claim (record time), from the source's record of it. */
function recordedOf(
  claim: { sourceId: string; nodeId?: string },
  _: unknown,
  ctx: GraphqlContext,
): Promise<string | null> {
  return claim.nodeId === undefined
    ? Promise.resolve(null)
    : ctx.loaders.claimRecorded.load(`${claim.sourceId}|${claim.nodeId}`);
}

export const Evidence = { source: sourceOf };
export const DateClaim = { source: sourceOf };
export const EntityClaim = { source: sourceOf, recorded: recordedOf };
export const EventClaim = { source: sourceOf, recorded: recordedOf };
export const EventRevision = { source: sourceOf };
export const EntityRevision = { source: sourceOf };

export const Source = {
  recorded: (source: SourceModel) => source.recordedAt ?? null,
  via: (source: SourceModel, _: unknown, ctx: GraphqlContext) =>
    ctx.loaders.citations.load(source.id).then((entities) => entities ?? []),
};
