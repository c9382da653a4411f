import { MAX_RANGE_DAYS } from '../domain/fuzzy-date';
import { asOfEventFields, currentEventFields, knownAsOf, type EventFields } from './as-of-cypher';
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
  /** As of this day (YYYY-MM-DD): what the sources published by then say (src/domain/as-of.ts); null: the current view. */
  readonly asOf: string | null;
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
 * concerns, or a party or signatory of one; as what the event concerns. `known` names what must be
 * known as of the day of an as-of read (x and e are checked where they are bound).
 */
const INVOLVEMENT_PATTERNS: readonly {
  readonly pattern: string;
  readonly known: readonly string[];
  readonly where?: (asOf: boolean) => string;
}[] = [
  { pattern: '(x)-[r1:PARTICIPATED_IN]->(e)', known: ['r1'] },
  { pattern: '(x)<-[r1:LED_BY]-(n1:Delegation)-[r2:PARTICIPATED_IN]->(e)', known: ['r1', 'n1', 'r2'] },
  { pattern: '(x)-[r1:MEMBER_OF]->(n1:Delegation)-[r2:PARTICIPATED_IN]->(e)', known: ['r1', 'n1', 'r2'] },
  {
    pattern: '(x)<-[headOf:LED_BY]-(n1:Country)-[r2:PARTICIPATED_IN]->(e)',
    known: ['headOf', 'n1', 'r2'],
    where: (asOf) => leadingAtEvent('headOf', 'e', asOf),
  },
  {
    pattern: '(x)<-[r1:REPRESENTS]-(n1:Delegation|Organization)-[r2:PARTICIPATED_IN]->(e)',
    known: ['r1', 'n1', 'r2'],
  },
  // Heads only: a country is not involved in everything its deputy minister attends.
  {
    pattern: '(x)-[lead:LED_BY WHERE lead.role IN $headRoles]->(n1:Person)-[r2:PARTICIPATED_IN]->(e)',
    known: ['lead', 'n1', 'r2'],
  },
  { pattern: '(x)<-[r1:TOOK_PLACE_IN]-(e)', known: ['r1'] },
  { pattern: '(x)<-[r1:LOCATED_IN]-(n1:Place)<-[r2:TOOK_PLACE_IN]-(e)', known: ['r1', 'n1', 'r2'] },
  { pattern: '(x)<-[r1:PRODUCED|CONCERNS]-(e)', known: ['r1'] },
  {
    pattern: '(x)-[r1:PARTY_TO|SIGNED]->(n1:Agreement)<-[r2:PRODUCED|CONCERNS]-(e)',
    known: ['r1', 'n1', 'r2'],
  },
];

/** The conditions of a pattern: its own, and as of a day what must be known then. */
function patternConditions(involvement: (typeof INVOLVEMENT_PATTERNS)[number], asOf: boolean): string[] {
  return [...(involvement.where ? [involvement.where(asOf)] : []), ...(asOf ? involvement.known.map(knownAsOf) : [])];
}

/** The events the entities bound by `UNWIND … AS entityId` are involved in, expanded from them. */
function involvedEvents(idsParameter: string, asOf: boolean): string {
  const union = INVOLVEMENT_PATTERNS.map((involvement) => {
    const conditions = patternConditions(involvement, asOf);
    return `WITH x MATCH ${involvement.pattern.replace('(e)', '(e:Event)')}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''} RETURN e`;
  }).join(' UNION ');
  return `UNWIND ${idsParameter} AS entityId MATCH (x:Entity {id: entityId})${asOf ? ` WHERE ${knownAsOf('x')}` : ''} CALL { ${union} } WITH DISTINCT e`;
}

/** Whether event `e` involves the entity whose id passes `idTest` (a predicate on `x.id`). */
function involves(idTest: string, asOf: boolean): string {
  return `(${INVOLVEMENT_PATTERNS.map(
    (involvement) =>
      `EXISTS { MATCH ${involvement.pattern.replace('(x)', '(x:Entity)')} WHERE ${[idTest, ...(asOf ? [knownAsOf('x')] : []), ...patternConditions(involvement, asOf)].join(' AND ')} }`,
  ).join(' OR ')})`;
}

/**
 * The entity filter as a predicate on `e`. ALL is one involvement test per entity, by its index in
 * `$entityIds` (never skipping `skip`, the anchor the events were expanded from): the same tests
 * inside `all(entityId IN $entityIds WHERE …)` took Neo4j about 10 s to plan on two cores, longer
 * than the query timeout, where these take a quarter of that for three entities.
 */
function entityPredicate(criteria: TimelineCriteria, skip: string | null = null): string[] {
  const asOf = criteria.asOf !== null;
  if (criteria.entityMatch !== 'ALL') return [involves('x.id IN $entityIds', asOf)];
  return (criteria.entityIds ?? []).flatMap((id, index) =>
    id === skip ? [] : [involves(`x.id = $entityIds[${index}]`, asOf)],
  );
}

/** Type and place filters; as of a day, with the type then and the places known then. */
function otherPredicates(criteria: TimelineCriteria, fields: EventFields): string[] {
  const asOf = criteria.asOf !== null;
  const known = (...names: string[]) => (asOf ? names.map((name) => ` AND ${knownAsOf(name)}`).join('') : '');
  return [
    criteria.types !== null ? `${fields.type} IN $types` : '',
    criteria.placeId === null
      ? ''
      : asOf
        ? `EXISTS { MATCH (e)-[t:TOOK_PLACE_IN]->(p:Entity) WHERE (p.id = $placeId OR EXISTS { MATCH (p)-[l:LOCATED_IN]->(c:Entity {id: $placeId}) WHERE${known('l', 'c').slice(4)} })${known('t', 'p')} }`
        : `EXISTS { MATCH (e)-[:TOOK_PLACE_IN]->(p:Entity) WHERE p.id = $placeId OR EXISTS { (p)-[:LOCATED_IN]->(:Entity {id: $placeId}) } }`,
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

/** One query of the selection: Cypher ending in a WHERE on `e`, and the key it orders `e` by. */
export interface SelectionBranch {
  readonly cypher: string;
  readonly key: string;
}

/**
 * The queries whose union is the selection (the caller adds RETURN). `after`: the cursor's
 * comparison with `$afterKey`, if any. Entities that are not hubs are expanded into their events;
 * otherwise the range index on timelineKey provides the order (so the work per page does not grow
 * with the corpus), with two more branches for a period that events may overlap: whole-year events
 * of `from`'s year, which start before the key floor, and disputed events, which a claimed date may
 * put in the period. As of a day, the indexed branches leave out revised events (whose key may then
 * differ from the stored one), which one more branch reads with their fields as of then.
 */
export function selectionBranches(
  criteria: TimelineCriteria,
  plan: SelectionPlan,
  after: '>' | '<' | null,
): SelectionBranch[] {
  const asOf = criteria.asOf !== null;
  const where = (predicates: readonly string[]) => (predicates.length > 0 ? `WHERE ${predicates.join(' AND ')}` : '');
  const cursor = (key: string) => (after ? [`${key} ${after} $afterKey`] : []);
  const entities = criteria.entityIds ? entityPredicate(criteria) : [];
  if (criteria.entityIds && !plan.hub) {
    // Expanded events are sorted anyway: their fields as of the day, whichever they are.
    const fields = asOf ? asOfEventFields('e') : currentEventFields('e');
    const anchor = criteria.entityMatch === 'ALL' ? '[$anchorId]' : '$entityIds';
    const allOthers = criteria.entityMatch === 'ALL' ? entityPredicate(criteria, plan.anchorId) : [];
    const predicates = [
      ...cursor(fields.key),
      ...(asOf ? [knownAsOf('e')] : []),
      ...otherPredicates(criteria, fields),
      ...allOthers,
      ...periodPredicate('e', criteria, asOf),
    ];
    return [{ cypher: `${involvedEvents(anchor, asOf)} ${where(predicates)}`, key: fields.key }];
  }
  const stored = currentEventFields('e');
  const rest = [
    ...cursor(stored.key),
    ...(asOf ? [knownAsOf('e'), 'NOT e:Revised'] : []),
    ...otherPredicates(criteria, stored),
    ...entities,
  ];
  const indexed = (branches: readonly string[]) => branches.map((cypher) => ({ cypher, key: stored.key }));
  const revisedBranch = () => {
    const fields = asOfEventFields('e');
    const predicates = [
      ...cursor(fields.key),
      knownAsOf('e'),
      ...otherPredicates(criteria, fields),
      ...entities,
      ...periodPredicate('e', criteria, true),
    ];
    return asOf ? [{ cypher: `MATCH (e:Revised) ${where(predicates)}`, key: fields.key }] : [];
  };
  if (!hasPeriod(criteria)) return [...indexed([`MATCH (e:Event) ${where(rest)}`]), ...revisedBranch()];
  const resolved = [...rest, ...resolvedInPeriod('e', criteria)];
  if (criteria.match === 'WITHIN') {
    return [
      ...indexed([
        `MATCH (e:Event) ${where([...resolved, ...keyBounds(criteria), `(NOT e:Disputed OR ${claimsInPeriod('e', criteria, asOf)})`])}`,
      ]),
      ...revisedBranch(),
    ];
  }
  return [
    ...indexed([
      `MATCH (e:Event) ${where([...resolved, ...keyBounds(criteria)])}`,
      ...(criteria.fromDay !== null
        ? [`MATCH (e:Event) ${where([...resolved, 'e.timelineKey STARTS WITH $yearKey'])}`]
        : []),
      `MATCH (e:Disputed) ${where([...rest, claimsInPeriod('e', criteria, asOf)])}`,
    ]),
    ...revisedBranch(),
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
    asOf: criteria.asOf,
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
