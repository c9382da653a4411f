import { createHash } from 'node:crypto';
import { parseFuzzyDate, type FuzzyDate } from '../domain/fuzzy-date';
import { CALENDAR_LINK, ENTITY_KIND_OF, EVENT_TYPES, type EntityLabel, type RelationshipType } from '../domain/model';
import { matchKey } from '../domain/normalize';
import type { BundleDate, Evidence } from './bundle-schema';
import type { ValidatedBundle } from './validate-bundle';

/** Node and relationship records ready for `UNWIND … MERGE`, all values plain JSON. */
export interface GraphRecords {
  readonly sourceId: string;
  readonly source: Record<string, unknown>;
  readonly entities: readonly { label: EntityLabel; id: string; aliases: string[]; matchKeys: string[]; props: Record<string, unknown> }[];
  readonly events: readonly { id: string; props: Record<string, unknown> }[];
  readonly calendarDays: readonly CalendarRecord[];
  readonly relationships: readonly RelationshipRecord[];
}

export interface CalendarRecord {
  readonly precision: FuzzyDate['precision'];
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
  readonly eventId: string;
  readonly inferred: boolean;
  readonly evidence: string[];
}

export interface RelationshipRecord {
  readonly type: RelationshipType | 'MENTIONED_IN';
  readonly from: string;
  readonly to: string;
  /** Distinguishes relationships of one type between the same two nodes (the role, or ''). */
  readonly key: string;
  readonly props: Record<string, unknown>;
}

/** Evidence is stored as JSON strings that begin with the source id, so a reload can replace them. */
export function evidencePrefix(sourceId: string): string {
  return `{"source":${JSON.stringify(sourceId)},`;
}

export function serializeEvidence(sourceId: string, evidence: Evidence): string {
  return JSON.stringify({
    source: sourceId,
    quote: evidence.quote,
    start: evidence.start,
    end: evidence.end,
    sentence: evidence.sentence,
    confidence: evidence.confidence,
    ...(evidence.note ? { note: evidence.note } : {}),
  });
}

/**
 * Turns a validated bundle into records, with entity ids already resolved through `resolveId`
 * (so a bundle that calls Kim Jong Un by another id writes onto the existing node).
 */
export function toGraphRecords(validated: ValidatedBundle, resolveId: (id: string) => string): GraphRecords {
  const { bundle } = validated;
  const sourceId = bundle.source.id;
  const ev = (list: readonly Evidence[]) => list.map((evidence) => serializeEvidence(sourceId, evidence));
  const published = bundle.source.published;

  const source = {
    id: sourceId,
    url: bundle.source.url ?? null,
    title: bundle.source.title ?? null,
    titleEn: bundle.source.titleEn ?? null,
    publisher: bundle.source.publisher ?? null,
    language: bundle.source.language,
    ...dateProps('published', published),
    text: validated.sourceText,
    textSha256: createHash('sha256').update(validated.sourceText).digest('hex'),
    evidence: ev(bundle.source.evidence),
  };

  const entities = bundle.entities.map((entity) => {
    const aliases = unique([entity.name, entity.nameEn, ...entity.aliases]);
    return {
      label: entity.label,
      id: resolveId(entity.id),
      aliases,
      matchKeys: unique(aliases.map(matchKey)),
      props: {
        kind: ENTITY_KIND_OF[entity.label],
        name: entity.name,
        nameEn: entity.nameEn,
        subtype: entity.subtype ?? null,
        description: entity.description ?? null,
        descriptionEn: entity.descriptionEn ?? null,
        areas: entity.areas ?? null,
        areasEn: entity.areasEn ?? null,
        evidence: ev(entity.evidence),
      },
    };
  });

  const calendarDays: CalendarRecord[] = [];
  const events = bundle.events.map((event) => {
    const date = parseFuzzyDate(event.date.iso) as FuzzyDate;
    calendarDays.push({
      precision: date.precision,
      year: date.year,
      month: date.month,
      day: date.day,
      eventId: event.id,
      inferred: event.date.inferred,
      evidence: ev(event.date.evidence),
    });
    return {
      id: event.id,
      props: {
        type: event.type,
        cameo: EVENT_TYPES[event.type].cameo,
        title: event.title,
        titleEn: event.titleEn,
        description: event.description ?? null,
        ...dateProps('date', event.date),
        ...dateProps('endDate', event.endDate),
        // Record time: when the source reported the event (its publication date).
        ...dateProps('reported', published),
        // Sorts by first possible day, then the more precise date first, then id; unique, so it is also the cursor.
        timelineKey: `${date.earliest}|${precisionRank(date.precision)}|${event.id}`,
        evidence: ev(event.evidence),
      },
    };
  });

  const relationships: RelationshipRecord[] = bundle.relationships.map((relationship) => {
    const confidences = relationship.evidence.map((evidence) => evidence.confidence);
    return {
      type: relationship.type as RelationshipType,
      from: resolveId(relationship.from),
      to: resolveId(relationship.to),
      key: relationship.role ?? '',
      props: {
        role: relationship.role ?? null,
        note: relationship.note ?? null,
        confidence: Math.max(...confidences),
        evidence: ev(relationship.evidence),
      },
    };
  });
  for (const node of [...entities, ...events]) {
    const evidence = node.props.evidence as string[];
    relationships.push({ type: 'MENTIONED_IN', from: node.id, to: sourceId, key: '', props: { evidence } });
  }

  return { sourceId, source, entities, events, calendarDays, relationships };
}

/** Date fields flattened as `<prefix>Iso`, `<prefix>Year` … `<prefix>Earliest`/`Latest` (YYYY-MM-DD). */
function dateProps(prefix: string, date: BundleDate | undefined): Record<string, unknown> {
  const parsed = date && parseFuzzyDate(date.iso);
  if (!date || !parsed) return {};
  return {
    [`${prefix}Iso`]: parsed.iso,
    [`${prefix}Year`]: parsed.year,
    [`${prefix}Month`]: parsed.month,
    [`${prefix}Day`]: parsed.day,
    [`${prefix}Precision`]: parsed.precision,
    [`${prefix}Earliest`]: parsed.earliest,
    [`${prefix}Latest`]: parsed.latest,
    [`${prefix}Inferred`]: date.inferred,
    [`${prefix}Note`]: date.note ?? null,
  };
}

function precisionRank(precision: FuzzyDate['precision']): number {
  return { DAY: 0, MONTH: 1, YEAR: 2 }[precision];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export { CALENDAR_LINK };
