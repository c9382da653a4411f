import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseFuzzyDate, type FuzzyDate } from '../domain/fuzzy-date';
import { CALENDAR_LINK, EVENT_TYPES, type EntityLabel, type EventType } from '../domain/model';
import { timelineKey } from '../domain/timeline-key';
import { encodeClaim, resolveEntity, type ClaimSource, type ResolvedDate } from '../domain/claims';
import { ENTITY_FIELD_NAMES, ENTITY_FIELDS, entityFieldsOf } from '../domain/entity-fields';
import { encodeEvidence, type EvidenceSpan } from '../domain/evidence';
import { dateParts, STORED_DATE_PARTS } from '../repositories/stored-date';
import { CsvFile, arrayField, field } from './csv';
import { COUNTRIES, FIRST_NAMES, LAST_NAMES, ORGANIZATION_KINDS } from './names';
import { Random, Zipf } from './random';

export interface SynthOptions {
  readonly events: number;
  readonly seed: number;
  readonly dir: string;
  readonly onProgress?: (eventsWritten: number) => void;
}

export interface SynthCorpus {
  readonly events: number;
  readonly nodes: number;
  readonly relationships: number;
  readonly nodeFiles: readonly string[];
  readonly relationshipFiles: readonly string[];
  /** Ids the benchmark needs: a hub and a rare entity, two far-apart people, a search term. */
  readonly landmarks: { hub: string; rare: string; farA: string; farB: string; searchTerm: string };
}

const EVENTS_PER_SOURCE = 100;
const ENTITIES_PER_SOURCE = 1000;
const ROLES = ['host', 'guest', 'participant', 'speaker'] as const;
const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];

interface Entity {
  readonly id: string;
  readonly label: string;
  readonly name: string;
  readonly kind: string;
}

/**
 * Writes a synthetic corpus as neo4j-admin import CSV files: countries and capitals that become
 * hubs, tens of thousands of people and organizations with power-law participation, agreements,
 * 30 years of events with mixed precision, and a source sentence behind every fact.
 * Deterministic: the same events and seed give the same files.
 */
export async function generateCorpus(options: SynthOptions): Promise<SynthCorpus> {
  mkdirSync(options.dir, { recursive: true });
  const random = new Random(options.seed);
  const file = (name: string, header: string[]) => new CsvFile(path.join(options.dir, name), header);
  const sources = file('sources.csv', ['id:ID', ':LABEL', 'title', 'publisher', 'language', 'text']);
  const entities = file('entities.csv', [
    'id:ID',
    ':LABEL',
    'kind',
    'name',
    'nameEn',
    'aliases:string[]',
    'matchKeys:string[]',
    'matchKeyText',
    'aliasText',
    ...ENTITY_FIELD_NAMES.map((name) => (ENTITY_FIELDS[name].kind === 'list' ? `${name}:string[]` : name)),
    'evidence:string[]',
    'sourceIds:string[]',
    'claims:string[]',
  ]);
  const events = file('events.csv', [
    'id:ID',
    ':LABEL',
    'type',
    'cameo',
    'title',
    'titleEn',
    ...dateColumns('date'),
    'timelineKey',
    'evidence:string[]',
    'sourceIds:string[]',
    'disputed:boolean',
    'claimedDates:string[]',
    'claims:string[]',
  ]);
  const calendar = file('calendar.csv', ['id:ID', ':LABEL', 'year:long', 'month:long', 'day:long', 'date:date']);
  const relationships = file('relationships.csv', [
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
  ]);
  const calendarLinks = file('calendar-links.csv', [':START_ID', ':END_ID', ':TYPE']);

  // Entities: countries, their capitals and heads of state, then people and organizations.
  const peopleCount = Math.min(50_000, Math.max(1_000, Math.round(options.events / 20)));
  const organizationCount = Math.max(50, Math.round(peopleCount / 10));
  const countries: Entity[] = COUNTRIES.map(([name], i) => ({
    id: `syn-country-${i}`,
    label: 'Entity;Country',
    name,
    kind: 'COUNTRY',
  }));
  const capitals: Entity[] = COUNTRIES.map(([, name], i) => ({
    id: `syn-place-${i}`,
    label: 'Entity;Place',
    name,
    kind: 'PLACE',
  }));
  const people: Entity[] = Array.from({ length: peopleCount }, (_, i) => ({
    id: `syn-person-${i}`,
    label: 'Entity;Person',
    name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]} ${i}`,
    kind: 'PERSON',
  }));
  const organizations: Entity[] = Array.from({ length: organizationCount }, (_, i) => ({
    id: `syn-org-${i}`,
    label: 'Entity;Organization',
    name: `${ORGANIZATION_KINDS[i % ORGANIZATION_KINDS.length]} of ${countries[i % countries.length]?.name} ${i}`,
    kind: 'ORGANIZATION',
  }));

  let nodes = 0;
  let links = 0;
  // Facts carry the claims a bundle load would give them, so a real bundle can be loaded on top.
  const relationship = async (
    from: string,
    to: string,
    type: string,
    span: EvidenceSpan,
    sourceId: string,
    role: string | null = null,
  ) => {
    links += 1;
    const structural = type === 'MENTIONED_IN' || type.startsWith('ON_') || type.startsWith('IN_');
    const claims = structural
      ? []
      : [encodeClaim({ source: claimSource(sourceId), title: null, note: null, evidence: [span] })];
    await relationships.row([
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
    ]);
  };
  const entityRow = async (entity: Entity, sourceId: string, span: EvidenceSpan, subtype: string | null) => {
    nodes += 1;
    // The stored node is the resolved view of its one claim, as a load would write it.
    const resolved = resolveEntity(entity.id, [
      {
        source: claimSource(sourceId),
        bundleId: entity.id,
        label: entity.label.split(';')[1] as EntityLabel,
        name: entity.name,
        nameEn: entity.name,
        aliases: [],
        ...entityFieldsOf({ subtype }),
        evidence: [span],
      },
    ]);
    await entities.row([
      field(entity.id),
      field(entity.label),
      field(resolved.kind),
      field(resolved.name),
      field(resolved.nameEn),
      arrayField(resolved.aliases),
      arrayField(resolved.matchKeys),
      field(resolved.matchKeyText),
      field(resolved.aliasText),
      ...ENTITY_FIELD_NAMES.map((name) => {
        const value = resolved[name];
        return typeof value === 'string' || value === null ? field(value) : arrayField(value);
      }),
      arrayField(resolved.evidence),
      arrayField(resolved.sourceIds),
      arrayField(resolved.claims),
    ]);
  };

  // Entity registry sources: one sentence per entity backs the entity and its links.
  const allEntities = [...countries, ...capitals, ...people, ...organizations];
  for (let start = 0; start < allEntities.length; start += ENTITIES_PER_SOURCE) {
    const sourceId = `syn-registry-${start / ENTITIES_PER_SOURCE}`;
    const chunk = allEntities.slice(start, start + ENTITIES_PER_SOURCE);
    const sentences = chunk.map((entity, i) => describeEntity(entity, start + i, peopleCount, countries, capitals));
    const offsets = sentenceOffsets(sentences);
    for (const [i, entity] of chunk.entries()) {
      const evidence: EvidenceSpan = {
        quote: sentences[i] as string,
        start: offsets[i] as number,
        end: (offsets[i] as number) + (sentences[i] as string).length,
        sentence: i,
        confidence: 1,
      };
      await entityRow(entity, sourceId, evidence, null);
      await relationship(entity.id, sourceId, 'MENTIONED_IN', evidence, sourceId);
      const index = start + i;
      if (entity.kind === 'PLACE')
        await relationship(entity.id, `syn-country-${index - countries.length}`, 'LOCATED_IN', evidence, sourceId);
      if (entity.kind === 'COUNTRY')
        await relationship(entity.id, `syn-person-${index}`, 'LED_BY', evidence, sourceId, 'head_of_state');
      if (entity.kind === 'ORGANIZATION')
        await relationship(
          entity.id,
          `syn-country-${(index - countries.length * 2 - peopleCount) % countries.length}`,
          'REPRESENTS',
          evidence,
          sourceId,
        );
      if (entity.kind === 'PERSON' && index % 7 === 0) {
        await relationship(
          entity.id,
          `syn-org-${(index * 31) % organizationCount}`,
          'MEMBER_OF',
          evidence,
          sourceId,
          'member',
        );
      }
    }
    nodes += 1;
    await sources.row([
      field(sourceId),
      field('Source'),
      field(`Synthetic registry ${start / ENTITIES_PER_SOURCE}`),
      field('Synthetic Press'),
      field('en'),
      field(sentences.join('\n')),
    ]);
  }

  // Events, in sources of EVENTS_PER_SOURCE sentences.
  const personZipf = new Zipf(peopleCount, 1.05);
  const placeZipf = new Zipf(capitals.length, 0.9);
  const days = new Set<string>();
  let agreements = 0;
  for (let start = 0; start < options.events; start += EVENTS_PER_SOURCE) {
    const sourceId = `syn-source-${start / EVENTS_PER_SOURCE}`;
    const count = Math.min(EVENTS_PER_SOURCE, options.events - start);
    const drafts = Array.from({ length: count }, (_, i) =>
      draftEvent(start + i, random, personZipf, placeZipf, people, capitals),
    );
    const sentences = drafts.map((draft) => draft.sentence);
    const offsets = sentenceOffsets(sentences);
    for (const [i, draft] of drafts.entries()) {
      const evidence: EvidenceSpan = {
        quote: draft.sentence,
        start: offsets[i] as number,
        end: (offsets[i] as number) + draft.sentence.length,
        sentence: i,
        confidence: 1,
      };
      const { date } = draft;
      nodes += 1;
      const claim = encodeClaim({
        source: claimSource(sourceId),
        bundleId: draft.id,
        type: draft.type,
        title: draft.title,
        titleEn: draft.title,
        description: null,
        date: { iso: date.iso, inferred: false, note: null, evidence: [evidence] },
        endDate: null,
        reported: null,
        quotes: [],
        evidence: [evidence],
      });
      await events.row([
        field(draft.id),
        field('Event'),
        field(draft.type),
        field(EVENT_TYPES[draft.type].cameo),
        field(draft.title),
        field(draft.title),
        ...dateFields({ ...date, inferred: false, note: null }),
        field(timelineKey(date, draft.id)),
        arrayField([encodeEvidence(sourceId, evidence)]),
        arrayField([sourceId]),
        'false',
        arrayField([date.iso]),
        arrayField([claim]),
      ]);
      days.add(date.iso);
      await relationship(draft.id, sourceId, 'MENTIONED_IN', evidence, sourceId);
      await relationship(draft.id, draft.place.id, 'TOOK_PLACE_IN', evidence, sourceId);
      for (const [p, person] of draft.participants.entries()) {
        await relationship(
          person.id,
          draft.id,
          'PARTICIPATED_IN',
          evidence,
          sourceId,
          ROLES[p % ROLES.length] as string,
        );
      }
      // synthetic dates are days, months or years, never intervals
      const calendarType = CALENDAR_LINK[date.precision as keyof typeof CALENDAR_LINK];
      await relationship(draft.id, date.iso, calendarType, evidence, sourceId);
      if (draft.type === 'signing') {
        const agreementId = `syn-agreement-${agreements++}`;
        const name = `Agreement ${agreementId.slice(14)} on ${draft.place.name}`;
        await entityRow(
          { id: agreementId, label: 'Entity;Agreement', name, kind: 'AGREEMENT' },
          sourceId,
          evidence,
          'agreement',
        );
        await relationship(draft.id, agreementId, 'PRODUCED', evidence, sourceId);
        await relationship(agreementId, sourceId, 'MENTIONED_IN', evidence, sourceId);
        for (const person of draft.participants)
          await relationship(person.id, agreementId, 'SIGNED', evidence, sourceId);
      }
      options.onProgress?.(start + i + 1);
    }
    nodes += 1;
    await sources.row([
      field(sourceId),
      field('Source'),
      field(`Synthetic dispatch ${start / EVENTS_PER_SOURCE}`),
      field('Synthetic Press'),
      field('en'),
      field(sentences.join('\n')),
    ]);
  }

  // The calendar tree for every date used.
  const years = new Set<string>();
  const months = new Set<string>();
  for (const iso of days) {
    const date = parseFuzzyDate(iso) as FuzzyDate;
    years.add(String(date.year));
    if (date.month !== null) months.add(iso.slice(0, 7));
  }
  for (const year of years) {
    nodes += 1;
    await calendar.row([field(year), field('Year'), year, '', '', '']);
  }
  for (const month of months) {
    nodes += 1;
    links += 1;
    await calendar.row([field(month), field('Month'), month.slice(0, 4), String(Number(month.slice(5))), '', '']);
    await calendarLinks.row([field(month.slice(0, 4)), field(month), field('HAS_MONTH')]);
  }
  for (const iso of days) {
    if (iso.length !== 10) continue;
    nodes += 1;
    links += 1;
    await calendar.row([
      field(iso),
      field('Day'),
      iso.slice(0, 4),
      String(Number(iso.slice(5, 7))),
      String(Number(iso.slice(8))),
      iso,
    ]);
    await calendarLinks.row([field(iso.slice(0, 7)), field(iso), field('HAS_DAY')]);
  }

  const files = [sources, entities, events, calendar, relationships, calendarLinks];
  await Promise.all(files.map((f) => f.close()));
  return {
    events: options.events,
    nodes,
    relationships: links,
    nodeFiles: [sources, entities, events, calendar].map((f) => f.path),
    relationshipFiles: [relationships, calendarLinks].map((f) => f.path),
    landmarks: {
      hub: 'syn-country-0',
      rare: `syn-person-${peopleCount - 1}`,
      farA: `syn-person-${peopleCount - 2}`,
      farB: `syn-person-${Math.floor(peopleCount / 2) + 1}`,
      searchTerm: `${LAST_NAMES[7]}`,
    },
  };
}

function claimSource(id: string): ClaimSource {
  return { id, language: 'en', published: null };
}

function sentenceOffsets(sentences: readonly string[]): number[] {
  const offsets: number[] = [];
  let position = 0;
  for (const sentence of sentences) {
    offsets.push(position);
    position += sentence.length + 1;
  }
  return offsets;
}

function describeEntity(
  entity: Entity,
  index: number,
  peopleCount: number,
  countries: readonly Entity[],
  capitals: readonly Entity[],
): string {
  switch (entity.kind) {
    case 'COUNTRY':
      return `${entity.name} is led by its head of state.`;
    case 'PLACE':
      return `${entity.name} is the capital of ${countries[index - countries.length]?.name}.`;
    case 'PERSON':
      return index - countries.length - capitals.length < countries.length
        ? `${entity.name} is the head of state of ${countries[index - countries.length - capitals.length]?.name}.`
        : `${entity.name} is an official.`;
    default:
      return `${entity.name} is an organization (${peopleCount} people in the corpus).`;
  }
}

interface EventDraft {
  readonly id: string;
  readonly type: EventType;
  readonly title: string;
  readonly date: FuzzyDate;
  readonly place: Entity;
  readonly participants: readonly Entity[];
  readonly sentence: string;
}

function draftEvent(
  n: number,
  random: Random,
  personZipf: Zipf,
  placeZipf: Zipf,
  people: readonly Entity[],
  capitals: readonly Entity[],
): EventDraft {
  const type = random.pick(EVENT_TYPE_NAMES);
  const year = random.int(1995, 2024);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const roll = random.next();
  const iso = roll < 0.7 ? `${year}-${pad(month)}-${pad(day)}` : roll < 0.9 ? `${year}-${pad(month)}` : String(year);
  const date = parseFuzzyDate(iso) as FuzzyDate;
  const place = capitals[placeZipf.sample(random)] as Entity;
  const participants = new Map<string, Entity>();
  const wanted = random.int(2, 5);
  for (let attempt = 0; participants.size < wanted && attempt < 20; attempt += 1) {
    const person = people[personZipf.sample(random)] as Entity;
    participants.set(person.id, person);
  }
  const names = [...participants.values()].map((person) => person.name);
  const title = `${type.replace('_', ' ')} in ${place.name} (${n})`;
  const sentence = `On ${iso} ${names.join(', ')} held a ${type.replace('_', ' ')} in ${place.name} (event ${n}).`;
  return { id: `syn-event-${n}`, type, title, date, place, participants: [...participants.values()], sentence };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
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
