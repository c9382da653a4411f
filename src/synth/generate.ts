import { mkdirSync } from 'node:fs';
import type { EvidenceSpan } from '../domain/evidence';
import { parseFuzzyDate, type FuzzyDate } from '../domain/fuzzy-date';
import { EVENT_TYPES, type EventType } from '../domain/model';
import { CorpusWriter, type SynthEntity, type SynthEvent } from './corpus-writer';
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

/** The corpus's entities: countries, their capitals, people (the first heads of state), organizations. */
interface Cast {
  readonly countries: readonly SynthEntity[];
  readonly capitals: readonly SynthEntity[];
  readonly people: readonly SynthEntity[];
  readonly organizations: readonly SynthEntity[];
}

/**
 * Version of what a corpus stores (2: events carry their searchable text; 3: sources their
 * publication, nodes and relationships `knownFrom`); a benchmark instance
 * built by an older generator is generated again.
 */
export const CORPUS_FORMAT = 3;

/**
 * Writes a synthetic corpus as neo4j-admin import CSV files: countries and capitals that become
 * hubs, tens of thousands of people and organizations with power-law participation, agreements,
 * 30 years of events with mixed precision, and a source sentence behind every fact.
 * Deterministic: the same events and seed give the same files.
 */
export async function generateCorpus(options: SynthOptions): Promise<SynthCorpus> {
  mkdirSync(options.dir, { recursive: true });
  const writer = new CorpusWriter(options.dir);
  const cast = castOf(options.events);
  await writeRegistry(writer, cast);
  const dates = await writeEvents(writer, cast, options);
  await writer.calendarTree(dates);
  const files = await writer.close();
  const peopleCount = cast.people.length;
  return {
    events: options.events,
    nodes: writer.nodes,
    relationships: writer.links,
    ...files,
    landmarks: {
      hub: 'syn-country-0',
      rare: `syn-person-${peopleCount - 1}`,
      farA: `syn-person-${peopleCount - 2}`,
      farB: `syn-person-${Math.floor(peopleCount / 2) + 1}`,
      searchTerm: `${LAST_NAMES[7]}`,
    },
  };
}

function castOf(events: number): Cast {
  const peopleCount = Math.min(50_000, Math.max(1_000, Math.round(events / 20)));
  const organizationCount = Math.max(50, Math.round(peopleCount / 10));
  const countries: SynthEntity[] = COUNTRIES.map(([name], i) => ({
    id: `syn-country-${i}`,
    label: 'Entity;Country',
    name,
    kind: 'COUNTRY',
  }));
  return {
    countries,
    capitals: COUNTRIES.map(([, name], i) => ({ id: `syn-place-${i}`, label: 'Entity;Place', name, kind: 'PLACE' })),
    people: Array.from({ length: peopleCount }, (_, i) => ({
      id: `syn-person-${i}`,
      label: 'Entity;Person',
      name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]} ${i}`,
      kind: 'PERSON',
    })),
    organizations: Array.from({ length: organizationCount }, (_, i) => ({
      id: `syn-org-${i}`,
      label: 'Entity;Organization',
      name: `${ORGANIZATION_KINDS[i % ORGANIZATION_KINDS.length]} of ${countries[i % countries.length]?.name} ${i}`,
      kind: 'ORGANIZATION',
    })),
  };
}

/** Entity registry sources: one sentence per entity backs the entity and its links. */
async function writeRegistry(writer: CorpusWriter, cast: Cast): Promise<void> {
  const { countries, people, organizations } = cast;
  const allEntities = [...countries, ...cast.capitals, ...people, ...organizations];
  for (let start = 0; start < allEntities.length; start += ENTITIES_PER_SOURCE) {
    const sourceId = `syn-registry-${start / ENTITIES_PER_SOURCE}`;
    writer.publish(sourceId, REGISTRY_PUBLISHED);
    const chunk = allEntities.slice(start, start + ENTITIES_PER_SOURCE);
    const sentences = chunk.map((entity, i) => describeEntity(entity, start + i, cast));
    for (const [i, span] of spansOf(sentences).entries()) {
      const entity = chunk[i] as SynthEntity;
      const index = start + i;
      const link = (to: string, type: string, role: string | null = null) =>
        writer.relationship(entity.id, to, type, span, sourceId, role);
      await writer.entity(entity, sourceId, span, null);
      await link(sourceId, 'MENTIONED_IN');
      if (entity.kind === 'PLACE') await link(`syn-country-${index - countries.length}`, 'LOCATED_IN');
      if (entity.kind === 'COUNTRY') await link(`syn-person-${index}`, 'LED_BY', 'head_of_state');
      if (entity.kind === 'ORGANIZATION')
        await link(`syn-country-${(index - countries.length * 2 - people.length) % countries.length}`, 'REPRESENTS');
      if (entity.kind === 'PERSON' && index % 7 === 0)
        await link(`syn-org-${(index * 31) % organizations.length}`, 'MEMBER_OF', 'member');
    }
    await writer.source(sourceId, `Synthetic registry ${start / ENTITIES_PER_SOURCE}`, sentences);
  }
}

/** Events, in sources of EVENTS_PER_SOURCE sentences; the dates they use. */
async function writeEvents(writer: CorpusWriter, cast: Cast, options: SynthOptions): Promise<Set<string>> {
  const random = new Random(options.seed);
  const personZipf = new Zipf(cast.people.length, 1.05);
  const placeZipf = new Zipf(cast.capitals.length, 0.9);
  const dates = new Set<string>();
  let agreements = 0;
  for (let start = 0; start < options.events; start += EVENTS_PER_SOURCE) {
    const sourceId = `syn-source-${start / EVENTS_PER_SOURCE}`;
    writer.publish(
      sourceId,
      dispatchPublished(start / EVENTS_PER_SOURCE, Math.ceil(options.events / EVENTS_PER_SOURCE)),
    );
    const count = Math.min(EVENTS_PER_SOURCE, options.events - start);
    const drafts = Array.from({ length: count }, (_, i) =>
      draftEvent(start + i, random, personZipf, placeZipf, cast.people, cast.capitals),
    );
    const sentences = drafts.map((draft) => draft.sentence);
    for (const [i, span] of spansOf(sentences).entries()) {
      const draft = drafts[i] as EventDraft;
      const agreement: SynthEntity | null =
        draft.type === 'signing'
          ? {
              id: `syn-agreement-${agreements}`,
              label: 'Entity;Agreement',
              name: `Agreement ${agreements} on ${draft.place.name}`,
              kind: 'AGREEMENT',
            }
          : null;
      await writer.event(draft, sourceId, span, {
        participants: draft.participants,
        places: [draft.place],
        agreements: agreement ? [agreement] : [],
      });
      dates.add(draft.date.iso);
      await writer.relationship(draft.id, draft.place.id, 'TOOK_PLACE_IN', span, sourceId);
      for (const [p, person] of draft.participants.entries())
        await writer.relationship(person.id, draft.id, 'PARTICIPATED_IN', span, sourceId, ROLES[p % ROLES.length]);
      if (agreement) {
        agreements += 1;
        await writer.entity(agreement, sourceId, span, 'agreement');
        await writer.relationship(draft.id, agreement.id, 'PRODUCED', span, sourceId);
        await writer.relationship(agreement.id, sourceId, 'MENTIONED_IN', span, sourceId);
        for (const person of draft.participants)
          await writer.relationship(person.id, agreement.id, 'SIGNED', span, sourceId);
      }
      options.onProgress?.(start + i + 1);
    }
    await writer.source(sourceId, `Synthetic dispatch ${start / EVENTS_PER_SOURCE}`, sentences);
  }
  return dates;
}

/** The registries are published before every dispatch: their entities are known from the start. */
const REGISTRY_PUBLISHED = '1994-12-31';

/**
 * Dispatch `index` of `count` is published on a day spread evenly over 1995–2024, so that an
 * as-of view of a day in the middle holds about half the events (as-of benchmark scenarios).
 */
function dispatchPublished(index: number, count: number): string {
  const first = Date.UTC(1995, 0, 1);
  const span = Date.UTC(2024, 11, 31) - first;
  const day = first + Math.floor((span * index) / Math.max(count, 1) / 86_400_000) * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}

/** The evidence span of each sentence of a source whose text is the sentences, one per line. */
function spansOf(sentences: readonly string[]): EvidenceSpan[] {
  const offsets = sentenceOffsets(sentences);
  return sentences.map((sentence, i) => ({
    quote: sentence,
    start: offsets[i] as number,
    end: (offsets[i] as number) + sentence.length,
    sentence: i,
    confidence: 1,
  }));
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

function describeEntity(entity: SynthEntity, index: number, cast: Cast): string {
  const { countries, capitals } = cast;
  const peopleCount = cast.people.length;
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

interface EventDraft extends SynthEvent {
  readonly place: SynthEntity;
  readonly participants: readonly SynthEntity[];
  readonly sentence: string;
}

function draftEvent(
  n: number,
  random: Random,
  personZipf: Zipf,
  placeZipf: Zipf,
  people: readonly SynthEntity[],
  capitals: readonly SynthEntity[],
): EventDraft {
  const type = random.pick(EVENT_TYPE_NAMES);
  const year = random.int(1995, 2024);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const roll = random.next();
  const iso = roll < 0.7 ? `${year}-${pad(month)}-${pad(day)}` : roll < 0.9 ? `${year}-${pad(month)}` : String(year);
  const date = parseFuzzyDate(iso) as FuzzyDate;
  const place = capitals[placeZipf.sample(random)] as SynthEntity;
  const participants = new Map<string, SynthEntity>();
  const wanted = random.int(2, 5);
  for (let attempt = 0; participants.size < wanted && attempt < 20; attempt += 1) {
    const person = people[personZipf.sample(random)] as SynthEntity;
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
