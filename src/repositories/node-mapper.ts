import { entityFieldsOf } from '../domain/entity-fields';
import { EVENT_SEARCH_FIELDS } from '../domain/search-text';
import { ENTITY_LABELS, type EntityLabel } from '../domain/model';
import { decodeEvidence, decodeEvidenceList } from '../domain/evidence';
import type {
  EntityModel,
  EventModel,
  FuzzyDateModel,
  NodeModel,
  QuoteModel,
  RelationshipModel,
  SourceModel,
} from '../domain/types';
import { toNative } from '../neo4j/values';
import { readStoredDate, storedDateProjection } from './stored-date';

/**
 * Cypher projection that every node-returning query uses, so one mapper reads them all: every
 * property but `claims` (read only when a client asks for them). Listing the properties instead
 * cost a db hit per name, present or not: 6,264 db hits and 3× the time for a timeline page at
 * 100k events, against 2,251 for `.*`.
 */
export const NODE_PROJECTION = (variable: string, withClaims = false) =>
  `${variable} {.*, ${withClaims ? '' : 'claims: null, '}${HIDDEN_TEXT.map((name) => `${name}: null`).join(', ')}, labels: labels(${variable})}`;

/** Text kept for the full-text index only (src/domain/search-text.ts), never shown: left out of every node read. */
const HIDDEN_TEXT = ['nameVariants', ...EVENT_SEARCH_FIELDS];

/** Cypher projection of a source for toSourceModel. */
export const SOURCE_PROJECTION = (variable: string) =>
  `${variable} {.id, .url, .title, .titleEn, .publisher, .language, .recordedAt, ${storedDateProjection('published')}}`;

/** Cypher projection of a relationship for the mapper below. */
export const RELATIONSHIP_PROJECTION = (variable: string, withClaims = false) =>
  `{type: type(${variable}), from: startNode(${variable}).id, to: endNode(${variable}).id, role: ${variable}.role, titles: ${variable}.titles, evidence: ${variable}.evidence, since: toString(${variable}.since), until: toString(${variable}.until)${withClaims ? `, claims: ${variable}.claims` : ''}}`;

type Row = Record<string, unknown>;

/** Stored quotes: evidence strings with a `speaker` id. */
function toQuotes(values: unknown): QuoteModel[] {
  if (!Array.isArray(values)) return [];
  return values.map((value) => ({
    evidence: decodeEvidence(String(value)),
    speakerId: (JSON.parse(String(value)) as { speaker?: string | null }).speaker ?? null,
  }));
}

/** Maps a NODE_PROJECTION value (driver types included) to an entity or event. */
export function toNodeModel(value: unknown): NodeModel {
  const row = toNative(value) as Row;
  const labels = row.labels as string[];
  if (labels.includes('Event')) {
    return {
      label: 'Event',
      id: String(row.id),
      title: String(row.title),
      titleEn: (row.titleEn as string | null) ?? null,
      type: String(row.type),
      cameo: (row.cameo as string | null) ?? null,
      description: (row.description as string | null) ?? null,
      date: readStoredDate(row, 'date') as FuzzyDateModel,
      endDate: readStoredDate(row, 'endDate'),
      reported: readStoredDate(row, 'reported'),
      timelineKey: String(row.timelineKey),
      evidence: decodeEvidenceList(row.evidence),
      disputed: row.disputed === true,
      claimedDates: (row.claimedDates as string[] | null) ?? [String(row.dateIso)],
      quotes: toQuotes(row.quotes),
      redirectIds: (row.redirectIds as string[] | null) ?? [],
    } satisfies EventModel;
  }
  const label = labels.find((candidate): candidate is EntityLabel =>
    (ENTITY_LABELS as readonly string[]).includes(candidate),
  );
  if (!label) throw new Error(`node ${String(row.id)} has no entity or event label (${labels.join(', ')})`);
  return {
    label,
    id: String(row.id),
    kind: String(row.kind),
    name: String(row.name),
    nameEn: (row.nameEn as string | null) ?? null,
    aliases: (row.aliases as string[] | null) ?? [],
    ...entityFieldsOf(row),
    evidence: decodeEvidenceList(row.evidence),
    redirectIds: (row.redirectIds as string[] | null) ?? [],
  } satisfies EntityModel;
}

export function toEntityModel(value: unknown): EntityModel {
  const node = toNodeModel(value);
  if (node.label === 'Event') throw new Error(`expected an entity, got event ${node.id}`);
  return node;
}

export function toEventModel(value: unknown): EventModel {
  const node = toNodeModel(value);
  if (node.label !== 'Event') throw new Error(`expected an event, got ${node.label} ${node.id}`);
  return node;
}

export function toRelationshipModel(value: unknown): RelationshipModel {
  const row = toNative(value) as Row;
  return {
    type: String(row.type),
    from: String(row.from),
    to: String(row.to),
    role: (row.role as string | null) ?? null,
    titles: (row.titles as string[] | null) ?? [],
    evidence: decodeEvidenceList(row.evidence),
    ...(typeof row.since === 'string' ? { since: row.since } : {}),
    ...(typeof row.until === 'string' ? { until: row.until } : {}),
  };
}

export function toSourceModel(value: unknown): SourceModel {
  const row = toNative(value) as Row;
  return {
    id: String(row.id),
    url: (row.url as string | null) ?? null,
    title: (row.title as string | null) ?? null,
    titleEn: (row.titleEn as string | null) ?? null,
    publisher: (row.publisher as string | null) ?? null,
    language: (row.language as string | null) ?? null,
    published: readStoredDate(row, 'published'),
    recordedAt: (row.recordedAt as string | null) || null,
  };
}
