/**
 * History (README, "What was known when"): the resolved states of a node source by source, and
 * what the reporting changed between two days. Both are computed from the stored claims with the
 * resolution rule of claims.ts and the as-of rule of as-of.ts, so the state after the last source
 * published by D is the view as of D, and the state after every source is the current view.
 *
 * Sources are stepped through in resolution order (publication, then id; undated sources last, as
 * they belong to no day's view but to the current one). An entry is written for a source whose
 * claims changed what the node shows; the first entry creates the node. Each field is compared as
 * a display string: a text as it is, a list joined by "; " (empty: null), a boolean as "true" or
 * "false", a date as its ISO string.
 */
import { publishedBy } from './as-of';
import {
  rankClaims,
  resolveEntity,
  resolveEvent,
  type ClaimSource,
  type EntityClaim,
  type EventClaim,
  type RelationshipClaim,
} from './claims';
import { ENTITY_FIELD_NAMES } from './entity-fields';

/** What one field showed before a source and after it. */
export interface FieldChange {
  readonly field: string;
  /** The display string before (null: no value, or the node did not exist). */
  readonly before: string | null;
  readonly after: string | null;
  /** For a list field: the values it gained and lost; empty for a text field. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** One source's step in a node's history. */
export interface HistoryEntry {
  readonly sourceId: string;
  /** The source's publication day (its first possible day, YYYY-MM-DD); null when undated. */
  readonly day: string | null;
  readonly changes: readonly FieldChange[];
}

/** The field of a node's first entry: `after` is the node's id. */
const CREATED_FIELD = 'created';

type FieldValue = string | readonly string[] | null;

/** A resolved state: each compared field's value. */
export type HistoryState = Readonly<Record<string, FieldValue>>;

/** An event's relationship to an entity (PARTICIPATED_IN into it, TOOK_PLACE_IN out of it), with its claims. */
export interface EventLink {
  readonly entityId: string;
  /** The participation's role key; null for a place. */
  readonly role: string | null;
  /** A place that is a country: less specific than a city in it. */
  readonly country: boolean;
  /** The first publication day of the entity's sources (its `knownFrom`); null when none is dated. */
  readonly entityKnownFrom: string | null;
  readonly claims: readonly RelationshipClaim[];
}

/** What an event's history is computed from: its claims and those of its participations and places. */
export interface EventHistoryInput {
  readonly id: string;
  readonly claims: readonly EventClaim[];
  readonly participations: readonly EventLink[];
  readonly places: readonly EventLink[];
}

export interface EntityHistoryInput {
  readonly id: string;
  readonly claims: readonly EntityClaim[];
}

/** The event's history, up to `asOf` (YYYY-MM-DD; null: every source, undated ones last). */
export function eventHistory(input: EventHistoryInput, asOf: string | null = null): HistoryEntry[] {
  return historyOf(input.id, eventSources(input), asOf, (included, day) => eventState(input, included, day));
}

/** The entity's history, up to `asOf` (YYYY-MM-DD; null: every source, undated ones last). */
export function entityHistory(input: EntityHistoryInput, asOf: string | null = null): HistoryEntry[] {
  return historyOf(input.id, input.claims, asOf, (included) => entityState(input, included));
}

/** The event's state as of a day (the sources published by then), or null when none of them claims it. */
export function eventStateAsOf(input: EventHistoryInput, day: string): HistoryState | null {
  const included = new Set(
    eventSources(input).flatMap(({ source }) => (publishedBy({ source }, day) ? [source.id] : [])),
  );
  return eventState(input, included, day);
}

/**
 * The changes from one state to the next: each field whose display differs. From no state, the
 * node's creation: `created` (after: its id), then every field that has a value.
 */
export function diffStates(id: string, before: HistoryState | null, after: HistoryState): FieldChange[] {
  const fields = Object.keys(after);
  const changes = fields.flatMap((field) => {
    const change = fieldChange(field, before === null ? null : (before[field] ?? null), after[field] ?? null);
    return change ? [change] : [];
  });
  if (before !== null) return changes;
  return [{ field: CREATED_FIELD, before: null, after: id, added: [], removed: [] }, ...changes];
}

/** How the reporting between two views changed an event. */
export type EventChangeKind = 'NEW_EVENT' | 'DISPUTE_OPENED' | 'DISPUTE_SETTLED' | 'REVISED' | 'CONFIRMED';

export interface EventChangeSummary {
  readonly kind: EventChangeKind;
  /** The view as of `from` against the view as of `to`. */
  readonly changes: readonly FieldChange[];
  /** The history entries of the sources published after `from`, up to `to`: which source changed which fields. */
  readonly revisions: readonly HistoryEntry[];
}

/**
 * What the sources published after `from`, up to and including `to`, changed in the event: its
 * view as of `from` against its view as of `to`. The kind is the first that applies: the event was
 * not known as of `from` (NEW_EVENT), its date became disputed (DISPUTE_OPENED) or stopped being
 * (DISPUTE_SETTLED), another field changed (REVISED), nothing it shows changed (CONFIRMED: a new
 * source agrees). Null when the event is not known as of `to`.
 */
export function eventChange(input: EventHistoryInput, from: string, to: string): EventChangeSummary | null {
  const before = eventStateAsOf(input, from);
  const after = eventStateAsOf(input, to);
  if (after === null) return null;
  const changes = diffStates(input.id, before, after);
  const revisions = eventHistory(input, to).filter((entry) => entry.day !== null && entry.day > from);
  const disputed = (state: HistoryState | null) => state?.disputed === 'true';
  const kind: EventChangeKind =
    before === null
      ? 'NEW_EVENT'
      : !disputed(before) && disputed(after)
        ? 'DISPUTE_OPENED'
        : disputed(before) && !disputed(after)
          ? 'DISPUTE_SETTLED'
          : changes.length > 0
            ? 'REVISED'
            : 'CONFIRMED';
  return { kind, changes, revisions };
}

/** Steps through the sources in resolution order, up to `asOf`, keeping an entry where the state changed. */
function historyOf(
  id: string,
  claims: readonly { readonly source: ClaimSource }[],
  asOf: string | null,
  stateOf: (included: ReadonlySet<string>, day: string | null) => HistoryState | null,
): HistoryEntry[] {
  const sources = uniqueSources(claims).filter((source) => asOf === null || publishedBy({ source }, asOf));
  const included = new Set<string>();
  const entries: HistoryEntry[] = [];
  let before: HistoryState | null = null;
  for (const source of sources) {
    included.add(source.id);
    const after = stateOf(included, source.published);
    if (after === null) continue;
    const changes = diffStates(id, before, after);
    if (changes.length > 0) entries.push({ sourceId: source.id, day: source.published, changes });
    before = after;
  }
  return entries;
}

/** The distinct sources of the claims, in resolution order. */
function uniqueSources(claims: readonly { readonly source: ClaimSource }[]): ClaimSource[] {
  const byId = new Map(claims.map((claim) => [claim.source.id, claim.source]));
  return rankClaims([...byId.values()].map((source) => ({ source }))).map(({ source }) => source);
}

function eventSources(input: EventHistoryInput): { readonly source: ClaimSource }[] {
  return [...input.claims, ...[...input.participations, ...input.places].flatMap((link) => link.claims)];
}

/**
 * The event as the included sources show it, as of `day` (null: the current view). A participant
 * or place counts when an included source claims the relationship and the entity is known by
 * then, as the as-of reads select them.
 */
function eventState(input: EventHistoryInput, included: ReadonlySet<string>, day: string | null): HistoryState | null {
  const claims = input.claims.filter((claim) => included.has(claim.source.id));
  if (claims.length === 0) return null;
  const view = resolveEvent(input.id, claims);
  const counts = (link: EventLink) =>
    (day === null || (link.entityKnownFrom !== null && link.entityKnownFrom <= day)) &&
    link.claims.some((claim) => included.has(claim.source.id));
  return {
    title: view.title,
    titleEn: view.titleEn || null,
    type: view.type,
    date: view.date.iso,
    disputed: String(view.disputed),
    claimedDates: [...new Set(view.claimedDates.map((claimed) => claimed.date.iso))].sort(compareText),
    participants: input.participations
      .filter(counts)
      .map((link) => `${link.entityId} (${link.role ?? 'participant'})`)
      .sort(compareText),
    // The most specific place first, as Event.place shows it: a city before its country.
    place: input.places
      .filter(counts)
      .sort((a, b) => Number(a.country) - Number(b.country) || compareText(a.entityId, b.entityId))
      .map((link) => link.entityId),
  };
}

function entityState(input: EntityHistoryInput, included: ReadonlySet<string>): HistoryState | null {
  const claims = input.claims.filter((claim) => included.has(claim.source.id));
  if (claims.length === 0) return null;
  const view = resolveEntity(input.id, claims);
  const state: Record<string, FieldValue> = {
    name: view.name,
    nameEn: view.nameEn || null,
    aliases: view.aliases,
  };
  for (const field of ENTITY_FIELD_NAMES) state[field] = view[field];
  return state;
}

function fieldChange(field: string, before: FieldValue, after: FieldValue): FieldChange | null {
  const shown = { before: display(before), after: display(after) };
  if (shown.before === shown.after) return null;
  const list = Array.isArray(before) || Array.isArray(after);
  const values = (value: FieldValue) => (Array.isArray(value) ? value : value === null ? [] : [value as string]);
  return {
    field,
    ...shown,
    added: list ? values(after).filter((value) => !values(before).includes(value)) : [],
    removed: list ? values(before).filter((value) => !values(after).includes(value)) : [],
  };
}

function display(value: FieldValue): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.join('; ');
  return value as string;
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
