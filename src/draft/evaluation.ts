import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { matchKey } from '../domain/normalize';
import { draftBundle, type Draft } from './draft-bundle';
import type { KnownNodes } from './known-nodes';
import { overlaps, slugify, type Span } from './text-search';

const GoldSchema = z
  .object({
    text: z.string(),
    language: z.string(),
    furniture: z.array(z.string()).default([]),
    known: z.array(z.object({ id: z.string(), quote: z.string() }).strict()).default([]),
    new: z
      .array(z.object({ name: z.string(), label: z.string(), mentions: z.array(z.string()).default([]) }).strict())
      .default([]),
    dates: z.array(z.object({ quote: z.string(), iso: z.coerce.string() }).strict()).default([]),
    events: z
      .array(
        z
          .object({
            type: z.string(),
            date: z.coerce.string(),
            place: z.string().optional(),
            participants: z.record(z.string()).default({}),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** A hand-made annotation of one evaluation text (format: test/fixtures/eval/README.md). */
export type Gold = z.output<typeof GoldSchema>;

export interface EvalText {
  readonly name: string;
  readonly text: string;
  readonly gold: Gold;
}

/** Items of one category: gold found by the draft, and drafted items the gold confirms. */
export interface EvalCounts {
  readonly gold: number;
  readonly found: number;
  readonly drafted: number;
  readonly confirmed: number;
  /** What the draft lacks or has wrong, for a person. */
  readonly misses: readonly string[];
}

export const EVAL_CATEGORIES = [
  'known-entity mentions',
  'new entities (span, label)',
  'dates (value, precision)',
  'events (type, date)',
  'relationships usable',
] as const;
export type EvalCategory = (typeof EVAL_CATEGORIES)[number];

export type EvalScore = Record<EvalCategory, EvalCounts>;

/** Reads the gold files of an evaluation folder (`NN-name.gold.yaml` beside its text), in name order. */
export function readEvalSet(folder: string): EvalText[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.gold.yaml'))
    .sort()
    .map((name) => {
      const gold = GoldSchema.parse(parse(readFileSync(path.join(folder, name), 'utf8')));
      return {
        name: name.replace(/\.gold\.yaml$/, ''),
        text: readFileSync(path.join(folder, gold.text), 'utf8'),
        gold,
      };
    });
}

/** Drafts one evaluation text (no publication date given: the text states it) and scores it. */
export function evaluateText(item: EvalText, known: KnownNodes): { draft: Draft; score: EvalScore } {
  const draft = draftBundle(item.text, {
    sourceId: `eval-${item.name}`,
    textFile: item.gold.text,
    language: item.gold.language,
    known,
  });
  return { draft, score: scoreDraft(draft, item) };
}

/** Scores a draft against the gold annotation of its text. */
export function scoreDraft(draft: Draft, { text, gold }: EvalText): EvalScore {
  const furniture = gold.furniture.flatMap((line) => occurrences(text, line));
  const newSpans = gold.new.flatMap((entity) =>
    [entity.name, ...entity.mentions].flatMap((name) => occurrences(text, name)),
  );
  const inAny = (span: Span, spans: readonly Span[]) =>
    spans.some((other) => other.start <= span.start && span.end <= other.end);

  // Known mentions: every whole-word occurrence, minus those inside a longer annotated quote.
  const knownSpans = gold.known.flatMap(({ id, quote }) =>
    occurrences(text, quote).map((span) => ({ id, quote, ...span })),
  );
  const goldMentions = knownSpans.filter(
    (mention) =>
      !inAny(mention, furniture) &&
      ![...knownSpans, ...newSpans].some(
        (other) =>
          other.end - other.start > mention.end - mention.start &&
          other.start <= mention.start &&
          mention.end <= other.end,
      ),
  );
  const draftedMentions = draft.mentions.filter((mention) => !inAny(mention, furniture) && !inAny(mention, newSpans));
  const known = count(
    goldMentions,
    draftedMentions,
    (goldMention, drafted) => drafted.entityId === goldMention.id && overlaps(goldMention, drafted),
    (mention) => `${mention.id} "${mention.quote}" at ${mention.start}`,
    (mention) => `wrong: ${mention.entityId} "${mention.quote}" at ${mention.start}`,
  );

  // New entities: a candidate is right when its name is a gold name or spelling, with the gold label.
  const matchedGold = new Map<string, string>();
  const newEntities = count(
    gold.new,
    draft.candidates,
    (entity, candidate) =>
      candidate.label === entity.label &&
      [entity.name, ...entity.mentions].some((name) => matchKey(name) === matchKey(candidate.name)) &&
      // the first match is the one kept: remember it, so links name the gold entity
      (matchedGold.set(candidate.id, slugify(entity.name)), true),
    (entity) => `${entity.label} "${entity.name}"`,
    (candidate) => `wrong: ${candidate.label} "${candidate.name}"`,
    true,
  );

  // Dates: the same value (so the same precision) with overlapping evidence.
  const goldDates = gold.dates.map((date) => ({ ...date, ...(occurrences(text, date.quote, false)[0] ?? NOWHERE) }));
  const published = draft.bundle.source.published;
  const draftedDates = [
    ...draft.dates,
    ...(published?.evidence ?? [])
      .filter((span) => !draft.dates.some((date) => overlaps(date, span)))
      .map((span) => ({ ...span, iso: published?.iso ?? '' })),
  ];
  const dates = count(
    goldDates,
    draftedDates,
    (date, drafted) => date.iso === drafted.iso && overlaps(date, drafted),
    (date) => `"${date.quote}" ${date.iso}`,
    (drafted) => `wrong: "${drafted.quote}" ${drafted.iso}`,
  );

  // Events: a distinct drafted event of the same type and date; its links judged against the gold.
  const pairs: { gold: Gold['events'][number]; drafted: Draft['events'][number] }[] = [];
  const events = count(
    gold.events,
    draft.events,
    (event, drafted) =>
      drafted.type === event.type && drafted.date.iso === event.date && (pairs.push({ gold: event, drafted }), true),
    (event) => `${event.type} ${event.date}`,
    (drafted) => `wrong: ${drafted.type} ${drafted.date.iso} "${drafted.title.slice(0, 60)}"`,
    true,
  );
  const keyOf = (entityId: string) => matchedGold.get(entityId) ?? entityId;
  const links = pairs.flatMap(({ gold: event, drafted }) =>
    drafted.links
      .filter((link) => link.type === 'PARTICIPATED_IN' || link.type === 'TOOK_PLACE_IN')
      .map((link) => ({
        link,
        // The graph's convention makes a visited country the visit's host; the gold may name it as the place.
        usable:
          link.type === 'TOOK_PLACE_IN'
            ? event.place === keyOf(link.entityId)
            : event.participants[keyOf(link.entityId)] === link.role ||
              (link.role === 'host' && event.place === keyOf(link.entityId)),
        event,
      })),
  );
  const usable = links.filter((item) => item.usable).length;
  const relationships: EvalCounts = {
    gold: links.length,
    found: usable,
    drafted: links.length,
    confirmed: usable,
    misses: links
      .filter((item) => !item.usable)
      .map(
        ({ link, event }) =>
          `wrong: ${link.type} ${keyOf(link.entityId)}${link.role ? ` as ${link.role}` : ''} in ${event.type} ${event.date}`,
      ),
  };

  return {
    'known-entity mentions': known,
    'new entities (span, label)': newEntities,
    'dates (value, precision)': dates,
    'events (type, date)': events,
    'relationships usable': relationships,
  };
}

const NOWHERE: Span = { start: -1, end: -1 };

/** Every occurrence of `quote` as whole words (case-sensitive), or anywhere when `wholeWords` is false. */
function occurrences(text: string, quote: string, wholeWords = true): Span[] {
  const spans: Span[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    const before = text.slice(Math.max(0, at - 1), at);
    const after = text.slice(at + quote.length, at + quote.length + 1);
    if (!wholeWords || (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)))
      spans.push({ start: at, end: at + quote.length });
  }
  return spans;
}

/**
 * Matches gold items to drafted ones (each drafted item used once when `distinct`): recall counts
 * gold items with a match, precision drafted items matched by some gold item.
 */
function count<G, D>(
  gold: readonly G[],
  drafted: readonly D[],
  matches: (gold: G, drafted: D) => boolean,
  describeGold: (gold: G) => string,
  describeDrafted: (drafted: D) => string,
  distinct = false,
): EvalCounts {
  const used = new Set<D>();
  const confirmed = new Set<D>();
  const missed: G[] = [];
  for (const item of gold) {
    const match = drafted.find((candidate) => !(distinct && used.has(candidate)) && matches(item, candidate));
    if (match === undefined) missed.push(item);
    else used.add(match);
    if (!distinct) for (const candidate of drafted) if (matches(item, candidate)) confirmed.add(candidate);
  }
  const right = distinct ? used : confirmed;
  return {
    gold: gold.length,
    found: gold.length - missed.length,
    drafted: drafted.length,
    confirmed: right.size,
    misses: [
      ...missed.map((item) => `missed: ${describeGold(item)}`),
      ...drafted.filter((item) => !right.has(item)).map(describeDrafted),
    ],
  };
}

/** Sums per-text scores into one score per category. */
export function sumScores(scores: readonly EvalScore[]): EvalScore {
  const total = {} as Record<EvalCategory, EvalCounts>;
  for (const category of EVAL_CATEGORIES) {
    const parts = scores.map((score) => score[category]);
    total[category] = {
      gold: parts.reduce((sum, part) => sum + part.gold, 0),
      found: parts.reduce((sum, part) => sum + part.found, 0),
      drafted: parts.reduce((sum, part) => sum + part.drafted, 0),
      confirmed: parts.reduce((sum, part) => sum + part.confirmed, 0),
      misses: parts.flatMap((part) => part.misses),
    };
  }
  return total;
}

/** The corrections an author makes to turn the draft into the gold: every miss and every wrong item. */
export function correctionsOf(score: EvalScore): number {
  return EVAL_CATEGORIES.reduce((sum, category) => sum + score[category].misses.length, 0);
}

/** Recall and precision of each category of both sets, side by side, as a plain-text table. */
export function formatEvalTable(sets: readonly { name: string; score: EvalScore }[]): string {
  const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)} %`);
  const header = ['category', ...sets.flatMap(({ name }) => [`${name} recall`, `${name} precision`])];
  const rows = EVAL_CATEGORIES.map((category) => [
    category,
    ...sets.flatMap(({ score }) => {
      const counts = score[category];
      return category === 'relationships usable'
        ? [`${counts.confirmed}/${counts.drafted}`, percent(counts.confirmed, counts.drafted)]
        : [
            `${percent(counts.found, counts.gold)} (${counts.found}/${counts.gold})`,
            `${percent(counts.confirmed, counts.drafted)} (${counts.confirmed}/${counts.drafted})`,
          ];
    }),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
