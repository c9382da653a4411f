import { RELATIONSHIP_RULES, RELATIONSHIP_TYPES, type RelationshipType } from '../domain/model';
import { asOfEventFields, currentEventFields, knownAsOf } from './as-of-cypher';
import { periodPredicate } from './period-filter';

/**
 * Cypher for paths of one length, built by a pure function: the search (graph.repository.ts)
 * asks for length 1, 2, … until it has enough paths, each query walking out from the cheaper end.
 */

/**
 * Relationships a path may follow: the model's facts, never the calendar tree (ON_DAY, HAS_DAY…),
 * MENTIONED_IN or SAME_AS, so two events are not "connected" by a shared day or source.
 */
export const MEANINGFUL = RELATIONSHIP_TYPES.join('|');

/** Types the model allows at a node with these labels, in either direction. */
export function typesAt(labels: readonly string[]): RelationshipType[] {
  const has = (endpoints: readonly string[]) => endpoints.some((label) => labels.includes(label));
  return RELATIONSHIP_TYPES.filter((type) => has(RELATIONSHIP_RULES[type].from) || has(RELATIONSHIP_RULES[type].to));
}

/** Types the model allows between a node with labels `a` and one with labels `b`. */
export function typesBetween(a: readonly string[], b: readonly string[]): RelationshipType[] {
  const has = (endpoints: readonly string[], labels: readonly string[]) =>
    endpoints.some((label) => labels.includes(label));
  return RELATIONSHIP_TYPES.filter((type) => {
    const rule = RELATIONSHIP_RULES[type];
    return (has(rule.from, a) && has(rule.to, b)) || (has(rule.from, b) && has(rule.to, a));
  });
}

export interface PathShape {
  /** Number of relationships: 1…6 (spliced; Cypher takes no parameter in a pattern's length). */
  readonly length: number;
  /** True when the walk starts at the path's `to` end (the cheaper one), so nodes come in reverse order. */
  readonly reversed: boolean;
  /** Intermediate events must overlap this period (days, inclusive). */
  readonly period: { readonly fromDay: string | null; readonly toDay: string | null } | null;
  /** Each event on the path no earlier than the one before it (from `from` to `to`). */
  readonly chronological: boolean;
  /**
   * Types the relationship into the far end may have (`typesAt` its labels; `typesBetween` both
   * ends for length 1). A hub's relationships are stored in groups by type, so a hop checked
   * with only the types its labels allow never reads the hub's hundreds of thousands of
   * participations: between two people there is no path of length 1 to look for at all.
   */
  readonly lastHopTypes: readonly string[];
  /**
   * Whether the planner may look the far end up by its id and walk out from both ends (it does
   * so when that is cheaper: between two ordinary people it reads a tenth of what a walk from one
   * end reads). Never for a hub at the far end: walking out from it reads all its relationships.
   */
  readonly seekFarEnd: boolean;
  /** As of `$asOf` (src/domain/as-of.ts): only nodes and relationships known then, events' dates then. */
  readonly asOf?: boolean;
}

/**
 * Paths of exactly `length` relationships from the bound node `s` (the anchor) to the node whose
 * id is `$farId`, as a subquery body returning `paths` (at most `$candidates`, ties ordered).
 * Unless `seekFarEnd`, the far end is matched by a property of the walk, never looked up first, so
 * the planner walks out from the anchor (a hub at the far end costs one check per path, not its
 * degree). Intermediate nodes are never Sources nor hubs (more than `$hubDegree` relationships);
 * no node repeats.
 */
export function pathsOfLength(shape: PathShape): string {
  const middle = Array.from({ length: shape.length - 1 }, (_, index) => `n${index}`);
  const nodes = ['(s)', ...middle.map((name) => `(${name})`)];
  const lastHop = shape.lastHopTypes.join('|');
  const chain = `${nodes.join(`-[:${MEANINGFUL}]-`)}-[:${lastHop}]-(t)`;
  const predicates = [
    // Without a label on `t` the planner cannot seek it in the id index, so it walks from `s` only
    // (ids are unique across labels).
    't.id = $farId',
    ...(shape.seekFarEnd ? ['(t:Entity OR t:Event)'] : []),
    ...middle.map((name) => `NOT ${name}:Source AND COUNT { (${name})--() } <= $hubDegree`),
    ...(shape.period
      ? middle.map(
          (name) =>
            `(NOT ${name}:Event OR ${periodPredicate(name, { ...shape.period!, match: 'OVERLAPS' }, shape.asOf).join(' AND ') || 'true'})`,
        )
      : []),
    ...(shape.asOf
      ? [`all(x IN nodes(p) WHERE ${knownAsOf('x')})`, `all(r IN relationships(p) WHERE ${knownAsOf('r')})`]
      : []),
    ...(shape.length > 1 ? ['all(x IN nodes(p) WHERE single(y IN nodes(p) WHERE y = x))'] : []),
  ];
  const earliest = (event: string) => (shape.asOf ? asOfEventFields(event) : currentEventFields(event)).earliest;
  const chronological = shape.chronological
    ? `WITH p, [x IN nodes(p) WHERE x:Event] AS events
       WHERE all(i IN range(0, size(events) - 2) WHERE ${earliest('events[i]')} ${shape.reversed ? '>=' : '<='} ${earliest('events[i + 1]')})`
    : '';
  // Ties in the order of the ids along the path, read from `from` to `to`, then the types and roles
  // (one person may take part in one event in two roles: two paths through the same nodes).
  const along = (list: string) => (shape.reversed ? `reverse(${list})` : list);
  return `MATCH p = ${chain}
    WHERE ${predicates.join(' AND ')}
    ${chronological}
    WITH p LIMIT $candidates
    WITH p ORDER BY [x IN ${along('nodes(p)')} | x.id], [r IN ${along('relationships(p)')} | type(r) + ':' + coalesce(r.role, '')]
    RETURN collect(p) AS paths`;
}

/**
 * The search in one round trip: a subquery per length, shortest first, each run only while fewer
 * than `$k` paths were found (a subquery whose input row is filtered out does no work, and its
 * `collect` still answers `[]`). Returns the first `$k` paths, shortest first, as `nodes` and
 * `relationships` (only those are projected: a hub's properties are read once per path returned,
 * not per candidate).
 */
export function shortestPathsUpTo(
  shapes: readonly PathShape[],
  projectNode: (variable: string) => string,
  projectRelationship: (variable: string) => string,
): string {
  const levels = shapes.map(
    (shape) => `CALL {
      WITH s, found
      WITH s, found WHERE size(found) < $k
      ${pathsOfLength(shape)}
    }
    WITH s, found + paths AS found`,
  );
  return `MATCH (s) WHERE elementId(s) = $anchor
    WITH s, [] AS found
    ${levels.join('\n    ')}
    UNWIND found[0..$k] AS p
    RETURN [x IN nodes(p) | ${projectNode('x')}] AS nodes, [r IN relationships(p) | ${projectRelationship('r')}] AS relationships`;
}
