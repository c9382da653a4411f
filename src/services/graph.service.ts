import { ENTITY_LABELS, type EntityLabel } from '../domain/model';
import type { EntityModel, PathModel, SubgraphModel } from '../domain/types';
import { badUserInput, notFound } from '../errors';
import type { Database } from '../neo4j/database';
import { expandNeighborhood, findShortestPaths } from '../repositories/graph.repository';
import { listEntities } from '../repositories/node.repository';
import { boundedInt, LIMITS } from './limits';
import { toPeriod } from './timeline.service';

/** Which paths `connections` may return. */
export interface ConnectionFilterInput {
  /** Intermediate events must overlap this period (YYYY, YYYY-MM or YYYY-MM-DD). */
  readonly from?: string | null;
  readonly to?: string | null;
  /** Each event on the path no earlier than the previous one, from `from` to `to`. */
  readonly chronological?: boolean | null;
}

export interface GraphSettings {
  /** Intermediate nodes with more relationships than this are not walked through by connections. */
  readonly hubDegree: number;
  /** Transaction timeout of a connections query. */
  readonly connectionsTimeoutMs: number;
}

const LABEL_OF_KIND = Object.fromEntries(ENTITY_LABELS.map((label) => [label.toUpperCase(), label])) as Record<
  string,
  EntityLabel
>;

/** Entity listings, connections between two nodes and neighbourhoods. */
export class GraphService {
  constructor(
    private readonly database: Database,
    private readonly settings: GraphSettings,
  ) {}

  async entities(
    kind: string | null | undefined,
    firstArg: number | null | undefined,
    after: string | null | undefined,
    asOf: string | null = null,
  ): Promise<EntityModel[]> {
    const first = boundedInt(firstArg, LIMITS.entities, 'first');
    const label = kind ? LABEL_OF_KIND[kind] : 'Entity';
    if (!label) throw badUserInput(`unknown kind ${kind}`, 'kind');
    return listEntities(this.database, label, after ?? '', first, asOf);
  }

  async connections(
    fromId: string,
    toId: string,
    maxHopsArg: number | null | undefined,
    firstArg: number | null | undefined,
    filter: ConnectionFilterInput | null | undefined = null,
    asOf: string | null = null,
  ): Promise<PathModel[]> {
    const maxHops = boundedInt(maxHopsArg, LIMITS.maxHops, 'maxHops');
    const paths = boundedInt(firstArg, LIMITS.connections, 'first');
    const period = filter && (filter.from != null || filter.to != null) ? toPeriod(filter.from, filter.to) : null;
    const {
      paths: found,
      fromExists,
      toExists,
    } = await findShortestPaths(this.database, {
      fromId,
      toId,
      maxHops,
      paths,
      hubDegree: this.settings.hubDegree,
      timeoutMs: this.settings.connectionsTimeoutMs,
      period,
      chronological: filter?.chronological === true,
      asOf,
    });
    if (!fromExists) throw notFound(`no entity or event has id "${fromId}"`, fromId);
    if (!toExists) throw notFound(`no entity or event has id "${toId}"`, toId);
    return found;
  }

  async neighborhood(
    id: string,
    depthArg: number | null | undefined,
    limitArg: number | null | undefined,
    asOf: string | null = null,
  ): Promise<SubgraphModel> {
    const depth = boundedInt(depthArg, LIMITS.neighborhoodDepth, 'depth');
    const limit = boundedInt(limitArg, LIMITS.neighborhoodLimit, 'limit');
    const subgraph = await expandNeighborhood(this.database, id, depth, limit, asOf);
    if (!subgraph) throw notFound(`no entity or event has id "${id}"`, id);
    return subgraph;
  }
}
