import type { EventModel, EvidenceModel, PathModel } from '../../domain/types';
import type { GraphqlContext } from '../context';

const details = (event: EventModel, ctx: GraphqlContext) => ctx.loaders.eventDetails.load(event.id);

export const Event = {
  reportedDate: (event: EventModel) => event.reported,
  participants: async (event: EventModel, _: unknown, ctx: GraphqlContext) => (await details(event, ctx))?.participants ?? [],
  place: async (event: EventModel, _: unknown, ctx: GraphqlContext) => (await details(event, ctx))?.place ?? null,
  agreements: async (event: EventModel, _: unknown, ctx: GraphqlContext) => (await details(event, ctx))?.agreements ?? [],
  related: async (event: EventModel, _: unknown, ctx: GraphqlContext) => (await details(event, ctx))?.related ?? [],
};

export const Evidence = {
  source: async (evidence: EvidenceModel, _: unknown, ctx: GraphqlContext) => {
    const source = await ctx.loaders.source.load(evidence.sourceId);
    if (!source) throw new Error(`evidence names source ${evidence.sourceId}, which is not stored`);
    return source;
  },
};

export const Path = {
  length: (path: PathModel) => path.relationships.length,
};
