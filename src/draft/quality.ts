import { matchKey } from '../domain/normalize';
import type { Bundle } from '../bundle/bundle-schema';
import { draftBundle, type Draft } from './draft-bundle';
import { knownNodesFromBundles, type KnownNodes } from './known-nodes';
import { overlaps, type Span } from './text-search';

/** Recall and precision of one category. */
export interface QualityRow {
  readonly category: 'known-entity mentions' | 'dates' | 'events';
  /** Items of the hand-made bundle, and how many of them the draft has. */
  readonly hand: number;
  readonly found: number;
  /** Items of the draft, and how many of them the hand-made bundle confirms. */
  readonly drafted: number;
  readonly confirmed: number;
  /** The hand items the draft lacks, described for a person. */
  readonly missed: readonly string[];
}

/**
 * Compares a draft with the hand-made bundle of the same text.
 *
 * - Known-entity mentions: a hand mention is an evidence span of a hand entity that is known
 *   (its id, or a known entity of the same label sharing one of its names). It is found when the
 *   draft has a mention of the same id whose span overlaps it. A drafted mention is confirmed
 *   when the hand bundle backs the same id with an overlapping span anywhere: the entity's own
 *   evidence, a relationship it is an end of, a quote it speaks.
 * - Dates: a hand date is the date of an event or the publication date (iso, evidence spans).
 *   It is found when the draft offers the same iso (so value and precision) with evidence
 *   overlapping one of its spans: a date expression, an event's date, the publication date. A
 *   drafted date expression is confirmed when some hand date has its iso and an overlapping span.
 * - Events: each hand event is matched to a distinct drafted event of the same type and date iso.
 */
function measureQuality(draft: Draft, hand: Bundle, known: KnownNodes): QualityRow[] {
  return [entityRow(draft, hand, known), dateRow(draft, hand), eventRow(draft, hand)];
}

function entityRow(draft: Draft, hand: Bundle, known: KnownNodes): QualityRow {
  const knownId = knownIdResolver(known);
  const handMentions = new Map<string, { id: string; quote: string } & Span>();
  for (const entity of hand.entities) {
    const id = knownId(entity.id, entity.label, [entity.name, entity.nameEn ?? entity.name, ...entity.aliases]);
    if (id === undefined) continue;
    for (const span of entity.evidence) handMentions.set(`${id}|${span.start}|${span.end}`, { id, ...span });
  }
  const missed = [...handMentions.values()].filter(
    (mention) => !draft.mentions.some((drafted) => drafted.entityId === mention.id && overlaps(drafted, mention)),
  );

  const backing = new Map<string, Span[]>();
  const back = (id: string, spans: readonly Span[]) => backing.set(id, [...(backing.get(id) ?? []), ...spans]);
  const handEntity = new Map(hand.entities.map((entity) => [entity.id, entity]));
  const resolve = (id: string) => {
    const entity = handEntity.get(id);
    return entity
      ? knownId(entity.id, entity.label, [entity.name, entity.nameEn ?? entity.name, ...entity.aliases])
      : id;
  };
  for (const entity of hand.entities) back(resolve(entity.id) ?? entity.id, entity.evidence);
  for (const relationship of hand.relationships) {
    back(resolve(relationship.from) ?? relationship.from, relationship.evidence);
    back(resolve(relationship.to) ?? relationship.to, relationship.evidence);
  }
  for (const event of hand.events)
    for (const quote of event.quotes) if (quote.speaker) back(resolve(quote.speaker) ?? quote.speaker, [quote]);
  const confirmed = draft.mentions.filter((mention) =>
    (backing.get(mention.entityId) ?? []).some((span) => overlaps(span, mention)),
  ).length;
  return {
    category: 'known-entity mentions',
    hand: handMentions.size,
    found: handMentions.size - missed.length,
    drafted: draft.mentions.length,
    confirmed,
    missed: missed.map((mention) => `${mention.id} "${mention.quote}" (${mention.start}–${mention.end})`),
  };
}

/** The known id a hand entity stands for: its own, or a known entity of its label sharing a name. */
function knownIdResolver(
  known: KnownNodes,
): (id: string, label: string, names: readonly string[]) => string | undefined {
  const ids = new Set(known.entities.map((entity) => entity.id));
  return (id, label, names) => {
    if (ids.has(id)) return id;
    const keys = new Set(names.map(matchKey));
    return known.entities.find(
      (entity) =>
        entity.label === label &&
        [entity.name, entity.nameEn, ...entity.aliases].some((name) => keys.has(matchKey(name))),
    )?.id;
  };
}

function dateRow(draft: Draft, hand: Bundle): QualityRow {
  type Dated = { iso: string; evidence: readonly (Span & { quote: string })[] };
  const handDates = new Map<string, { what: string; iso: string; spans: Dated['evidence'] }>();
  const addHand = (what: string, date: Dated | undefined) => {
    if (!date) return;
    const key = `${what === 'publication' ? what : 'event'}|${date.iso}|${date.evidence.map((span) => `${span.start}-${span.end}`).join(',')}`;
    if (!handDates.has(key)) handDates.set(key, { what, iso: date.iso, spans: date.evidence });
  };
  addHand('publication', hand.source.published);
  for (const event of hand.events) addHand(event.id, event.date);

  // The publication date answers only for the publication: it was given, not found.
  const published = draft.bundle.source.published;
  const publicationOffers = (published?.evidence ?? []).map((span) => ({ iso: published?.iso ?? '', span }));
  const eventOffers = [
    ...draft.dates.map((date) => ({ iso: date.iso, span: date as Span })),
    ...draft.bundle.events.flatMap((event) => event.date.evidence.map((span) => ({ iso: event.date.iso, span }))),
  ];
  const missed = [...handDates.values()].filter(
    (date) =>
      !(date.what === 'publication' ? publicationOffers : eventOffers).some(
        (offer) => offer.iso === date.iso && date.spans.some((span) => overlaps(span, offer.span)),
      ),
  );
  const confirmed = draft.dates.filter((mention) =>
    [...handDates.values()].some(
      (date) => date.iso === mention.iso && date.spans.some((span) => overlaps(span, mention)),
    ),
  ).length;
  return {
    category: 'dates',
    hand: handDates.size,
    found: handDates.size - missed.length,
    drafted: draft.dates.length,
    confirmed,
    missed: missed.map(
      (date) => `${date.what}: ${date.iso} at ${date.spans.map((span) => `"${span.quote}"`).join(', ')}`,
    ),
  };
}

function eventRow(draft: Draft, hand: Bundle): QualityRow {
  const unmatched = [...draft.bundle.events];
  const missed: string[] = [];
  for (const event of hand.events) {
    const index = unmatched.findIndex((drafted) => drafted.type === event.type && drafted.date.iso === event.date.iso);
    if (index < 0) missed.push(`${event.id} (${event.type}, ${event.date.iso})`);
    else unmatched.splice(index, 1);
  }
  const found = hand.events.length - missed.length;
  return {
    category: 'events',
    hand: hand.events.length,
    found,
    drafted: draft.bundle.events.length,
    confirmed: found,
    missed,
  };
}

/** Recall (found / hand) and precision (confirmed / drafted) as fractions; 1 when there is nothing to count. */
export function recallOf(row: QualityRow): number {
  return row.hand === 0 ? 1 : row.found / row.hand;
}

export function precisionOf(row: QualityRow): number {
  return row.drafted === 0 ? 1 : row.confirmed / row.drafted;
}

/** The rows as a plain-text table. */
export function formatQualityTable(rows: readonly QualityRow[]): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  const header = ['category', 'hand', 'found', 'recall', 'drafted', 'confirmed', 'precision'];
  const lines = rows.map((row) => [
    row.category,
    String(row.hand),
    String(row.found),
    percent(recallOf(row)),
    String(row.drafted),
    String(row.confirmed),
    percent(precisionOf(row)),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] as string).length)),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number),
      )
      .join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

/**
 * Drafts the text of a hand-made bundle and measures the draft against it. The known entities
 * are those of the seed bundles and of the hand bundle itself (its author reused existing ids);
 * its events are withheld, or the draft would only say sameAs to each of them.
 */
export function draftAndMeasure(
  hand: Bundle,
  text: string,
  seedBundles: readonly Bundle[],
  options: { textFile: string; published?: string; language?: string },
): { draft: Draft; known: KnownNodes; rows: QualityRow[] } {
  const others = seedBundles.filter((bundle) => bundle.source.id !== hand.source.id);
  const known = knownNodesFromBundles([...others, hand], { withoutEventsOf: [hand.source.id] });
  const published = options.published ?? hand.source.published?.iso;
  const draft = draftBundle(text, {
    sourceId: `${hand.source.id}-draft`,
    textFile: options.textFile,
    language: options.language ?? hand.source.language.slice(0, 2),
    ...(published ? { published } : {}),
    known,
  });
  return { draft, known, rows: measureQuality(draft, hand, known) };
}
