import { eventHistory } from '../../domain/history';
import type { EventDetails, EventModel, PathModel, QuoteModel } from '../../domain/types';
import { toDateClaims, toEventClaims } from '../../services/claim-views';
import { explainPath } from '../../services/path-explanation';
import type { GraphqlContext } from '../context';

/** A field of the event's details, from the loader (primed with them when a timeline page brought the event). */
function detail<T>(pick: (details: EventDetails) => T, missing: T) {
  return (event: EventModel, _: unknown, ctx: GraphqlContext): Promise<T> =>
    ctx
      .loadersAsOf(event.asOf)
      .eventDetails.load(event.id)
      .then((details) => (details ? pick(details) : missing));
}

export const Event = {
  reportedDate: (event: EventModel) => event.reported,
  participants: detail((details) => details.participants, []),
  heads: detail((details) => details.heads ?? [], []),
  place: detail((details) => details.place, null),
  agreements: detail((details) => details.agreements, []),
  related: detail((details) => details.related, []),
  dateClaims: (event: EventModel, _: unknown, ctx: GraphqlContext) =>
    ctx
      .loadersAsOf(event.asOf)
      .claims.load(event.id)
      .then((claims) => toDateClaims(claims ?? [])),
  claims: (event: EventModel, _: unknown, ctx: GraphqlContext) =>
    ctx
      .loadersAsOf(event.asOf)
      .claims.load(event.id)
      .then((claims) => toEventClaims(claims ?? []).map((claim) => ({ ...claim, nodeId: event.id }))),
  asOf: (event: EventModel) => event.asOf ?? null,
  redirects: (event: EventModel) => event.redirectIds,
  history: (event: EventModel, _: unknown, ctx: GraphqlContext) =>
    ctx.loaders.history
      .load(event.id)
      .then((input) => (input?.kind === 'event' ? eventHistory(input, event.asOf ?? null) : [])),
};

export const Quote = {
  text: (quote: QuoteModel) => quote.evidence.quote,
  speaker: (quote: QuoteModel, _: unknown, ctx: GraphqlContext) =>
    quote.speakerId === null
      ? null
      : ctx.loaders.node.load(quote.speakerId).then((node) => (node && node.label !== 'Event' ? node : null)),
};

export const Path = {
  length: (path: PathModel) => path.relationships.length,
  explanation: (path: PathModel) => explainPath(path),
};
