import path from 'node:path';
import { encodeClaim, resolveEntity, type ClaimSource, type ResolvedDate } from '../domain/claims';
import { ENTITY_FIELD_NAMES, ENTITY_FIELDS, entityFieldsOf } from '../domain/entity-fields';
import { encodeEvidence, type EvidenceSpan } from '../domain/evidence';
import { parseFuzzyDate, type FuzzyDate } from '../domain/fuzzy-date';
import { CALENDAR_LINK, EVENT_TYPES, type EntityLabel, type EventType } from '../domain/model';
import { EVENT_SEARCH_FIELDS, eventSearchFields, type NamedNode } from '../domain/search-text';
import { timelineKey } from '../domain/timeline-key';
import { dateParts, STORED_DATE_PARTS } from '../repositories/stored-date';
import { CsvFile, arrayField, field } from './csv';

/** An entity of the synthetic corpus; `label` as neo4j-admin takes it (`Entity;Person`). */
export interface SynthEntity {
  readonly id: string;
  readonly label: string;
  readonly name: string;
  readonly kind: string;
}

/** The entities an event of the synthetic corpus is linked to. */
export interface SynthEventLinks {
  readonly participants: readonly SynthEntity[];
  readonly places: readonly SynthEntity[];
  readonly agreements: readonly SynthEntity[];
}

/** The event's searchable text as a load would store it (src/domain/search-text.ts). */
function searchFieldsOf(event: SynthEvent, links: SynthEventLinks): string[] {
  const named = (entities: readonly SynthEntity[]): NamedNode[] =>
    entities.map((entity) => ({
      id: entity.id,
      label: entity.label.split(';')[1] as string,
      name: entity.name,
      nameEn: entity.name,
      aliases: [entity.name],
    }));
  const fields = eventSearchFields({
    type: event.type,
    dateIso: event.date.iso,
    endDateIso: null,
    participants: named(links.participants),
    places: named(links.places),
    agreements: named(links.agreements),
  });
  return EVENT_SEARCH_FIELDS.map((name) => field(fields[name]));
}

/** An event of the synthetic corpus, before it is written. */
export interface SynthEvent {
  readonly id: string;
  readonly type: EventType;
  readonly title: string;
  readonly date: FuzzyDate;
}

/**
 * The neo4j-admin import files of a corpus, written row by row as a bundle load would store the
 * nodes and relationships (claims, resolved views, flattened dates), so that a real bundle can be
 * loaded on top. Counts what it writes.
 */
export class CorpusWriter {
  nodes = 0;
  links = 0;
  private readonly sources: CsvFile;
  private readonly entities: CsvFile;
  private readonly events: CsvFile;
  private readonly calendar: CsvFile;
  private readonly relationships: CsvFile;
  private readonly calendarLinks: CsvFile;

  constructor(dir: string) {
    const file = (name: string, header: string[]) => new CsvFile(path.join(dir, name), header);
    this.sources = file('sources.csv', [
      'id:ID',
      ':LABEL',
      'title',
      'publisher',
      'language',
      'text',
      ...dateColumns('published'),
    ]);
    this.entities = file('entities.csv', [
      'id:ID',
      ':LABEL',
      'kind',
      'name',
      'nameEn',
      'aliases:string[]',
      'matchKeys:string[]',
      'matchKeyText',
      'aliasText',
      'nameVariants',
      ...ENTITY_FIELD_NAMES.map((name) => (ENTITY_FIELDS[name].kind === 'list' ? `${name}:string[]` : name)),
      'evidence:string[]',
      'sourceIds:string[]',
      'claims:string[]',
      'knownFrom',
    ]);
    this.events = file('events.csv', [
      'id:ID',
      ':LABEL',
      'type',
      'cameo',
      'title',
      'titleEn',
      ...dateColumns('date'),
      'timelineKey',
      ...EVENT_SEARCH_FIELDS,
      'evidence:string[]',
      'sourceIds:string[]',
      'disputed:boolean',
      'claimedDates:string[]',
      'claims:string[]',
      'knownFrom',
    ]);
    this.calendar = file('calendar.csv', ['id:ID', ':LABEL', 'year:long', 'month:long', 'day:long', 'date:date']);
    this.relationships = file('relationships.csv', [
      ':START_ID',
      ':END_ID',
      ':TYPE',
      'key',
      'role',
      'confidence:double',
      'inferred:boolean',
      'evidence:string[]',
      'sourceIds:string[]',
      'claims:string[]',
      'knownFrom',
    ]);
    this.calendarLinks = file('calendar-links.csv', [':START_ID', ':END_ID', ':TYPE']);
  }

  /** Publication days of the sources (YYYY-MM-DD), set before their claims are written. */
  private readonly published = new Map<string, string>();

  /** Dates the source: its claims carry the day, so as-of views hold them from then on. */
  publish(sourceId: string, day: string): void {
    this.published.set(sourceId, day);
  }

  async source(id: string, title: string, sentences: readonly string[]): Promise<void> {
    this.nodes += 1;
    const day = this.published.get(id);
    await this.sources.row([
      field(id),
      field('Source'),
      field(title),
      field('Synthetic Press'),
      field('en'),
      field(sentences.join('\n')),
      ...(day
        ? dateFields({ ...(parseFuzzyDate(day) as FuzzyDate), inferred: false, note: null })
        : dateColumns('published').map(() => '')),
    ]);
  }

  private claimSource(id: string): ClaimSource {
    return { id, language: 'en', published: this.published.get(id) ?? null };
  }

  /** An entity stored as the resolved view of its one claim, as a load would write it. */
  async entity(entity: SynthEntity, sourceId: string, span: EvidenceSpan, subtype: string | null): Promise<void> {
    this.nodes += 1;
    const resolved = resolveEntity(entity.id, [
      {
        source: this.claimSource(sourceId),
        bundleId: entity.id,
        label: entity.label.split(';')[1] as EntityLabel,
        name: entity.name,
        nameEn: entity.name,
        aliases: [],
        ...entityFieldsOf({ subtype }),
        evidence: [span],
      },
    ]);
    await this.entities.row([
      field(entity.id),
      field(entity.label),
      field(resolved.kind),
      field(resolved.name),
      field(resolved.nameEn),
      arrayField(resolved.aliases),
      arrayField(resolved.matchKeys),
      field(resolved.matchKeyText),
      field(resolved.aliasText),
      field(resolved.nameVariants),
      ...ENTITY_FIELD_NAMES.map((name) => {
        const value = resolved[name];
        return typeof value === 'string' || value === null ? field(value) : arrayField(value);
      }),
      arrayField(resolved.evidence),
      arrayField(resolved.sourceIds),
      arrayField(resolved.claims),
      field(this.published.get(sourceId) ?? null),
    ]);
  }

  /**
   * An event with its one claim, linked to its source and to its calendar node; `links` are the
   * entities the caller links it to, for its searchable text.
   */
  async event(event: SynthEvent, sourceId: string, span: EvidenceSpan, links: SynthEventLinks): Promise<void> {
    this.nodes += 1;
    const { date } = event;
    const claim = encodeClaim({
      source: this.claimSource(sourceId),
      bundleId: event.id,
      type: event.type,
      title: event.title,
      titleEn: event.title,
      description: null,
      date: { iso: date.iso, inferred: false, note: null, evidence: [span] },
      endDate: null,
      reported: null,
      quotes: [],
      evidence: [span],
    });
    await this.events.row([
      field(event.id),
      field('Event'),
      field(event.type),
      field(EVENT_TYPES[event.type].cameo),
      field(event.title),
      field(event.title),
      ...dateFields({ ...date, inferred: false, note: null }),
      field(timelineKey(date, event.id)),
      ...searchFieldsOf(event, links),
      arrayField([encodeEvidence(sourceId, span)]),
      arrayField([sourceId]),
      'false',
      arrayField([date.iso]),
      arrayField([claim]),
      field(this.published.get(sourceId) ?? null),
    ]);
    await this.relationship(event.id, sourceId, 'MENTIONED_IN', span, sourceId);
    // synthetic dates are days, months or years, never intervals
    const calendarType = CALENDAR_LINK[date.precision as keyof typeof CALENDAR_LINK];
    await this.relationship(event.id, date.iso, calendarType, span, sourceId);
  }

  /** A relationship with the claim a bundle load would give it (none for structural links). */
  async relationship(
    from: string,
    to: string,
    type: string,
    span: EvidenceSpan,
    sourceId: string,
    role: string | null = null,
  ): Promise<void> {
    this.links += 1;
    const structural = type === 'MENTIONED_IN' || type.startsWith('ON_') || type.startsWith('IN_');
    const claims = structural
      ? []
      : [encodeClaim({ source: this.claimSource(sourceId), title: null, note: null, evidence: [span] })];
    await this.relationships.row([
      field(from),
      field(to),
      field(type),
      field(role ?? ''),
      field(role),
      '1.0',
      '',
      arrayField([encodeEvidence(sourceId, span)]),
      arrayField([sourceId]),
      arrayField(claims),
      field(structural ? null : (this.published.get(sourceId) ?? null)),
    ]);
  }

  /** The calendar tree (years, months, days) of every date the events use. */
  async calendarTree(dates: ReadonlySet<string>): Promise<void> {
    const years = new Set<string>();
    const months = new Set<string>();
    for (const iso of dates) {
      const date = parseFuzzyDate(iso) as FuzzyDate;
      years.add(String(date.year));
      if (date.month !== null) months.add(iso.slice(0, 7));
    }
    for (const year of years) {
      this.nodes += 1;
      await this.calendar.row([field(year), field('Year'), year, '', '', '']);
    }
    for (const month of months) {
      this.nodes += 1;
      this.links += 1;
      await this.calendar.row([
        field(month),
        field('Month'),
        month.slice(0, 4),
        String(Number(month.slice(5))),
        '',
        '',
      ]);
      await this.calendarLinks.row([field(month.slice(0, 4)), field(month), field('HAS_MONTH')]);
    }
    for (const iso of dates) {
      if (iso.length !== 10) continue;
      this.nodes += 1;
      this.links += 1;
      await this.calendar.row([
        field(iso),
        field('Day'),
        iso.slice(0, 4),
        String(Number(iso.slice(5, 7))),
        String(Number(iso.slice(8))),
        iso,
      ]);
      await this.calendarLinks.row([field(iso.slice(0, 7)), field(iso), field('HAS_DAY')]);
    }
  }

  /** Closes the files; the node files and the relationship files, for neo4j-admin import. */
  async close(): Promise<{ nodeFiles: string[]; relationshipFiles: string[] }> {
    const nodeFiles = [this.sources, this.entities, this.events, this.calendar];
    const relationshipFiles = [this.relationships, this.calendarLinks];
    await Promise.all([...nodeFiles, ...relationshipFiles].map((file) => file.close()));
    return {
      nodeFiles: nodeFiles.map((file) => file.path),
      relationshipFiles: relationshipFiles.map((file) => file.path),
    };
  }
}

/** neo4j-admin import headers of a stored date's properties (stored-date.ts), typed. */
function dateColumns(prefix: string): string[] {
  return Object.entries(STORED_DATE_PARTS).map(([part, type]) =>
    type === 'string' ? `${prefix}${part}` : `${prefix}${part}:${type}`,
  );
}

/** A date's stored properties as CSV fields, in dateColumns order. */
function dateFields(date: ResolvedDate): string[] {
  const parts = dateParts(date);
  return Object.entries(STORED_DATE_PARTS).map(([part, type]) => {
    const value = parts[part as keyof typeof parts];
    return value === null ? '' : type === 'string' ? field(value) : String(value);
  });
}
