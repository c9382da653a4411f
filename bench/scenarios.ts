/** The benchmark scenarios, each the same question asked of our API, of raw Cypher, and of the peer. */
import { searchTerms, toLuceneQuery } from '../src/services/search-query';
import { COUNTRIES, LAST_NAMES } from '../src/synth/names';

export interface Landmarks {
  readonly rare: string;
  readonly farA: string;
  readonly farB: string;
  readonly searchTerm: string;
}

export interface GraphqlCall {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly ours: GraphqlCall;
  /** Path and query string of the raw server. */
  readonly raw: string;
  readonly peer: GraphqlCall;
}

const OUR_PAGE = `pageInfo { hasNextPage endCursor } edges { cursor node { id title date { iso precision } place { id name } participants { role entity { id name } } evidence { quote start end source { id title } } } }`;
const PEER_PAGE = `pageInfo { hasNextPage endCursor } edges { node { id title dateIso datePrecision evidence place { id name } participantsConnection { edges { properties { role } node { id name } } } } }`;

/**
 * A three-word question about events, who-what-where, as an analyst types it ("Putin visit
 * Pyongyang"): a person's surname, a type and a capital of the synthetic corpus.
 */
export const EVENT_SEARCH = `${LAST_NAMES[3]} visit ${(COUNTRIES[0] as readonly [string, string])[1]}`;

/** The as-of scenarios' day: synthetic sources are published evenly over 1995–2024 (src/synth/generate.ts). */
export const AS_OF_DAY = '2010-01-01';

/** A head of state: rank 0 of the Zipf participation, in a large share of all events. */
export const HUB_PERSON = 'syn-person-0';

/** Rank 1 of the same distribution: the hub with which the first shares the most events. */
const SECOND_HUB = 'syn-person-1';

/**
 * The peer's search: our first Lucene query (every word, whole, as a prefix, within typos, and the
 * compact name spans), so both ask the index the same question. What the peer still does not do
 * is ours' second query (any word) when fewer than a page hold every word, and the ranking by
 * match tier; the raw server does the first, not the second.
 */
function peerSearch(text: string): GraphqlCall {
  return {
    query: 'query ($q: String!) { searchNodes(query: $q, limit: 30) { id score } }',
    variables: { q: toLuceneQuery(searchTerms(text, new Set()), 'all') },
  };
}

/**
 * Where the peer is asked for less than ours does, said beside its ratio in the report: its
 * generated API cannot run ours' search (a second query, and the ranking in the service).
 */
export const PEER_DOES_LESS: ReadonlyMap<string, string> = new Map(
  ['search', 'search-event'].map((name) => [
    name,
    "the peer sends ours' first Lucene query only and returns ids and scores: not ours' second query (any word, when fewer than 10 hits hold every word), nor reading the 30 nodes' properties, nor the ranking by match tier",
  ]),
);

/** Up to 3 shortest paths of up to 4 hops; `chronological` asks for time-respecting ones. */
function connections(name: string, description: string, [from, to]: [string, string], chronological = false): Scenario {
  return {
    name,
    description,
    ours: {
      query: `query ($a: ID!, $b: ID!) { connections(from: $a, to: $b${chronological ? ', filter: { chronological: true }' : ''}) { length nodes { id } relationships { type evidence { quote } } } }`,
      variables: { a: from, b: to },
    },
    raw: `/raw/connections?from=${from}&to=${to}&chronological=${chronological}`,
    peer: {
      query: `query ($a: ID!, $b: ID!) { ${chronological ? 'chronologicalPaths' : 'shortestPaths'}(from: $a, to: $b) { nodes types } }`,
      variables: { a: from, b: to },
    },
  };
}

/** The filter without `asOf`, which is an argument of the field, not a filter field. */
function withoutAsOf({ asOf: _asOf, ...filter }: Record<string, unknown>): Record<string, unknown> {
  return filter;
}

export function scenarios(landmarks: Landmarks): Scenario[] {
  const timeline = (
    name: string,
    description: string,
    filter: Record<string, unknown>,
    raw: string,
    peerWhere: Record<string, unknown>,
  ): Scenario => ({
    name,
    description,
    ours: {
      query: `query ($filter: TimelineFilter, $asOf: String) { timeline(filter: $filter, first: 20, asOf: $asOf) { ${OUR_PAGE} } }`,
      variables: { filter: withoutAsOf(filter), asOf: filter.asOf ?? null },
    },
    raw,
    peer: {
      query: `query ($where: EventWhere) { eventsConnection(where: $where, first: 20, sort: [{ timelineKey: ASC }]) { ${PEER_PAGE} } }`,
      variables: { where: peerWhere },
    },
  });
  return [
    timeline(
      'timeline',
      'a timeline page of 20 events with participants, place and evidence, unfiltered',
      {},
      '/raw/timeline',
      {},
    ),
    timeline(
      'timeline-hub',
      `the same page for a hub (${HUB_PERSON}, a head of state)`,
      { entityIds: [HUB_PERSON] },
      `/raw/timeline-entity?id=${HUB_PERSON}`,
      {
        participants: { some: { id: { eq: HUB_PERSON } } },
      },
    ),
    timeline(
      'timeline-rare',
      `the same page for a rare person (${landmarks.rare})`,
      { entityIds: [landmarks.rare] },
      `/raw/timeline-entity?id=${landmarks.rare}`,
      {
        participants: { some: { id: { eq: landmarks.rare } } },
      },
    ),
    timeline(
      'timeline-period',
      'the same page for the year 2010 (interval overlap)',
      { from: '2010', to: '2010' },
      '/raw/timeline-period?from=2010-01-01&to=2010-12-31',
      {
        dateLatest: { gte: '2010-01-01' },
        dateEarliest: { lte: '2010-12-31' },
      },
    ),
    // What was known when: the same pages as of a day halfway through the corpus's publications
    // (the peer filters on the stored first publication day; it has no view of what changed).
    timeline(
      'timeline-asof',
      `the unfiltered page as of ${AS_OF_DAY} (about half the sources published)`,
      { asOf: AS_OF_DAY },
      `/raw/timeline-asof?asOf=${AS_OF_DAY}`,
      { knownFrom: { lte: AS_OF_DAY } },
    ),
    timeline(
      'timeline-hub-asof',
      `the hub's page (${HUB_PERSON}) as of ${AS_OF_DAY}`,
      { entityIds: [HUB_PERSON], asOf: AS_OF_DAY },
      `/raw/timeline-asof?asOf=${AS_OF_DAY}&id=${HUB_PERSON}`,
      { knownFrom: { lte: AS_OF_DAY }, participants: { some: { id: { eq: HUB_PERSON } } } },
    ),
    {
      name: 'search',
      description: `full-text search for "${landmarks.searchTerm}"`,
      ours: {
        query: 'query ($text: String!) { search(text: $text) { score node { id } } }',
        variables: { text: landmarks.searchTerm },
      },
      raw: `/raw/search?text=${encodeURIComponent(landmarks.searchTerm)}`,
      peer: peerSearch(landmarks.searchTerm),
    },
    {
      name: 'search-event',
      description: `event search by who, what and where: "${EVENT_SEARCH}" (every word first, then any word)`,
      ours: {
        query: 'query ($text: String!) { search(text: $text) { score matchedOn node { id } } }',
        variables: { text: EVENT_SEARCH },
      },
      raw: `/raw/search?text=${encodeURIComponent(EVENT_SEARCH)}`,
      peer: peerSearch(EVENT_SEARCH),
    },
    connections('connections', `shortest paths between two rare people (${landmarks.farA}, ${landmarks.farB})`, [
      landmarks.farA,
      landmarks.farB,
    ]),
    connections('connections-hub', `from a hub (${HUB_PERSON}) to a rare person (${landmarks.farB})`, [
      HUB_PERSON,
      landmarks.farB,
    ]),
    connections('connections-hub-reverse', `from a rare person (${landmarks.farB}) to a hub (${HUB_PERSON})`, [
      landmarks.farB,
      HUB_PERSON,
    ]),
    connections('connections-hubs', `between the two largest hubs (${HUB_PERSON}, ${SECOND_HUB})`, [
      HUB_PERSON,
      SECOND_HUB,
    ]),
    connections(
      'connections-chronological',
      `time-respecting paths from a hub (${HUB_PERSON}) to a rare person (${landmarks.farB})`,
      [HUB_PERSON, landmarks.farB],
      true,
    ),
    {
      name: 'neighborhood',
      description: `depth-2 neighbourhood (100 nodes) of ${landmarks.rare}`,
      ours: {
        query:
          'query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) { nodes { id label } relationships { type from to } } }',
        variables: { id: landmarks.rare },
      },
      raw: `/raw/neighborhood?id=${landmarks.rare}`,
      peer: { query: 'query ($id: ID!) { neighbourIds(id: $id, limit: 100) }', variables: { id: landmarks.rare } },
    },
  ];
}

/** Every scenario's name, to check `--scenarios` before a corpus starts (names do not depend on the landmarks). */
export const SCENARIO_NAMES: readonly string[] = scenarios({ rare: '', farA: '', farB: '', searchTerm: '' }).map(
  ({ name }) => name,
);
