import neo4j from 'neo4j-driver';
import type { EntityLabel } from '../domain/model';
import { decodeEvidenceList } from '../domain/evidence';
import { claimTextsAsOf } from '../domain/as-of';
import type { AgreementPartyModel, EntityModel, NodeModel, RelationshipModel, SourceModel } from '../domain/types';
import type { Database } from '../neo4j/database';
import { knownAsOf } from './as-of-cypher';
import { entityAsOf, nodeAsOf, relationshipAsOf } from './as-of-view';
import {
  NODE_PROJECTION,
  RELATIONSHIP_PROJECTION,
  SOURCE_PROJECTION,
  toEntityModel,
  toSourceModel,
} from './node-mapper';

/**
 * Entities and events by id, in one round trip; an id another bundle gave a merged node (a
 * redirect) finds that node. Ids not found are absent from the map.
 */
export async function findNodesByIds(
  database: Database,
  ids: readonly string[],
  /** As of this day (src/domain/as-of.ts): nodes not known then are absent. */
  asOf: string | null = null,
): Promise<Map<string, NodeModel>> {
  return database.read('nodes-by-id', async (tx) => {
    const result = await tx.run(
      `UNWIND $ids AS id
       OPTIONAL MATCH (entity:Entity {id: id})
       OPTIONAL MATCH (event:Event {id: id})
       OPTIONAL MATCH (:Redirect {id: id})-[:SAME_AS]->(redirected)
       WITH id, coalesce(entity, event, redirected) AS n
       WHERE n IS NOT NULL${asOf === null ? '' : ` AND ${knownAsOf('n')}`}
       RETURN id, ${NODE_PROJECTION('n', asOf !== null)} AS node`,
      { ids, asOf },
    );
    return new Map(
      result.records.flatMap((record) => {
        const node = nodeAsOf(record.get('node'), asOf);
        return node ? [[record.get('id') as string, node] as const] : [];
      }),
    );
  });
}

/**
 * A page of entities ordered by id, after the given id. `label` comes from the model's whitelist
 * (EntityKind → label), so it is spliced to let the per-label index serve the query.
 */
export async function listEntities(
  database: Database,
  label: EntityLabel | 'Entity',
  afterId: string,
  limit: number,
  asOf: string | null = null,
): Promise<EntityModel[]> {
  return database.read('entity-list', async (tx) => {
    const result = await tx.run(
      `MATCH (n:${label}) WHERE n.id > $afterId${asOf === null ? '' : ` AND ${knownAsOf('n')}`}
       RETURN ${NODE_PROJECTION('n', asOf !== null)} AS node ORDER BY n.id LIMIT $limit`,
      { afterId, limit: neo4j.int(limit), asOf },
    );
    return result.records.map((record) => entityAsOf(record.get('node'), asOf) as EntityModel);
  });
}

export async function findSourcesByIds(database: Database, ids: readonly string[]): Promise<Map<string, SourceModel>> {
  return database.read('sources-by-id', async (tx) => {
    const result = await tx.run(`MATCH (s:Source) WHERE s.id IN $ids RETURN ${SOURCE_PROJECTION('s')} AS source`, {
      ids,
    });
    return new Map(
      result.records.map((record) => {
        const source = toSourceModel(record.get('source'));
        return [source.id, source];
      }),
    );
  });
}

/** The stored claims of entities and events by id (one JSON string per source); as of a day, those published by then. */
export async function findNodeClaims(
  database: Database,
  ids: readonly string[],
  asOf: string | null = null,
): Promise<Map<string, string[]>> {
  return database.read('node-claims', async (tx) => {
    const result = await tx.run(
      `UNWIND $ids AS id
       OPTIONAL MATCH (entity:Entity {id: id})
       OPTIONAL MATCH (event:Event {id: id})
       WITH id, coalesce(entity, event) AS n WHERE n IS NOT NULL
       RETURN id, coalesce(n.claims, []) AS claims`,
      { ids },
    );
    return new Map(
      result.records.map((record) => {
        const claims = record.get('claims') as string[];
        return [record.get('id') as string, asOf === null ? claims : claimTextsAsOf(claims, asOf)];
      }),
    );
  });
}

/** The organizations each source CITES, by source id. */
export async function findSourceCitations(
  database: Database,
  ids: readonly string[],
): Promise<Map<string, EntityModel[]>> {
  return database.read('source-citations', async (tx) => {
    const result = await tx.run(
      `UNWIND $ids AS id
       MATCH (s:Source {id: id})
       RETURN id, [(s)-[:CITES]->(o:Entity) | ${NODE_PROJECTION('o')}] AS cited`,
      { ids },
    );
    return new Map(
      result.records.map((record) => [
        record.get('id') as string,
        (record.get('cited') as unknown[]).map(toEntityModel),
      ]),
    );
  });
}

/** Who signed each agreement and who is bound by it, with the evidence, by agreement id. */
export async function findAgreementParties(
  database: Database,
  ids: readonly string[],
  asOf: string | null = null,
): Promise<Map<string, AgreementPartyModel[]>> {
  return database.read('agreement-parties', async (tx) => {
    const known = asOf === null ? '' : ` WHERE ${knownAsOf('x')} AND ${knownAsOf('r')}`;
    const result = await tx.run(
      `UNWIND $ids AS id
       MATCH (a:Agreement {id: id})
       RETURN id, [(x:Entity)-[r:SIGNED|PARTY_TO]->(a)${known} | {type: type(r), entity: ${NODE_PROJECTION('x', asOf !== null)}, evidence: r.evidence, relation: ${RELATIONSHIP_PROJECTION('r', asOf !== null)}}] AS parties`,
      { ids, asOf },
    );
    return new Map(
      result.records.map((record) => [
        record.get('id') as string,
        (record.get('parties') as { type: string; entity: unknown; evidence: unknown; relation: unknown }[])
          .map((party) => ({
            role: party.type === 'SIGNED' ? ('signatory' as const) : ('party' as const),
            entity: entityAsOf(party.entity, asOf) as EntityModel,
            evidence:
              asOf === null
                ? decodeEvidenceList(party.evidence)
                : (relationshipAsOf(party.relation, asOf) as RelationshipModel).evidence,
          }))
          .sort((a, b) => a.entity.name.localeCompare(b.entity.name)),
      ]),
    );
  });
}

/**
 * When this graph recorded each claim (record time, an ISO instant), by `sourceId|nodeId`: the
 * source keeps one per node it claims (ingest/apply-source.ts); null where it was not kept.
 */
export async function findClaimRecordTimes(database: Database, keys: readonly string[]): Promise<Map<string, string>> {
  const pairs = keys.map((key) => {
    const [sourceId, nodeId] = key.split('|') as [string, string];
    return { key, sourceId, nodeId };
  });
  return database.read('claim-record-times', async (tx) => {
    const result = await tx.run(
      `UNWIND $pairs AS pair
       MATCH (s:Source {id: pair.sourceId})
       WITH pair, [i IN range(0, size(coalesce(s.nodeIds, [])) - 1) WHERE s.nodeIds[i] = pair.nodeId | s.nodeRecordedAt[i]][0] AS recorded
       WHERE recorded IS NOT NULL AND recorded <> ''
       RETURN pair.key AS key, recorded`,
      { pairs },
    );
    return new Map(result.records.map((record) => [record.get('key') as string, record.get('recorded') as string]));
  });
}
