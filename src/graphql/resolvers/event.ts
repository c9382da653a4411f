import type { EventDetails, EventModel, EvidenceModel, PathModel, SourceModel } from '../../domain/types';
import type { GraphqlContext } from '../context';

/** A field of the event's details: synchronous when they came with the page, else from the loader. */
function detail<T>(pick: (details: EventDetails) => T, missing: T) {
  return (event: EventModel, _: unknown, ctx: GraphqlContext): T | Promise<T> => {
    const known = ctx.known.details.get(event.id);
    if (known) return pick(known);
    return ctx.loaders.eventDetails.load(event.id).then((details) => (details ? pick(details) : missing));
  };
}

export const Event = {
  reportedDate: (event: EventModel) => event.reported,
  participants: detail((details) => details.participants, []),
  place: detail((details) => details.place, null),
  agreements: detail((details) => details.agreements, []),
  related: detail((details) => details.related, []),
};

export const Evidence = {
  source: (evidence: EvidenceModel, _: unknown, ctx: GraphqlContext): SourceModel | Promise<SourceModel> => {
    const known = ctx.known.sources.get(evidence.sourceId);
    if (known) return known;
    return ctx.loaders.source.load(evidence.sourceId).then((source) => {
      if (!source) throw new Error(`evidence names source ${evidence.sourceId}, which is not stored`);
      return source;
    });
  },
};

export const Path = {
  length: (path: PathModel) => path.relationships.length,
};
