/**
 * The peer: the same graph served by @neo4j/graphql (the library users would reach for), with
 * type definitions mapped onto our labels, properties and relationship types. Read-only.
 */
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
`;
