import { CALENDAR_LABELS, ENTITY_LABELS } from '../domain/model';
import type { Database } from '../neo4j/database';

/** Name of the full-text index over names, aliases and titles. */
export const SEARCH_INDEX = 'node_search';

/** Every label whose `id` is unique; Entity is the shared label of the six entity kinds. */
const UNIQUE_ID_LABELS = [...ENTITY_LABELS, 'Entity', 'Event', 'Source', ...CALENDAR_LABELS] as const;

/** Schema statements; labels come from the model's whitelist, so splicing them is safe. */
export function schemaStatements(): string[] {
  const constraints = UNIQUE_ID_LABELS.map(
    (label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  );
  return [
    ...constraints,
    `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS FOR (n:${[...ENTITY_LABELS, 'Event'].join('|')}) ` +
      `ON EACH [n.name, n.nameEn, n.aliasText, n.title, n.titleEn] ` +
      `OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }`,
    'CREATE RANGE INDEX event_date_earliest IF NOT EXISTS FOR (e:Event) ON (e.dateEarliest)',
    'CREATE RANGE INDEX event_date_latest IF NOT EXISTS FOR (e:Event) ON (e.dateLatest)',
    'CREATE RANGE INDEX event_timeline_key IF NOT EXISTS FOR (e:Event) ON (e.timelineKey)',
    'CREATE RANGE INDEX event_type IF NOT EXISTS FOR (e:Event) ON (e.type)',
    'CREATE RANGE INDEX entity_match_keys IF NOT EXISTS FOR (n:Entity) ON (n.matchKeys)',
    'CREATE RANGE INDEX day_date IF NOT EXISTS FOR (d:Day) ON (d.date)',
  ];
}

/** Creates constraints and indexes if missing (idempotent), then waits for them to come online. */
export async function ensureGraphSchema(database: Database): Promise<void> {
  for (const statement of schemaStatements()) {
    await database.write((tx) => tx.run(statement));
  }
  await database.write((tx) => tx.run('CALL db.awaitIndexes(300)'));
}
