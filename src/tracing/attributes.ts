/**
 * Span attribute names beyond the stable ones of @opentelemetry/semantic-conventions: the
 * incubating conventions are copied here, as that package advises, so that an upgrade cannot
 * rename them under us; `app.*` are this service's own.
 */
export const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
export const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
export const ATTR_DB_RESPONSE_RETURNED_ROWS = 'db.response.returned_rows';
export const DB_SYSTEM_NAME_VALUE_NEO4J = 'neo4j';

/** What the transaction is for (its QueryPurpose, as in Neo4j's transaction metadata). */
export const ATTR_APP_QUERY_PURPOSE = 'app.query.purpose';
/** read, write, or rehearse (a write that is always rolled back). */
export const ATTR_APP_TRANSACTION_MODE = 'app.transaction.mode';
/** The source ids of the bundles a load writes or a retraction removes. */
export const ATTR_APP_SOURCE_IDS = 'app.source.ids';
export const ATTR_APP_DRY_RUN = 'app.dry_run';
