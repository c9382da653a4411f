/** Example operations: preloaded in GraphiQL, shown in README, run by the tests. */
export const EXAMPLE_QUERIES: readonly { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'Timeline',
    query: `# Every event in date order, with who took part, where, and the quoted evidence.
query Timeline {
  timeline(first: 20) {
    totalCount
    edges {
      cursor
      node {
        id
        title
        type
        date { iso precision inferred }
        place { name }
        participants { role entity { name kind } }
        evidence { quote source { url } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
  {
    name: 'July 2024 in Pyongyang',
    query: `# Periods match by overlap: the month-precision July visit matches 2024-07-18.
query July {
  timeline(filter: { from: "2024-07-18", to: "2024-07-18", placeId: "pyongyang" }) {
    nodes { title date { iso precision } }
  }
}`,
  },
  {
    name: 'Putin and Kim together',
    query: `# ALL: events that involve every listed entity; WITHIN: known to fall inside the period.
query Together {
  timeline(filter: { entityIds: ["kim-jong-un", "vladimir-putin"], entityMatch: ALL, from: "2024-06", to: "2024-06", match: WITHIN }) {
    totalCount
    nodes { title date { iso } }
  }
}`,
  },
  {
    name: 'Kim Jong Un',
    query: `query Kim {
  entity(id: "kim-jong-un") {
    name
    aliases
    ... on Person {
      timeline(order: DESC) { nodes { date { iso } title } }
    }
  }
}`,
  },
  {
    name: 'Search',
    query: `# Accent-, case- and hyphen-insensitive, prefixes match.
query Search {
  search(text: "Krivo") { score node { id label ... on Entity { name } ... on Event { title } } }
  typo: search(text: "krivoruchco", first: 1) { score node { id } }
  didYouMean(text: "Kremlin Putyn")
}`,
  },
  {
    name: 'Connections',
    query: `# How is the Russian deputy defence minister connected to the Russian president?
query Connections {
  connections(from: "alexei-krivoruchko", to: "vladimir-putin") {
    length
    explanation
    nodes { id label }
    relationships { type from to evidence { quote } }
  }
}`,
  },
  {
    name: 'Connections through time',
    query: `# How did the North Korean delegation come to meet Krivoruchko? Events from July 2024 on, each
# no earlier than the one before it.
query ConnectionsThroughTime {
  connections(
    from: "north-korean-military-delegation-2024-07"
    to: "alexei-krivoruchko"
    maxHops: 4
    filter: { from: "2024-07", chronological: true }
  ) {
    length
    explanation
    nodes { id label ... on Event { date { iso precision } } }
  }
}`,
  },
  {
    name: 'Every source of the treaty signing',
    query: `# Each source's date, title and quotes stay readable; disputed when their dates conflict.
query Sources {
  event(id: "2024-06-19-partnership-treaty-signing") {
    title
    disputed
    date { iso inferred }
    dateClaims { date { iso inferred note } source { id title published { iso } } evidence { quote } }
    claims { source { id language } title }
    participants { role title entity { name } }
  }
}`,
  },
  {
    name: 'Neighbourhood of the treaty',
    query: `query Treaty {
  neighborhood(id: "comprehensive-strategic-partnership-treaty", depth: 1) {
    nodes { id label }
    relationships { type from to }
  }
}`,
  },
];
