import { createCB } from 'xmlbuilder2';
import type { SubgraphModel } from '../domain/types';
import { graphElements, type NeighbourhoodRequest } from './graph-elements';

const GEXF_NS = 'http://www.gexf.net/1.2draft';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

const NODE_ATTRIBUTES = ['nodeLabel', 'kind', 'date', 'precision'] as const;
const EDGE_ATTRIBUTES = ['type', 'role', 'quotes'] as const;

/**
 * A neighbourhood as GEXF 1.2 (Gephi's own format): a dynamic graph whose event nodes live from
 * their first to their last day, so Gephi's timeline can play the events; entities have no
 * interval and are always shown. Node and edge columns are declared string attributes.
 */
export function gexf(subgraph: SubgraphModel, request: NeighbourhoodRequest, generatedOn: string): string[] {
  const { nodes, edges, limitReached, description } = graphElements(subgraph, request);
  const chunks: string[] = [];
  const xml = createCB({ data: (chunk: string) => chunks.push(chunk), prettyPrint: true });
  const root = xml
    .dec({ version: '1.0', encoding: 'UTF-8' })
    .ele(GEXF_NS, 'gexf', { version: '1.2' })
    .att(XSI_NS, 'xsi:schemaLocation', `${GEXF_NS} http://www.gexf.net/1.2draft/gexf.xsd`);
  root
    .ele('meta', { lastmodifieddate: generatedOn })
    .ele('creator')
    .txt('event-timeline-graph')
    .up()
    .ele('description')
    .txt(`${description}${limitReached ? ' (limit reached: the neighbourhood may hold more)' : ''}`)
    .up()
    .up();
  const graph = root.ele('graph', { defaultedgetype: 'directed', mode: 'dynamic', timeformat: 'date' });
  const nodeAttributes = graph.ele('attributes', { class: 'node', mode: 'static' });
  NODE_ATTRIBUTES.forEach((title, index) =>
    nodeAttributes.ele('attribute', { id: String(index), title, type: 'string' }).up(),
  );
  nodeAttributes.up();
  const edgeAttributes = graph.ele('attributes', { class: 'edge', mode: 'static' });
  EDGE_ATTRIBUTES.forEach((title, index) =>
    edgeAttributes.ele('attribute', { id: String(index), title, type: 'string' }).up(),
  );
  edgeAttributes.up();
  const nodesElement = graph.ele('nodes', { count: String(nodes.length) });
  for (const node of nodes) {
    const element = nodesElement.ele('node', {
      id: node.id,
      label: node.label,
      ...(node.firstDay ? { start: node.firstDay, end: node.lastDay } : {}),
    });
    const values = element.ele('attvalues');
    NODE_ATTRIBUTES.forEach((title, index) => {
      if (node[title]) values.ele('attvalue', { for: String(index), value: node[title] }).up();
    });
    values.up();
    element.up();
  }
  nodesElement.up();
  const edgesElement = graph.ele('edges', { count: String(edges.length) });
  for (const edge of edges) {
    const element = edgesElement.ele('edge', {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      label: edge.type,
    });
    const values = element.ele('attvalues');
    EDGE_ATTRIBUTES.forEach((title, index) => {
      if (edge[title]) values.ele('attvalue', { for: String(index), value: edge[title] }).up();
    });
    values.up();
    element.up();
  }
  edgesElement.up();
  graph.up();
  root.up();
  xml.end();
  return chunks;
}
