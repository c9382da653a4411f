import { CALENDAR_LABELS, ENTITY_LABELS } from '../domain/model';
import { EVENT_SEARCH_FIELDS } from '../domain/search-text';
import { PRECISION_RANK, TIMELINE_KEY_FORMAT } from '../domain/timeline-key';
import type { Database } from '../neo4j/database';
import { VERSION_ID } from './data-version.repository';
import { backfillAsOf } from './as-of-backfill';
import { backfillSearchText } from './event-search.repository';

/** Name of the full-text index over names, aliases, titles and what an event is (who, where, when). */
export const SEARCH_INDEX = 'node_search';
/** The properties it covers; a graph whose index covers others gets it rebuilt. */
export const SEARCH_PROPERTIES = [
  'name',
  'nameEn',
  'aliasText',
  'nameVariants',
  'title',
  'titleEn',
  ...EVENT_SEARCH_FIELDS,
] as const;
/** Version of the stored searchable text; a graph stored with an older one gets it recomputed once. */
const SEARCH_TEXT_FORMAT = 1;
/** Its analyzer: Lucene's standard tokenizer and English stop words, accents folded. */
export const SEARCH_ANALYZER = 'standard-folding';

/** Every label whose `id` is unique; Entity is the shared label of the six entity kinds. */
const UNIQUE_ID_LABELS = [
  ...ENTITY_LABELS,
  'Entity',
  'Event',
  'Source',
  'Redirect',
  ...CALENDAR_LABELS,
  'DataVersion',
] as const;

/** Schema statements by the name of what they create; labels come from the model's whitelist, so splicing them is safe. */
function schemaStatements(): { name: string; statement: string }[] {
  const constraints = UNIQUE_ID_LABELS.map((label) => {
    const name = `${label.toLowerCase()}_id_unique`;
    return { name, statement: `CREATE CONSTRAINT ${name} IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE` };
  });
  const index = (name: string, statement: string) => ({ name, statement });
  return [
    ...constraints,
    index(
      SEARCH_INDEX,
      `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS FOR (n:${[...ENTITY_LABELS, 'Event'].join('|')}) ` +
        `ON EACH [${SEARCH_PROPERTIES.map((property) => `n.${property}`).join(', ')}] ` +
        `OPTIONS { indexConfig: { \`fulltext.analyzer\`: '${SEARCH_ANALYZER}', \`fulltext.eventually_consistent\`: false } }`,
    ),
    index(
      'event_date_earliest',
      'CREATE RANGE INDEX event_date_earliest IF NOT EXISTS FOR (e:Event) ON (e.dateEarliest)',
    ),
    index('event_date_latest', 'CREATE RANGE INDEX event_date_latest IF NOT EXISTS FOR (e:Event) ON (e.dateLatest)'),
    index('event_timeline_key', 'CREATE RANGE INDEX event_timeline_key IF NOT EXISTS FOR (e:Event) ON (e.timelineKey)'),
    index('event_type', 'CREATE RANGE INDEX event_type IF NOT EXISTS FOR (e:Event) ON (e.type)'),
    index(
      'entity_match_key_text',
      'CREATE TEXT INDEX entity_match_key_text IF NOT EXISTS FOR (n:Entity) ON (n.matchKeyText)',
    ),
    index('day_date', 'CREATE RANGE INDEX day_date IF NOT EXISTS FOR (d:Day) ON (d.date)'),
    // `changes` starts from the sources published in a period.
    index(
      'source_published_earliest',
      'CREATE RANGE INDEX source_published_earliest IF NOT EXISTS FOR (s:Source) ON (s.publishedEarliest)',
    ),
  ];
}

/**
 * Creates the constraints and indexes that are missing (idempotent) and waits for them to come
 * online. One read when all exist, as on every load after the first.
 */
export async function ensureGraphSchema(
  database: Database,
  /** The graph was imported with the current searchable text and as-of properties (the synthetic corpus). */
  options: { readonly derivedWritten?: boolean } = {},
): Promise<void> {
  const { online, staleSearch } = await database.read('schema', async (tx) => {
    const result = await tx.run(
      `SHOW INDEXES YIELD name, state, properties
       RETURN collect(CASE WHEN state = 'ONLINE' THEN name END) AS names,
         any(i IN collect({name: name, properties: properties}) WHERE i.name = $search AND i.properties <> $properties) AS stale`,
      { search: SEARCH_INDEX, properties: [...SEARCH_PROPERTIES] },
    );
    return {
      online: new Set<string>(result.records[0]?.get('names') ?? []),
      staleSearch: result.records[0]?.get('stale') === true,
    };
  });
  // A full-text index cannot change its properties: an older one is dropped and built again.
  if (staleSearch) {
    await database.write('schema', (tx) => tx.run(`DROP INDEX ${SEARCH_INDEX} IF EXISTS`));
    online.delete(SEARCH_INDEX);
  }
  const missing = schemaStatements().filter(({ name }) => !online.has(name));
  if (missing.length > 0) {
    for (const { statement } of missing) await database.write('schema', (tx) => tx.run(statement));
    await database.write('schema', (tx) => tx.run('CALL db.awaitIndexes(300)'));
  }
  const written = options.derivedWritten === true;
  await migrateFormat(database, 'timelineKeyFormat', TIMELINE_KEY_FORMAT, () => rebuildTimelineKeys(database));
  await migrateFormat(database, 'searchTextFormat', SEARCH_TEXT_FORMAT, () => backfillSearchText(database), written);
  await migrateFormat(database, 'asOfFormat', AS_OF_FORMAT, () => backfillAsOf(database), written);
}

/** Version of the as-of properties (knownFrom, revision lists); a graph stored before them gets them computed once. */
const AS_OF_FORMAT = 1;

/**
 * Runs `backfill` once for a graph whose derived data is older than `format` (as the data-version
 * node's `property` records it) and records the format; a graph that has it costs one lookup.
 * `written`: the graph was imported with the current data (the synthetic corpus), only recorded.
 */
async function migrateFormat(
  database: Database,
  property: 'searchTextFormat' | 'timelineKeyFormat' | 'asOfFormat',
  format: number,
  backfill: () => Promise<unknown>,
  written = false,
): Promise<void> {
  const current = await database.read('format-migration', async (tx) => {
    const result = await tx.run(`OPTIONAL MATCH (v:DataVersion {id: $id}) RETURN v.${property} AS format`, {
      id: VERSION_ID,
    });
    return result.records[0]?.get('format') ?? null;
  });
  if (current !== null && Number(current) >= format) return;
  if (!written) await backfill();
  await database.write('format-migration', (tx) =>
    tx.run(`MERGE (v:DataVersion {id: $id}) SET v.version = coalesce(v.version, 0), v.${property} = $format`, {
      id: VERSION_ID,
      format,
    }),
  );
}

/**
 * Rebuilds the stored `timelineKey` of every event after the key's format changed (a graph written
 * before intervals of days ranked MONTH 1 and YEAR 2), so that its order and the timeline's
 * whole-year branch hold for old graphs too.
 */
function rebuildTimelineKeys(database: Database): Promise<unknown> {
  return database.write('format-migration', (tx) =>
    tx.run(
      `MATCH (e:Event) WHERE e.datePrecision IS NOT NULL
       WITH e, toString(e.dateEarliest) + '|' + $ranks[e.datePrecision] + '|' + e.id AS key
       WHERE e.timelineKey <> key
       SET e.timelineKey = key`,
      { ranks: Object.fromEntries(Object.entries(PRECISION_RANK).map(([k, v]) => [k, String(v)])) },
    ),
  );
}
