/**
 * What a transaction is for. It names the work in Neo4j's transaction metadata (`SHOW
 * TRANSACTIONS`, the query log) and in the service's own measurements; a closed list keeps those
 * labels bounded.
 */
export type QueryPurpose =
  | 'agreement-parties'
  | 'as-of-backfill'
  | 'changes'
  | 'changes-count'
  | 'claim-record-times'
  | 'connections'
  | 'data-version'
  | 'draft-knowledge'
  | 'entity-list'
  | 'event-details'
  | 'format-migration'
  | 'history'
  | 'load'
  | 'load-dry-run'
  | 'neighborhood'
  | 'node-claims'
  | 'nodes-by-id'
  | 'retract'
  | 'schema'
  | 'search'
  | 'search-text-backfill'
  | 'source-citations'
  | 'source-document'
  | 'source-exists'
  | 'source-list'
  | 'sources-by-id'
  | 'stop-words'
  | 'test'
  | 'timeline-count'
  | 'timeline-fingerprint'
  | 'timeline-page';
