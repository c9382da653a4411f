import { claimsAsOf } from '../domain/as-of';
import {
  decodeEntityClaim,
  decodeEventClaim,
  decodeRelationshipClaim,
  resolveEntity,
  resolveEvent,
  resolveRelationship,
} from '../domain/claims';
import type { EntityModel, EventModel, NodeModel, RelationshipModel } from '../domain/types';
import { toNative } from '../neo4j/values';
import { toNodeModel, toRelationshipModel } from './node-mapper';
import { entityProperties, eventProperties } from './stored-properties';

/**
 * The view of a node or relationship as of a day, resolved again from the claims of the sources
 * published by then (src/domain/as-of.ts) with the functions that wrote the stored view: read with
 * NODE_PROJECTION(v, true) / RELATIONSHIP_PROJECTION(v, true). `asOf` null: the stored view.
 * Null when no claim was published by then (the node was not known yet).
 */
export function nodeAsOf(value: unknown, asOf: string | null): NodeModel | null {
  if (asOf === null) return toNodeModel(value);
  const row = toNative(value) as Record<string, unknown>;
  const id = String(row.id);
  const labels = row.labels as string[];
  const stored = (row.claims as string[] | null) ?? [];
  if (labels.includes('Event')) {
    const claims = claimsAsOf(stored.map(decodeEventClaim), asOf);
    if (claims.length === 0) return null;
    // Every claim known then (most nodes, once their last report is out): the stored view is that day's.
    const view = claims.length === stored.length ? row : { ...eventProperties(resolveEvent(id, claims)), labels };
    return { ...(toNodeModel(view) as EventModel), asOf };
  }
  const claims = claimsAsOf(stored.map(decodeEntityClaim), asOf);
  if (claims.length === 0) return null;
  const view = claims.length === stored.length ? row : { ...entityProperties(resolveEntity(id, claims)), labels };
  return { ...(toNodeModel(view) as EntityModel), asOf };
}

/** nodeAsOf for a value known to be an entity. */
export function entityAsOf(value: unknown, asOf: string | null): EntityModel | null {
  const node = nodeAsOf(value, asOf);
  if (node && node.label === 'Event') throw new Error(`expected an entity, got event ${node.id}`);
  return node;
}

/** nodeAsOf for a value known to be an event. */
export function eventAsOf(value: unknown, asOf: string | null): EventModel | null {
  const node = nodeAsOf(value, asOf);
  if (node && node.label !== 'Event') throw new Error(`expected an event, got ${node.label} ${node.id}`);
  return node;
}

/** A relationship as of the day (its titles, period and evidence then); null when not known yet. */
export function relationshipAsOf(value: unknown, asOf: string | null): RelationshipModel | null {
  if (asOf === null) return toRelationshipModel(value);
  const row = toNative(value) as Record<string, unknown>;
  const stored = (row.claims as string[] | null) ?? [];
  const claims = claimsAsOf(stored.map(decodeRelationshipClaim), asOf);
  if (claims.length === 0) return null;
  if (claims.length === stored.length) return toRelationshipModel(row);
  const resolved = resolveRelationship(claims);
  return toRelationshipModel({
    ...row,
    titles: resolved.titles,
    evidence: resolved.evidence,
    since: resolved.since,
    until: resolved.until,
  });
}
