/**
 * The peer: the same graph served by @neo4j/graphql (the library users would reach for), with
 * type definitions mapped onto our labels, properties and relationship types. Read-only.
 */
/** String comparisons are off by default; the as-of scenarios compare publication days (ISO strings). */
export const PEER_FEATURES = { filters: { String: { LT: true, LTE: true, GT: true, GTE: true } } };

export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Event @node @query(read: true, aggregate: true) @mutation(operations: []) {
    id: ID!
    title: String!
    type: String!
    dateIso: String!
    datePrecision: String!
    dateEarliest: Date!
    dateLatest: Date!
    timelineKey: String!
    "The first day a source of the event was published (as-of reads)."
    knownFrom: String
    evidence: [String!]!
    participants: [Person!]! @relationship(type: "PARTICIPATED_IN", direction: IN, properties: "Participation")
    place: [Place!]! @relationship(type: "TOOK_PLACE_IN", direction: OUT)
  }

  type Participation @relationshipProperties {
    role: String
  }

  type Person @node(labels: ["Person", "Entity"]) @query(read: true, aggregate: true) @mutation(operations: []) {
    id: ID!
    name: String!
    aliases: [String!]!
    events: [Event!]! @relationship(type: "PARTICIPATED_IN", direction: OUT, properties: "Participation")
  }

  type Place @node(labels: ["Place", "Entity"]) @query(read: true, aggregate: true) @mutation(operations: []) {
    id: ID!
    name: String!
    events: [Event!]! @relationship(type: "TOOK_PLACE_IN", direction: IN)
  }

  type SearchResult {
    id: ID!
    score: Float!
  }

  type PathResult {
    nodes: [ID!]!
    types: [String!]!
  }

  # What the generated API cannot express is written as @cypher fields with our own Cypher.
  type Query {
    searchNodes(query: String!, limit: Int!): [SearchResult!]!
      @cypher(
        statement: """
        CALL db.index.fulltext.queryNodes('node_search', $query, {limit: $limit}) YIELD node, score
        RETURN {id: node.id, score: score} AS result
        """
        columnName: "result"
      )
    shortestPaths(from: ID!, to: ID!): [PathResult!]!
      @cypher(
        statement: """
        MATCH (a:Entity|Event {id: $from}), (b:Entity|Event {id: $to})
        MATCH p = SHORTEST 3 (a) (()-[:PARTICIPATED_IN|TOOK_PLACE_IN|PRODUCED|REFERENCES|PART_OF|REPORTED_BY|CONCERNS|LED_BY|MEMBER_OF|REPRESENTS|LOCATED_IN|BORDERS|CROSSES|SIGNED|PARTY_TO]-(n) WHERE n = b OR COUNT { (n)--() } <= 1000){1,4} (b)
        RETURN {nodes: [x IN nodes(p) | x.id], types: [r IN relationships(p) | type(r)]} AS result
        """
        columnName: "result"
      )
    chronologicalPaths(from: ID!, to: ID!): [PathResult!]!
      @cypher(
        statement: """
        MATCH (a:Entity|Event {id: $from}), (b:Entity|Event {id: $to})
        MATCH p = SHORTEST 3 (a) (()-[:PARTICIPATED_IN|TOOK_PLACE_IN|PRODUCED|REFERENCES|PART_OF|REPORTED_BY|CONCERNS|LED_BY|MEMBER_OF|REPRESENTS|LOCATED_IN|BORDERS|CROSSES|SIGNED|PARTY_TO]-(n) WHERE n = b OR COUNT { (n)--() } <= 1000){1,4} (b)
          WHERE all(i IN range(0, size([x IN nodes(p) WHERE x:Event]) - 2) WHERE [x IN nodes(p) WHERE x:Event][i].dateEarliest <= [x IN nodes(p) WHERE x:Event][i + 1].dateEarliest)
        RETURN {nodes: [x IN nodes(p) | x.id], types: [r IN relationships(p) | type(r)]} AS result
        """
        columnName: "result"
      )
    neighbourIds(id: ID!, limit: Int!): [ID!]!
      @cypher(
        statement: """
        MATCH (s:Entity|Event {id: $id})
        MATCH (s)-[:PARTICIPATED_IN|TOOK_PLACE_IN|PRODUCED|REFERENCES|PART_OF|REPORTED_BY|CONCERNS|LED_BY|MEMBER_OF|REPRESENTS|LOCATED_IN|BORDERS|CROSSES|SIGNED|PARTY_TO*1..2]-(n)
        WITH DISTINCT n LIMIT $limit
        RETURN n.id AS id
        """
        columnName: "id"
      )
  }
`;
