import type { DatePrecision } from '../domain/fuzzy-date';
import { ENTITY_LABELS, type EntityLabel } from '../domain/model';
import type { EntityModel, EventModel, EvidenceModel, FuzzyDateModel, NodeModel, RelationshipModel, SourceModel } from '../domain/types';
import { toNative } from '../neo4j/values';

/** Cypher projection that every node-returning query uses, so one mapper reads them all. */
export const NODE_PROJECTION = (variable: string) => `${variable} {.*, labels: labels(${variable})}`;

/** Cypher projection of a source for toSourceModel. */
export const SOURCE_PROJECTION = (variable: string) => `${variable} {.id, .url, .title, .publisher, .language}`;

/** Cypher projection of a relationship for the mapper below. */
export const RELATIONSHIP_PROJECTION = (variable: string) =>
  `{type: type(${variable}), from: startNode(${variable}).id, to: endNode(${variable}).id, role: ${variable}.role, evidence: ${variable}.evidence}`;

type Row = Record<string, unknown>;

export function toEvidence(values: unknown): EvidenceModel[] {
  if (!Array.isArray(values)) return [];
  return values.map((value) => {
    const item = JSON.parse(String(value)) as Row;
    return {
      sourceId: String(item.source),
      quote: String(item.quote),
      start: typeof item.start === 'number' ? item.start : null,
      end: typeof item.end === 'number' ? item.end : null,
      sentence: typeof item.sentence === 'number' ? item.sentence : null,
      confidence: typeof item.confidence === 'number' ? item.confidence : null,
      note: typeof item.note === 'string' ? item.note : null,
    };
  });
}

function toFuzzyDate(row: Row, prefix: string): FuzzyDateModel | null {
  const iso = row[`${prefix}Iso`];
  if (typeof iso !== 'string') return null;
  return {
    iso,
    year: row[`${prefix}Year`] as number,
    month: (row[`${prefix}Month`] as number | null) ?? null,
    day: (row[`${prefix}Day`] as number | null) ?? null,
    precision: row[`${prefix}Precision`] as DatePrecision,
    inferred: row[`${prefix}Inferred`] === true,
    earliest: String(row[`${prefix}Earliest`]),
    latest: String(row[`${prefix}Latest`]),
    note: (row[`${prefix}Note`] as string | null) ?? null,
  };
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
      date: toFuzzyDate(row, 'date') as FuzzyDateModel,
      endDate: toFuzzyDate(row, 'endDate'),
      reported: toFuzzyDate(row, 'reported'),
      timelineKey: String(row.timelineKey),
      evidence: toEvidence(row.evidence),
    } satisfies EventModel;
  }
  const label = labels.find((candidate): candidate is EntityLabel => (ENTITY_LABELS as readonly string[]).includes(candidate));
  if (!label) throw new Error(`node ${String(row.id)} has no entity or event label (${labels.join(', ')})`);
  return {
    label,
    id: String(row.id),
    kind: String(row.kind),
    name: String(row.name),
    nameEn: (row.nameEn as string | null) ?? null,
    aliases: (row.aliases as string[] | null) ?? [],
    subtype: (row.subtype as string | null) ?? null,
    description: (row.description as string | null) ?? null,
    descriptionEn: (row.descriptionEn as string | null) ?? null,
    areas: (row.areas as string[] | null) ?? null,
    areasEn: (row.areasEn as string[] | null) ?? null,
    evidence: toEvidence(row.evidence),
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
    evidence: toEvidence(row.evidence),
  };
}

export function toSourceModel(value: unknown): SourceModel {
  const row = toNative(value) as Row;
  return {
    id: String(row.id),
    url: (row.url as string | null) ?? null,
    title: (row.title as string | null) ?? null,
    publisher: (row.publisher as string | null) ?? null,
    language: (row.language as string | null) ?? null,
  };
}
