import type { ManagedTransaction } from 'neo4j-driver';
import {
  decodeEntityClaim,
  decodeEventClaim,
  encodeClaim,
  decodeRelationshipClaim,
  resolveEntity,
  resolveEvent,
  resolveRelationship,
  type EntityClaim,
  type EventClaim,
  type RelationshipClaim,
  type ResolvedEntity,
  type ResolvedEvent,
  type ResolvedRelationship,
} from '../domain/claims';
import { encodeEvidence } from '../domain/evidence';
import { findEventsNamingEntities, refreshEventSearchText } from '../repositories/event-search.repository';
import { parseRelationshipKey, relationshipKey } from '../domain/relationship-key';
import {
  deleteNodes,
  deleteRelationships,
  deleteSource,
  findFactRelationships,
  findLikelyDuplicates,
  findLinkConflicts,
  findNodeKinds,
  findSourceFootprint,
  linkCalendar,
  lockNodeClaims,
  lockRelationshipClaims,
  pruneCalendar,
  unlinkCalendar,
  writeEntities,
  writeEvents,
  writeRedirects,
  writeRelationships,
  writeSource,
  type LikelyDuplicate,
  type LinkConflict,
  type NodeKind,
  type RecordedFootprint,
  type RelationshipRef,
} from '../repositories/claims.repository';
import type { SourceClaims } from './source-claims';

/** What loading or retracting one source changed. */
export interface SourceChange {
  readonly sourceId: string;
  readonly nodes: ChangeCounts;
  readonly relationships: ChangeCounts;
  /** Which nodes (ids) and relationships (`TYPE|from|to|role` keys) the counts above count, sorted. */
  readonly changed: { readonly nodes: ChangedIds; readonly relationships: ChangedIds };
  /** Events this source dates differently from another source: each source's date. */
  readonly disputed: readonly { eventId: string; dates: readonly { sourceId: string; iso: string }[] }[];
  /** Events this source types differently from another source. */
  readonly typeConflicts: readonly { eventId: string; types: readonly { sourceId: string; type: string }[] }[];
  /** Events new with this source that look like ones already stored. */
  readonly likelyDuplicates: readonly LikelyDuplicate[];
  /** Events shared with other sources (by sameAs or by id) whose place or agreement this source gives differently. */
  readonly linkConflicts: readonly LinkConflict[];
}

/** Stored before: `updated` when its claims changed, `unchanged` when loading wrote them as they were. */
export interface ChangeCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly deleted: number;
}

/** The ids behind the created, updated and deleted counts (unchanged ones are left out). */
export interface ChangedIds {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly deleted: readonly string[];
}

/** Retracting the source would leave another source's relationships without an end. */
export class SourceInUseError extends Error {
  override readonly name = 'SourceInUseError';

  constructor(
    readonly sourceId: string,
    /** Relationship keys (`TYPE|from|to|role`) other sources back, on nodes only this source backs. */
    readonly dependents: readonly string[],
  ) {
    super(
      `${sourceId} is the only source of nodes that other sources' relationships need: ${dependents.slice(0, 10).join(', ')}` +
        `${dependents.length > 10 ? ` and ${dependents.length - 10} more` : ''}. Retract those sources first, or have them define the nodes.`,
    );
  }
}

/** No source of that id is loaded. */
export class SourceNotFoundError extends Error {
  override readonly name = 'SourceNotFoundError';

  constructor(readonly sourceId: string) {
    super(`no source "${sourceId}" is loaded`);
  }
}

type NodeClaim = { kind: 'Entity'; claim: EntityClaim } | { kind: 'Event'; claim: EventClaim };

/**
 * Replaces what one source claims with `next` (null: retracts it), inside the caller's write
 * transaction. Every node and relationship the source claimed before or claims now is resolved
 * again from its remaining claims: written when some source still backs it, deleted when none
 * does. Other sources' claims are read and written back unchanged.
 */
export async function applySourceClaims(
  tx: ManagedTransaction,
  sourceId: string,
  next: SourceClaims | null,
): Promise<SourceChange> {
  const footprint = await findSourceFootprint(tx, sourceId);
  if (!footprint && !next) throw new SourceNotFoundError(sourceId);

  const nextNodes = new Map<string, NodeClaim>([
    ...[...(next?.entities ?? [])].map(([id, claim]) => [id, { kind: 'Entity', claim }] as const),
    ...[...(next?.events ?? [])].map(([id, claim]) => [id, { kind: 'Event', claim }] as const),
  ]);
  const nodeIds = union(footprint?.nodeIds ?? [], nextNodes.keys());
  const stored = await lockNodeClaims(tx, nodeIds);

  const entities: ResolvedEntity[] = [];
  const events: ResolvedEvent[] = [];
  const deletedNodes: string[] = [];
  const mentions: { id: string; kind: 'Entity' | 'Event'; evidence: readonly string[] }[] = [];
  for (const id of nodeIds) {
    const mine = nextNodes.get(id);
    const kind = stored.get(id)?.kind ?? mine?.kind;
    const others = (stored.get(id)?.claims ?? []).filter((text) => claimSourceId(text) !== sourceId);
    if (kind === 'Event') {
      const claims = [...others.map(decodeEventClaim), ...(mine?.kind === 'Event' ? [mine.claim] : [])];
      if (claims.length === 0) deletedNodes.push(id);
      else events.push(resolveEvent(id, claims));
    } else {
      const claims = [...others.map(decodeEntityClaim), ...(mine?.kind === 'Entity' ? [mine.claim] : [])];
      if (claims.length === 0) deletedNodes.push(id);
      else entities.push(resolveEntity(id, claims));
    }
    if (mine)
      mentions.push({
        id,
        kind: mine.kind,
        evidence: mine.claim.evidence.map((span) => encodeEvidence(sourceId, span)),
      });
  }

  const relationshipKeys = union(footprint?.relationshipKeys ?? [], next?.relationships.keys() ?? []);
  const refs = await relationshipRefs(tx, relationshipKeys, next);
  const storedRelationships = await lockRelationshipClaims(tx, [...refs.values()]);
  const written: (RelationshipRef & { resolved: ResolvedRelationship })[] = [];
  const deletedRelationships: RelationshipRef[] = [];
  for (const key of relationshipKeys) {
    const ref = refs.get(key);
    if (!ref) continue; // an end is gone and the relationship with it
    const others = (storedRelationships.get(key) ?? [])
      .filter((text) => claimSourceId(text) !== sourceId)
      .map(decodeRelationshipClaim);
    const mine: RelationshipClaim | undefined = next?.relationships.get(key)?.claim;
    const claims = [...others, ...(mine ? [mine] : [])];
    if (claims.length === 0) {
      if (storedRelationships.has(key)) deletedRelationships.push(ref);
    } else written.push({ ...ref, resolved: resolveRelationship(claims) });
  }

  await refuseDangling(tx, sourceId, deletedNodes, deletedRelationships, written);

  const calendarIds = await unlinkCalendar(tx, [...events.map((event) => event.id), ...deletedNodes]);
  await deleteRelationships(tx, deletedRelationships);
  await deleteNodes(tx, deletedNodes);
  await writeEntities(tx, entities);
  await writeEvents(tx, events);
  await linkCalendar(tx, events);
  await writeRedirects(tx, [...entities, ...events]);
  // The Source node before the relationships: a source may CITE an organization.
  if (next)
    await writeSource(tx, next.source, recordTimes(sourceId, next, footprint, stored, storedRelationships), mentions);
  await writeRelationships(tx, written);
  if (!next) await deleteSource(tx, sourceId);
  await pruneCalendar(tx, calendarIds);
  await refreshSearchText(tx, stored, entities, events, [...written, ...deletedRelationships]);

  const newEvents = events.filter(
    (event) => !stored.has(event.id) && event.sourceIds.length === 1 && event.redirectIds.length === 0,
  );
  const nodesBefore = [...entities, ...events].filter((node) => stored.has(node.id));
  const nodesUnchanged = nodesBefore.filter((node) => sameClaims(stored.get(node.id)?.claims, node.claims));
  const relationshipsBefore = written.filter((row) => storedRelationships.has(keyOf(row)));
  const relationshipsUnchanged = relationshipsBefore.filter((row) =>
    sameClaims(storedRelationships.get(keyOf(row)), row.resolved.claims),
  );
  const nodeIdsOf = (nodes: readonly { id: string }[]) => nodes.map((node) => node.id).sort();
  const keysOf = (rows: readonly RelationshipRef[]) => rows.map(keyOf).sort();
  const nodesWritten = [...entities, ...events];
  const relationshipsChanged = relationshipsBefore.filter((row) => !relationshipsUnchanged.includes(row));
  return {
    sourceId,
    changed: {
      nodes: {
        created: nodeIdsOf(nodesWritten.filter((node) => !stored.has(node.id))),
        updated: nodeIdsOf(nodesBefore.filter((node) => !nodesUnchanged.includes(node))),
        deleted: [...deletedNodes].sort(),
      },
      relationships: {
        created: keysOf(written.filter((row) => !storedRelationships.has(keyOf(row)))),
        updated: keysOf(relationshipsChanged),
        deleted: keysOf(deletedRelationships),
      },
    },
    nodes: {
      created: entities.length + events.length - nodesBefore.length,
      updated: nodesBefore.length - nodesUnchanged.length,
      unchanged: nodesUnchanged.length,
      deleted: deletedNodes.length,
    },
    relationships: {
      created: written.length - relationshipsBefore.length,
      updated: relationshipsBefore.length - relationshipsUnchanged.length,
      unchanged: relationshipsUnchanged.length,
      deleted: deletedRelationships.length,
    },
    disputed: events
      .filter((event) => event.disputed && event.sourceIds.includes(sourceId))
      .map((event) => ({
        eventId: event.id,
        dates: event.claimedDates.map(({ sourceId: id, date }) => ({ sourceId: id, iso: date.iso })),
      })),
    typeConflicts: events.flatMap((event) => {
      const types = event.claims
        .map(decodeEventClaim)
        .map((claim) => ({ sourceId: claim.source.id, type: claim.type }));
      return new Set(types.map((item) => item.type)).size > 1 && event.sourceIds.includes(sourceId)
        ? [{ eventId: event.id, types }]
        : [];
    }),
    likelyDuplicates: next
      ? await findLikelyDuplicates(
          tx,
          newEvents.map((event) => event.id),
        )
      : [],
    linkConflicts: next
      ? await findLinkConflicts(
          tx,
          sourceId,
          events
            .filter((event) => event.sourceIds.includes(sourceId) && event.sourceIds.length > 1)
            .map((event) => event.id),
        )
      : [],
  };
}

/**
 * What the source claims now, with when this graph recorded each claim: the time of this load for
 * a claim that is new or changed, the time it was first recorded for one the load wrote as it was
 * (so loading a source again unchanged changes nothing).
 */
function recordTimes(
  sourceId: string,
  next: SourceClaims,
  footprint: RecordedFootprint | null,
  storedNodes: ReadonlyMap<string, { claims: readonly string[] }>,
  storedRelationships: ReadonlyMap<string, readonly string[]>,
): RecordedFootprint {
  const now = new Date().toISOString();
  const before = new Map<string, string>([
    ...(footprint?.nodeIds ?? []).map((id, index) => [id, footprint?.nodeRecordedAt[index] ?? ''] as const),
    ...(footprint?.relationshipKeys ?? []).map(
      (key, index) => [key, footprint?.relationshipRecordedAt[index] ?? ''] as const,
    ),
  ]);
  const timeOf = (id: string, stored: readonly string[] | undefined, claim: Parameters<typeof encodeClaim>[0]) =>
    stored?.find((text) => claimSourceId(text) === sourceId) === encodeClaim(claim) ? (before.get(id) ?? '') : now;
  const nodeIds = [...next.entities.keys(), ...next.events.keys()].sort();
  const relationshipKeys = [...next.relationships.keys()].sort();
  return {
    nodeIds,
    relationshipKeys,
    nodeRecordedAt: nodeIds.map((id) =>
      timeOf(id, storedNodes.get(id)?.claims, (next.entities.get(id) ?? next.events.get(id))!),
    ),
    relationshipRecordedAt: relationshipKeys.map((key) =>
      timeOf(key, storedRelationships.get(key), next.relationships.get(key)!.claim),
    ),
  };
}

/**
 * Brings the searchable text of every event this change touched up to date: events written, events
 * at an end of a relationship written or deleted, and events naming an entity whose names changed
 * (an alias added or retracted). The text is recomputed from the graph, so it is exact after a
 * retraction too.
 */
async function refreshSearchText(
  tx: ManagedTransaction,
  stored: ReadonlyMap<string, { kind: string; claims: readonly string[] }>,
  entities: readonly ResolvedEntity[],
  events: readonly ResolvedEvent[],
  relationships: readonly RelationshipRef[],
): Promise<void> {
  const renamed = entities.filter((entity) => {
    const before = stored.get(entity.id);
    if (!before || before.kind !== 'Entity' || before.claims.length === 0) return false;
    const old = resolveEntity(entity.id, before.claims.map(decodeEntityClaim));
    return old.label !== entity.label || old.aliasText !== entity.aliasText;
  });
  const eventIds = new Set([
    ...events.map((event) => event.id),
    ...relationships.flatMap((ref) => [
      ...(ref.fromKind === 'Event' ? [ref.from] : []),
      ...(ref.toKind === 'Event' ? [ref.to] : []),
    ]),
    ...(await findEventsNamingEntities(
      tx,
      renamed.map((entity) => entity.id),
    )),
  ]);
  await refreshEventSearchText(tx, [...eventIds]);
}

/**
 * Refuses (before anything is written) a change that would delete a node another source's
 * relationship still needs: retracting A while B relates to a node only A defines.
 */
async function refuseDangling(
  tx: ManagedTransaction,
  sourceId: string,
  deletedNodes: readonly string[],
  deletedRelationships: readonly RelationshipRef[],
  written: readonly RelationshipRef[],
): Promise<void> {
  if (deletedNodes.length === 0) return;
  const gone = new Set(deletedNodes);
  const leaving = new Set(deletedRelationships.map(keyOf));
  const attached = await findFactRelationships(tx, deletedNodes);
  const dangling = [
    ...attached.filter((key) => !leaving.has(key)),
    ...written.filter((row) => gone.has(row.from) || gone.has(row.to)).map(keyOf),
  ];
  if (dangling.length > 0) throw new SourceInUseError(sourceId, [...new Set(dangling)].sort());
}

/** The relationships to look up, with the kinds of their ends; those with an end missing are left out. */
async function relationshipRefs(
  tx: ManagedTransaction,
  keys: readonly string[],
  next: SourceClaims | null,
): Promise<Map<string, RelationshipRef>> {
  const parts = keys.map((full) => ({ full, ...parseRelationshipKey(full) }));
  const kinds = await findNodeKinds(
    tx,
    parts.flatMap((part) => [part.from, part.to]),
  );
  const refs = new Map<string, RelationshipRef>();
  for (const part of parts) {
    const statement = next?.relationships.get(part.full);
    const fromKind = statement ? kindOf(statement.fromLabel) : kinds.get(part.from);
    const toKind = statement ? kindOf(statement.toLabel) : kinds.get(part.to);
    if (!fromKind || !toKind) continue;
    refs.set(part.full, { type: part.type, from: part.from, to: part.to, key: part.key, fromKind, toKind });
  }
  return refs;
}

function kindOf(label: string): NodeKind {
  return label === 'Event' || label === 'Source' ? label : 'Entity';
}

function keyOf(ref: RelationshipRef): string {
  return relationshipKey(ref.type, ref.from, ref.to, ref.key);
}

/** The source id a stored claim names. */
function claimSourceId(text: string): string {
  return (JSON.parse(text) as { source: { id: string } }).source.id;
}

function union(...lists: Iterable<string>[]): string[] {
  return [...new Set(lists.flatMap((list) => [...list]))];
}

function sameClaims(before: readonly string[] | undefined, after: readonly string[]): boolean {
  return (
    before !== undefined && before.length === after.length && before.every((claim, index) => claim === after[index])
  );
}
