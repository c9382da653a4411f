import { z } from 'zod';
import { ENTITY_LABELS, EVENT_TYPES, RELATIONSHIP_TYPES } from '../domain/model';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case slug such as kim-jong-un');
const text = z.string().trim().min(1);

export const EvidenceSchema = z
  .object({
    quote: z.string().min(1),
    /** Offset of the quote's first character in the source text (UTF-16 code units). */
    start: z.number().int().nonnegative(),
    /** Offset after its last character. */
    end: z.number().int().positive(),
    /** Index of the sentence holding the quote (sentences as src/ingest/sentences.ts splits them). */
    sentence: z.number().int().nonnegative(),
    confidence: z.number().min(0).max(1).default(1),
    note: text.optional(),
  })
  .strict();

const evidenceList = z.array(EvidenceSchema).min(1, 'every fact needs at least one piece of evidence');

export const BundleDateSchema = z
  .object({
    iso: z.string(),
    /** True when the source does not state the year (or more) and it was worked out. */
    inferred: z.boolean(),
    note: text.optional(),
    evidence: evidenceList,
  })
  .strict()
  .refine((date) => !date.inferred || date.note !== undefined, {
    message: 'an inferred date needs a note saying how',
    path: ['note'],
  });

export const EntitySchema = z
  .object({
    id,
    label: z.enum(ENTITY_LABELS),
    name: text,
    nameEn: text,
    aliases: z.array(text).default([]),
    subtype: text.optional(),
    description: text.optional(),
    descriptionEn: text.optional(),
    /** Areas an agreement covers, in the source's language and in English. */
    areas: z.array(text).optional(),
    areasEn: z.array(text).optional(),
    /** The id of an existing entity this one is (when its names do not already say so). */
    sameAs: id.optional(),
    evidence: evidenceList,
  })
  .strict();

/** Words the source quotes: the quote is the evidence, `speaker` who said them. */
export const QuoteSchema = EvidenceSchema.extend({ speaker: id.optional() }).strict();

export const EventSchema = z
  .object({
    id,
    type: z.enum(Object.keys(EVENT_TYPES) as [keyof typeof EVENT_TYPES, ...(keyof typeof EVENT_TYPES)[]]),
    title: text,
    titleEn: text,
    description: text.optional(),
    date: BundleDateSchema,
    endDate: BundleDateSchema.optional(),
    /** The id of an existing event that is the same happening; this one's claims go onto it. */
    sameAs: id.optional(),
    quotes: z.array(QuoteSchema).default([]),
    evidence: evidenceList,
  })
  .strict();

export const RelationshipSchema = z
  .object({
    type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
    from: id,
    to: id,
    /** A key of the role vocabulary (src/domain/roles.ts), such as head_of_state. */
    role: text.optional(),
    /** The source's own wording of the role: "presidente", "President", "vice-ministro da Defesa". */
    title: text.optional(),
    note: text.optional(),
    evidence: evidenceList,
  })
  .strict();

export const SourceSchema = z
  .object({
    id,
    /** The source text, relative to the bundle file. */
    textFile: text,
    url: z.string().url().optional(),
    title: text.optional(),
    titleEn: text.optional(),
    publisher: text.optional(),
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language code such as pt or pt-BR'),
    /** When the source was published (record time), as precisely as known. */
    published: BundleDateSchema.optional(),
    /** Page furniture that states no fact (exempt from coverage). */
    boilerplate: z.array(z.string().min(1)).default([]),
    evidence: evidenceList,
  })
  .strict();

export const BundleSchema = z
  .object({
    source: SourceSchema,
    entities: z.array(EntitySchema).default([]),
    events: z.array(EventSchema).default([]),
    relationships: z.array(RelationshipSchema).default([]),
  })
  .strict();

export type Evidence = z.infer<typeof EvidenceSchema>;
export type BundleDate = z.infer<typeof BundleDateSchema>;
export type BundleEntity = z.infer<typeof EntitySchema>;
export type BundleEvent = z.infer<typeof EventSchema>;
export type BundleRelationship = z.infer<typeof RelationshipSchema>;
export type BundleSource = z.infer<typeof SourceSchema>;
export type Bundle = z.infer<typeof BundleSchema>;
export type BundleQuote = z.infer<typeof QuoteSchema>;
