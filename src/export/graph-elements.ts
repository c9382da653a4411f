import type { NodeModel, SubgraphModel } from '../domain/types';
import { eventDays } from './event-days';

/** What a graph export says about a neighbourhood, beside its nodes and edges. */
export interface NeighbourhoodRequest {
  readonly id: string;
  readonly depth: number;
  readonly limit: number;
}

/** A node's columns in Gephi's data laboratory: a text label, its kind and, for an event, its dates. */
export interface GraphNodeColumns {
  readonly id: string;
  readonly label: string;
  /** Person, Organization, …, Event (the Neo4j label). */
  readonly nodeLabel: string;
  /** PERSON, COUNTRY, …; for an event its type (summit, signing, …). */
  readonly kind: string;
  readonly date: string;
  readonly precision: string;
  readonly firstDay: string;
  readonly lastDay: string;
}

export interface GraphEdgeColumns {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** The relationship type (PARTICIPATED_IN, LED_BY, …). */
  readonly type: string;
  readonly role: string;
  /** The evidence quotes, one per line. */
  readonly quotes: string;
}

function nodeColumns(node: NodeModel): GraphNodeColumns {
  if (node.label === 'Event') {
    const days = eventDays(node);
    return {
      id: node.id,
      label: node.title,
      nodeLabel: 'Event',
      kind: node.type,
      date: node.date.iso,
      precision: node.date.precision,
      firstDay: days.first,
      lastDay: days.last,
    };
  }
  return {
    id: node.id,
    label: node.name,
    nodeLabel: node.label,
    kind: node.kind,
    date: '',
    precision: '',
    firstDay: '',
    lastDay: '',
  };
}

/** The neighbourhood as rows of nodes and edges (edges numbered in order), and whether its node limit was reached. */
export function graphElements(subgraph: SubgraphModel, request: NeighbourhoodRequest) {
  return {
    nodes: subgraph.nodes.map(nodeColumns),
    edges: subgraph.relationships.map(
      (relationship, index): GraphEdgeColumns => ({
        id: `e${index}`,
        source: relationship.from,
        target: relationship.to,
        type: relationship.type,
        role: relationship.role ?? '',
        quotes: relationship.evidence.map((evidence) => evidence.quote).join('\n'),
      }),
    ),
    // The walk stops adding nodes at the limit: the neighbourhood may hold more.
    limitReached: subgraph.nodes.length >= request.limit,
    description: `Neighbourhood of ${request.id}: depth ${request.depth}, at most ${request.limit} nodes`,
  };
}
