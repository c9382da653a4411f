import { createCB } from 'xmlbuilder2';
import type { SubgraphModel } from '../domain/types';
import {
  graphElements,
  type GraphEdgeColumns,
  type GraphNodeColumns,
  type NeighbourhoodRequest,
} from './graph-elements';

const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** GraphML keys: Gephi and yEd show `label`; the others become columns. */
const NODE_KEYS: readonly (keyof GraphNodeColumns)[] = [
  'label',
  'nodeLabel',
  'kind',
  'date',
  'precision',
  'firstDay',
  'lastDay',
];
const EDGE_KEYS: readonly (keyof GraphEdgeColumns)[] = ['type', 'role', 'quotes'];

/**
 * A neighbourhood as GraphML 1.0 (http://graphml.graphdrawing.org/specification.html), directed
 * edges as the relationships run, every attribute a declared string `<key>`; the graph's own data
 * say what was asked and whether the node limit was reached. Written piece by piece, in order.
 */
export function graphMl(subgraph: SubgraphModel, request: NeighbourhoodRequest): string[] {
  const { nodes, edges, limitReached, description } = graphElements(subgraph, request);
  const chunks: string[] = [];
  const xml = createCB({ data: (chunk: string) => chunks.push(chunk), prettyPrint: true });
  const root = xml
    .dec({ version: '1.0', encoding: 'UTF-8' })
    .ele(GRAPHML_NS, 'graphml')
    .att(XSI_NS, 'xsi:schemaLocation', `${GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd`);
  root.ele('desc').txt(description).up();
  root.ele('key', { id: 'g_limitReached', for: 'graph', 'attr.name': 'limitReached', 'attr.type': 'boolean' }).up();
  for (const key of NODE_KEYS)
    root.ele('key', { id: `n_${key}`, for: 'node', 'attr.name': key, 'attr.type': 'string' }).up();
  for (const key of EDGE_KEYS)
    root.ele('key', { id: `e_${key}`, for: 'edge', 'attr.name': key, 'attr.type': 'string' }).up();
  const graph = root.ele('graph', { id: request.id, edgedefault: 'directed' });
  graph.ele('data', { key: 'g_limitReached' }).txt(String(limitReached)).up();
  for (const node of nodes) {
    const element = graph.ele('node', { id: node.id });
    for (const key of NODE_KEYS)
      if (node[key])
        element
          .ele('data', { key: `n_${key}` })
          .txt(node[key])
          .up();
    element.up();
  }
  for (const edge of edges) {
    const element = graph.ele('edge', { id: edge.id, source: edge.source, target: edge.target });
    for (const key of EDGE_KEYS)
      if (edge[key])
        element
          .ele('data', { key: `e_${key}` })
          .txt(edge[key])
          .up();
    element.up();
  }
  graph.up();
  root.up();
  xml.end();
  return chunks;
}
