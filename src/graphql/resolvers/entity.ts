import { entityHistory } from '../../domain/history';
import type { EntityModel, NodeModel } from '../../domain/types';
import { ENTITY_LABELS } from '../../domain/model';
import { badUserInput } from '../../errors';
import type { SortOrder } from '../../repositories/timeline.repository';
import { toEntityClaims } from '../../services/claim-views';
import type { TimelineFilterInput } from '../../services/timeline.service';
import type { GraphqlContext } from '../context';
import { timelinePage } from './timeline-page';

interface TimelineFieldArgs {
  filter?: TimelineFilterInput | null;
  first?: number | null;
  after?: string | null;
  order?: SortOrder | null;
}

/** GraphQL type names are the Neo4j labels. */
const resolveType = (node: NodeModel) => node.label;

const entityFields = {
  timeline: (entity: EntityModel, args: TimelineFieldArgs, ctx: GraphqlContext) => {
    if (args.filter?.entityIds)
      throw badUserInput(
        'Entity.timeline is scoped to its entity; use Query.timeline to select others',
        'filter.entityIds',
      );
    // An entity read as of a day has the timeline of that day.
    return timelinePage(ctx, {
      ...args,
      filter: { ...args.filter, entityIds: [entity.id], asOf: entity.asOf ?? null },
    });
  },
  claims: (entity: EntityModel, _: unknown, ctx: GraphqlContext) =>
    ctx
      .loadersAsOf(entity.asOf)
      .claims.load(entity.id)
      .then((claims) => toEntityClaims(claims ?? []).map((claim) => ({ ...claim, nodeId: entity.id }))),
  asOf: (entity: EntityModel) => entity.asOf ?? null,
  redirects: (entity: EntityModel) => entity.redirectIds,
  history: (entity: EntityModel, _: unknown, ctx: GraphqlContext) =>
    ctx.loaders.history
      .load(entity.id)
      .then((input) => (input?.kind === 'entity' ? entityHistory(input, entity.asOf ?? null) : [])),
};

export const Node = { __resolveType: resolveType };
export const Entity = { __resolveType: (entity: EntityModel) => entity.label };

/** Who signed an agreement, and who is bound by it. */
const partiesOf = (role: 'signatory' | 'party') => (agreement: EntityModel, _: unknown, ctx: GraphqlContext) =>
  ctx
    .loadersAsOf(agreement.asOf)
    .agreementParties.load(agreement.id)
    .then((parties) => (parties ?? []).filter((party) => party.role === role));

/** The six concrete entity types share their field resolvers; agreements add their parties. */
export const entityTypes = {
  ...Object.fromEntries(ENTITY_LABELS.map((label) => [label, entityFields])),
  Agreement: { ...entityFields, signatories: partiesOf('signatory'), parties: partiesOf('party') },
};
