import { MAX_RANGE_DAYS } from '../domain/fuzzy-date';
import { HEAD_PARAMS, leadingAtEvent } from './head-leadership';
import { keyCeiling, yearKeyPrefix } from '../domain/timeline-key';
import { claimsInPeriod, hasPeriod, periodPredicate, resolvedInPeriod, type Period } from './period-filter';

/**
 * The timeline selection as Cypher, built from the filter by pure functions (no database), so
 * that every combination of filters is a tested string and the repository only runs it.
 */

export type EntityMatch = 'ANY' | 'ALL';
export interface TimelineCriteria extends Period {
  /** Events involving these entities (null: all events). */
  readonly entityIds: readonly string[] | null;
  /** ANY: events involving at least one of them; ALL: events involving every one. */
  readonly entityMatch: EntityMatch;
  readonly types: readonly string[] | null;
  readonly placeId: string | null;
}

/** How to read the selection, decided from the filtered entities' degrees. */
export interface SelectionPlan {
  /**
   * True when the entities to expand from are hubs: the timeline is then read in date order from
   * the index and each event checked for involvement, instead of collecting all their events.
   */
  readonly hub: boolean;
  /** With ALL, the entity with the fewest relationships: events are expanded from it alone. */
  readonly anchorId: string | null;
}

/**
 * How an entity `x` is involved in an event `e`, each a pattern from x to e with an optional
 * condition: it takes part; down, through a delegation it leads or belongs to, or (a head) through
 * the country it leads at the event's date in a summit, state visit, talks or signing; up, through a
 * delegation or organization that represents it, or the person that leads it as head of state or
 * government; as the place, or a country containing it; as an agreement the event produced or
 * concerns, or a party or signatory of one; as what the event concerns.
 */
const INVOLVEMENT_PATTERNS: readonly { readonly pattern: string; readonly where?: string }[] = [
  { pattern: '(x)-[:PARTICIPATED_IN]->(e)' },
  { pattern: '(x)<-[:LED_BY]-(:Delegation)-[:PARTICIPATED_IN]->(e)' },
  { pattern: '(x)-[:MEMBER_OF]->(:Delegation)-[:PARTICIPATED_IN]->(e)' },
  { pattern: '(x)<-[headOf:LED_BY]-(:Country)-[:PARTICIPATED_IN]->(e)', where: leadingAtEvent('headOf', 'e') },
  { pattern: '(x)<-[:REPRESENTS]-(:Delegation|Organization)-[:PARTICIPATED_IN]->(e)' },
  // Heads only: a country is not involved in everything its deputy minister attends.
  { pattern: '(x)-[lead:LED_BY WHERE lead.role IN $headRoles]->(:Person)-[:PARTICIPATED_IN]->(e)' },
  { pattern: '(x)<-[:TOOK_PLACE_IN]-(e)' },
  { pattern: '(x)<-[:LOCATED_IN]-(:Place)<-[:TOOK_PLACE_IN]-(e)' },
  { pattern: '(x)<-[:PRODUCED|CONCERNS]-(e)' },
  { pattern: '(x)-[:PARTY_TO|SIGNED]->(:Agreement)<-[:PRODUCED|CONCERNS]-(e)' },
];

/** The events the entities bound by `UNWIND … AS entityId` are involved in, expanded from them. */
function involvedEvents(idsParameter: string): string {
  const union = INVOLVEMENT_PATTERNS.map(
    ({ pattern, where }) =>
      `WITH x MATCH ${pattern.replace('(e)', '(e:Event)')}${where ? ` WHERE ${where}` : ''} RETURN e`,
  ).join(' UNION ');
  return `UNWIND ${idsParameter} AS entityId MATCH (x:Entity {id: entityId}) CALL { ${union} } WITH DISTINCT e`;
}

/** Whether event `e` involves the entity whose id passes `idTest` (a predicate on `x.id`). */
function involves(idTest: string): string {
  return `(${INVOLVEMENT_PATTERNS.map(
    ({ pattern, where }) =>
      `EXISTS { MATCH ${pattern.replace('(x)', '(x:Entity)')} WHERE ${[idTest, ...(where ? [where] : [])].join(' AND ')} }`,
  ).join(' OR ')})`;
}

/**
 * The entity filter as a predicate on `e`. ALL is one involvement test per entity, by its index in
 * `$entityIds` (never skipping `skip`, the anchor the events were expanded from): the same tests
 * inside `all(entityId IN $entityIds WHERE …)` took Neo4j about 10 s to plan on two cores, longer
 * than the query timeout, where these take a quarter of that for three entities.
 */
function entityPredicate(criteria: TimelineCriteria, skip: string | null = null): string[] {
  if (criteria.entityMatch !== 'ALL') return [involves('x.id IN $entityIds')];
  return (criteria.entityIds ?? []).flatMap((id, index) =>
    id === skip ? [] : [involves(`x.id = $entityIds[${index}]`)],
  );
}

/** Type and place filters. */
function otherPredicates(criteria: TimelineCriteria): string[] {
  return [
    criteria.types !== null ? 'e.type IN $types' : '',
    criteria.placeId !== null
      ? `EXISTS { MATCH (e)-[:TOOK_PLACE_IN]->(p:Entity) WHERE p.id = $placeId OR EXISTS { (p)-[:LOCATED_IN]->(:Entity {id: $placeId}) } }`
      : '',
  ].filter(Boolean);
}

/**
 * Bounds on `timelineKey`, which starts with the first possible day, so that an index scan starts
 * near the period. An event whose resolved date overlaps [from, to] starts no later than `to`, and
 * no earlier than the longest span short of a year before `from` (a month, or a day range of up
 * to MAX_RANGE_DAYS) unless its date is a whole year (then it starts on
 * 1 January of `from`'s year: the year branch). An event within the period starts on `from` or later.
 */
function keyBounds(criteria: TimelineCriteria): string[] {
  return [
    criteria.fromDay !== null ? 'e.timelineKey >= $keyFloor' : '',
    criteria.toDay !== null ? 'e.timelineKey <= $keyCeiling' : '',
  ].filter(Boolean);
}

/**
 * The queries whose union is the selection, each ending in a WHERE on `e` (the caller adds RETURN).
 * `extra` are predicates on `e` every branch gets (the cursor). Entities that are not hubs are
 * expanded into their events; otherwise the range index on timelineKey provides the order (so the
 * work per page does not grow with the corpus), with two more branches for a period that events
 * may overlap: whole-year events of `from`'s year, which start before the key floor, and disputed
 * events, which a claimed date may put in the period.
 */
export function selectionBranches(criteria: TimelineCriteria, plan: SelectionPlan, extra: readonly string[]): string[] {
  const where = (predicates: readonly string[]) => (predicates.length > 0 ? `WHERE ${predicates.join(' AND ')}` : '');
  const rest = [...extra, ...otherPredicates(criteria)];
  if (criteria.entityIds && !plan.hub) {
    const anchor = criteria.entityMatch === 'ALL' ? '[$anchorId]' : '$entityIds';
    const allOthers = criteria.entityMatch === 'ALL' ? entityPredicate(criteria, plan.anchorId) : [];
    return [`${involvedEvents(anchor)} ${where([...rest, ...allOthers, ...periodPredicate('e', criteria)])}`];
  }
  if (criteria.entityIds) rest.push(...entityPredicate(criteria));
  if (!hasPeriod(criteria)) return [`MATCH (e:Event) ${where(rest)}`];
  const resolved = [...rest, ...resolvedInPeriod('e', criteria)];
  if (criteria.match === 'WITHIN') {
    return [
      `MATCH (e:Event) ${where([...resolved, ...keyBounds(criteria), `(NOT e:Disputed OR ${claimsInPeriod('e', criteria)})`])}`,
    ];
  }
  return [
    `MATCH (e:Event) ${where([...resolved, ...keyBounds(criteria)])}`,
    ...(criteria.fromDay !== null
      ? [`MATCH (e:Event) ${where([...resolved, 'e.timelineKey STARTS WITH $yearKey'])}`]
      : []),
    `MATCH (e:Disputed) ${where([...rest, claimsInPeriod('e', criteria)])}`,
  ];
}

/** Parameters of selectionBranches. */
export function selectionParams(criteria: TimelineCriteria, plan: SelectionPlan): Record<string, unknown> {
  return {
    entityIds: criteria.entityIds,
    anchorId: plan.anchorId,
    fromDay: criteria.fromDay,
    toDay: criteria.toDay,
    types: criteria.types,
    placeId: criteria.placeId,
    ...HEAD_PARAMS,
    keyFloor:
      criteria.fromDay === null
        ? null
        : criteria.match === 'WITHIN'
          ? criteria.fromDay
          : shiftDays(criteria.fromDay, -(LONGEST_SPAN_BELOW_YEAR_DAYS - 1)),
    yearKey: criteria.fromDay === null ? null : yearKeyPrefix(criteria.fromDay.slice(0, 4)),
    keyCeiling: criteria.toDay === null ? null : keyCeiling(criteria.toDay),
  };
}

/** The longest date short of a whole year, in days: a day range (a month is at most 31). */
const LONGEST_SPAN_BELOW_YEAR_DAYS = Math.max(MAX_RANGE_DAYS, 31);

function shiftDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.getUTCFullYear() < 1 ? '0001-01-01' : date.toISOString().slice(0, 10);
}
