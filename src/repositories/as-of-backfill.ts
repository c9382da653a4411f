import type { ManagedTransaction } from 'neo4j-driver';
import {
  decodeEntityClaim,
  decodeEventClaim,
  decodeRelationshipClaim,
  resolveEntity,
  resolveEvent,
  resolveRelationship,
} from '../domain/claims';
import type { Database } from '../neo4j/database';
import { entityProperties, eventProperties, relationshipProperties } from './stored-properties';

const BATCH = 2_000;

/** What as-of reads need beside the view (stored-properties.ts), by what carries it. */
const ENTITY_FIELDS = ['knownFrom'] as const;
const EVENT_FIELDS = [
  'knownFrom',
  'claimPublished',
  'revisionDays',
  'revisionKeys',
  'revisionEarliest',
  'revisionLatest',
  'revisionTypes',
  'revisionDisputed',
] as const;
const RELATIONSHIP_FIELDS = ['knownFrom', 'revisionDays', 'revisionSince', 'revisionUntil'] as const;

const pick = (props: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.map((field) => [field, props[field] ?? null]));

/**
 * Computes `knownFrom` and the revision lists once for a graph stored before as-of reads existed,
 * from the claims every node and relationship already holds, in batches of BATCH.
 */
export async function backfillAsOf(database: Database): Promise<void> {
  await eachBatch(database, 'MATCH (n:Entity) WHERE n.id > $after', 'n.id', async (tx, rows) => {
    const props = rows.map(({ id, claims }) => ({
      id,
      props: pick(entityProperties(resolveEntity(id, claims.map(decodeEntityClaim))), ENTITY_FIELDS),
    }));
    await tx.run('UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n += row.props', { rows: props });
  });
  await eachBatch(database, 'MATCH (n:Event) WHERE n.id > $after', 'n.id', async (tx, rows) => {
    const props = rows.map(({ id, claims }) => ({
      id,
      props: pick(eventProperties(resolveEvent(id, claims.map(decodeEventClaim))), EVENT_FIELDS),
    }));
    await tx.run(
      `UNWIND $rows AS row MATCH (e:Event {id: row.id}) SET e += row.props
       FOREACH (_ IN CASE WHEN row.props.revisionDays IS NOT NULL THEN [1] ELSE [] END | SET e:Revised)`,
      { rows: props },
    );
  });
  await eachBatch(
    database,
    'MATCH ()-[n]->() WHERE n.claims IS NOT NULL AND elementId(n) > $after',
    'elementId(n)',
    async (tx, rows) => {
      const props = rows.map(({ id, key, claims }) => ({
        id,
        props: pick(
          relationshipProperties(key ?? '', resolveRelationship(claims.map(decodeRelationshipClaim))),
          RELATIONSHIP_FIELDS,
        ),
      }));
      await tx.run('UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.id SET r += row.props', {
        rows: props,
      });
    },
  );
}

type Batch = { id: string; key: string | null; claims: string[] }[];

/** Pages through what `match` finds (by `order`, a unique string), BATCH at a time, in a write transaction each. */
async function eachBatch(
  database: Database,
  match: string,
  order: string,
  apply: (tx: ManagedTransaction, rows: Batch) => Promise<unknown>,
): Promise<void> {
  for (let after = ''; ; ) {
    const last = await database.write('as-of-backfill', async (tx) => {
      const result = await tx.run(
        `${match} AND size(coalesce(n.claims, [])) > 0
         WITH n ORDER BY ${order} LIMIT toInteger($limit)
         RETURN ${order} AS id, n.key AS key, n.claims AS claims`,
        { after, limit: BATCH },
      );
      const rows = result.records.map((record) => ({
        id: record.get('id') as string,
        key: record.get('key') as string | null,
        claims: record.get('claims') as string[],
      }));
      await apply(tx, rows);
      return rows.at(-1)?.id;
    });
    if (last === undefined) break;
    after = last;
  }
}
