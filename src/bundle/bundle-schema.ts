import { z } from 'zod';
import { ENTITY_FIELD_NAMES, ENTITY_FIELDS, type EntityFieldName } from '../domain/entity-fields';
import { ENTITY_LABELS, EVENT_TYPES, RELATIONSHIP_TYPES } from '../domain/model';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case slug such as kim-jong-un');
const text = z.string().trim().min(1);

const EvidenceSchema = z
  .object({
    quote: z.string().min(1),
    /** Offset of the quote's first character in the source text (UTF-16 code units). */
    start: z.number().int().nonnegative(),
    /** Offset after its last character. */
    end: z.number().int().positive(),
    /** Index of the sentence holding the quote (sentences as src/bundle/sentences.ts splits them). */
    sentence: z.number().int().nonnegative(),
    confidence: z.number().min(0).max(1).default(1),
    note: text.optional(),
  })
  .strict();

const evidenceList = z.array(EvidenceSchema).min(1, 'every fact needs at least one piece of evidence');

const dateFields = {
  iso: z.string(),
  /** True when the source does not state the year (or more) and it was worked out. */
  inferred: z.boolean(),
  note: text.optional(),
};
const hasNoteIfInferred = (date: { inferred: boolean; note?: string }) => !date.inferred || date.note !== undefined;
const inferredNeedsNote = { message: 'an inferred date needs a note saying how', path: ['note'] };

const BundleDateSchema = z
  .object({ ...dateFields, evidence: evidenceList })
  .strict()
  .refine(hasNoteIfInferred, inferredNeedsNote);

/** A publication date: its evidence is optional, as it often comes from the page, not the text. */
const PublishedDateSchema = z
  .object({ ...dateFields, evidence: z.array(EvidenceSchema).default([]) })
  .strict()
  .refine(hasNoteIfInferred, inferredNeedsNote);

/** Each field of ENTITY_FIELDS, optional: a text, or a list of texts. */
function declaredFields(): { [K in EntityFieldName]: z.ZodOptional<FieldSchema<(typeof ENTITY_FIELDS)[K]['kind']>> } {
  return Object.fromEntries(
    ENTITY_FIELD_NAMES.map((name) => [
      name,
      (ENTITY_FIELDS[name].kind === 'list' ? z.array(text) : text).optional().describe(ENTITY_FIELDS[name].doc),
    ]),
  ) as never;
}
type FieldSchema<Kind> = Kind extends 'list' ? z.ZodArray<typeof text> : typeof text;

const EntitySchema = z
  .object({
    id,
    label: z.enum(ENTITY_LABELS),
    name: text,
    /** The English name; defaults to `name` in an English source, required in any other. */
    nameEn: text.optional(),
    aliases: z.array(text).default([]),
    ...declaredFields(),
    /** The id of an existing entity this one is (when its names do not already say so). */
    sameAs: id.optional(),
    /** How this source's wording (name, description) counts against other sources': see ClaimRank. */
    rank: z.enum(['preferred', 'normal', 'deprecated']).optional(),
    evidence: evidenceList,
  })
  .strict();

/** Words the source quotes: the quote is the evidence, `speaker` who said them. */
const QuoteSchema = EvidenceSchema.extend({ speaker: id.optional() }).strict();

const EventSchema = z
  .object({
    id,
    type: z.enum(Object.keys(EVENT_TYPES) as [keyof typeof EVENT_TYPES, ...(keyof typeof EVENT_TYPES)[]]),
    title: text,
    /** The English title; defaults to `title` in an English source, required in any other. */
    titleEn: text.optional(),
    description: text.optional(),
    date: BundleDateSchema,
    /** Refused: an event that lasts days is dated by an interval, date.iso `2024-06-18/2024-06-19`. */
    endDate: z.undefined({
      invalid_type_error:
        'endDate is not read: date an event that lasts days with an interval of days, date.iso "2024-06-18/2024-06-19"',
    }),
    /** The id of an existing event that is the same happening; this one's claims go onto it. */
    sameAs: id.optional(),
    /** How this source's wording (title, type, description) counts against other sources': see ClaimRank. */
    rank: z.enum(['preferred', 'normal', 'deprecated']).optional(),
    quotes: z.array(QuoteSchema).default([]),
    evidence: evidenceList,
  })
  .strict();

const RelationshipSchema = z
  .object({
    type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
    from: id,
    to: id,
    /** A key of the role vocabulary (src/domain/roles.ts), such as head_of_state. */
    role: text.optional(),
    /** The source's own wording of the role: "presidente", "President", "vice-ministro da Defesa". */
    title: text.optional(),
    /**
     * LED_BY only: when the leadership began and ended, as ISO dates of any precision ("2011-12",
     * "2024-05-07"); a side left out is open. A head counts for a country's summits within it.
     */
    since: z.string().optional(),
    until: z.string().optional(),
    note: text.optional(),
    evidence: evidenceList,
  })
  .strict();

const SourceSchema = z
  .object({
    id,
    /** The file holding the source text, relative to the bundle file (bundles on disk). */
    textFile: text.optional(),
    /** The source text itself (bundles sent to the API, which reads no files); instead of textFile. */
    text: z.string().min(1).optional(),
    url: z.string().url().optional(),
    title: text.optional(),
    titleEn: text.optional(),
    publisher: text.optional(),
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language code such as pt or pt-BR'),
    /** When the source was published, as precisely as known (what as-of views go by). */
    published: PublishedDateSchema.optional(),
    /** Page furniture that states no fact (exempt from coverage). */
    boilerplate: z.array(z.string().min(1)).default([]),
    /** Quotes that name the source itself (a "Fonte:" line, a dateline); optional. */
    evidence: z.array(EvidenceSchema).default([]),
  })
  .strict();

export const BundleSchema = z
  .object({
    source: SourceSchema,
    entities: z.array(EntitySchema).default([]),
    events: z.array(EventSchema).default([]),
    relationships: z.array(RelationshipSchema).default([]),
  })
  .strict()
  .superRefine((bundle, context) => {
    if (isEnglish(bundle.source.language)) return;
    const need = (path: (string | number)[], field: string, what: string) =>
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path,
        message: `${field} is required in a "${bundle.source.language}" source: the ${what} in English (it defaults to ${what === 'name' ? 'name' : 'title'} only in an English source)`,
      });
    bundle.entities.forEach((entity, index) => {
      if (entity.nameEn === undefined) need(['entities', index, 'nameEn'], 'nameEn', 'name');
    });
    bundle.events.forEach((event, index) => {
      if (event.titleEn === undefined) need(['events', index, 'titleEn'], 'titleEn', 'title');
    });
  })
  .transform((bundle) => ({
    ...bundle,
    entities: bundle.entities.map((entity) => ({ ...entity, nameEn: entity.nameEn ?? entity.name })),
    events: bundle.events.map((event) => ({ ...event, titleEn: event.titleEn ?? event.title })),
  }));

/** What the drafter puts before the clause it proposes as a title: the loader refuses it until rewritten. */
export const DRAFTED_TITLE_PREFIX = 'DRAFT: ';

/**
 * A bundle from `npm run draft` carries a top-level `draft` key until its author has reviewed it.
 * Returns the content without it, and whether it was there.
 */
export function splitDraftMark(content: unknown): { isDraft: boolean; bundle: unknown } {
  if (typeof content !== 'object' || content === null || !('draft' in content))
    return { isDraft: false, bundle: content };
  const { draft: _draft, ...bundle } = content as Record<string, unknown>;
  return { isDraft: true, bundle };
}

/** English sources may leave out the English names and titles: they are the names and titles. */
function isEnglish(language: string): boolean {
  return language === 'en' || language.startsWith('en-');
}

export type Evidence = z.infer<typeof EvidenceSchema>;
export type BundleDate = z.infer<typeof BundleDateSchema>;
export type Bundle = z.output<typeof BundleSchema>;
