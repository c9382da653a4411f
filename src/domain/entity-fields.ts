import type { EntityLabel } from './model';

/**
 * The entity's descriptive fields, declared once. A bundle may give each (bundle-schema), a claim
 * keeps what its source gave (claims), the resolved node stores the first-ranked claim's value
 * (claims.repository writes it, node-mapper reads it back), the API serves it, and the GraphQL
 * contract lists it (`npm run codegen` writes it into schema.graphql). Names and aliases are not
 * here: they are what entity resolution matches on, and have rules of their own.
 */
interface FieldDeclaration {
  /** A text, or a list of texts. */
  readonly kind: 'text' | 'list';
  /** The English field: resolved from English-language sources first (as nameEn). */
  readonly english: boolean;
  /** Shown in the GraphQL contract. */
  readonly doc: string;
  /** Only these kinds carry it in the contract (the default: every entity). */
  readonly labels?: readonly EntityLabel[];
  /** When no source gives it, the resolved node shows this field of its own instead. */
  readonly orElse?: 'name' | 'nameEn';
}

export const ENTITY_FIELDS = {
  shortName: {
    kind: 'text',
    english: false,
    doc: 'A short caption for a long name ("KCNA"), where space is short: graph nodes, labels. The English name when no source gives one.',
    orElse: 'nameEn',
  },
  subtype: { kind: 'text', english: false, doc: 'Finer kind: head of state, news agency, river, treaty…' },
  description: { kind: 'text', english: false, doc: "A short description, in the source's language." },
  descriptionEn: { kind: 'text', english: true, doc: 'The description in English.' },
  areas: {
    kind: 'list',
    english: false,
    doc: "Areas the agreement covers, in the source's language.",
    labels: ['Agreement'],
  },
  areasEn: { kind: 'list', english: true, doc: 'Areas the agreement covers, in English.', labels: ['Agreement'] },
} as const satisfies Record<string, FieldDeclaration>;

export type EntityFieldName = keyof typeof ENTITY_FIELDS;

type ValueOf<F extends FieldDeclaration> = F['kind'] extends 'list' ? readonly string[] : string;

/** The declared fields with their values; null where nothing gives one. */
export type EntityFieldValues = {
  readonly [K in EntityFieldName]: ValueOf<(typeof ENTITY_FIELDS)[K]> | null;
};

export const ENTITY_FIELD_NAMES = Object.keys(ENTITY_FIELDS) as EntityFieldName[];

/**
 * The declared fields of any record (a bundle entity, a stored node's row, a claim), each a text,
 * a list of texts or null, whatever else the record holds.
 */
export function entityFieldsOf(record: object): EntityFieldValues {
  return Object.fromEntries(
    ENTITY_FIELD_NAMES.map((name) => {
      const value = (record as Record<string, unknown>)[name];
      const kept =
        ENTITY_FIELDS[name].kind === 'list'
          ? Array.isArray(value)
            ? value.map(String)
            : null
          : typeof value === 'string'
            ? value
            : null;
      return [name, kept];
    }),
  ) as unknown as EntityFieldValues;
}

/**
 * The resolved fields: each the first value in `worded` (claims in wording order), English ones
 * from `english` (the same claims, English-language sources first); a field with `orElse` falls
 * back to the node's own name.
 */
export function resolveEntityFields(
  worded: readonly EntityFieldValues[],
  english: readonly EntityFieldValues[],
  names: { readonly name: string; readonly nameEn: string },
): EntityFieldValues {
  return Object.fromEntries(
    ENTITY_FIELD_NAMES.map((name) => {
      const declaration: FieldDeclaration = ENTITY_FIELDS[name];
      const ranked = declaration.english ? english : worded;
      const value = ranked.map((claim) => claim[name]).find((candidate) => candidate !== null) ?? null;
      return [name, value ?? (declaration.orElse ? names[declaration.orElse] : null)];
    }),
  ) as unknown as EntityFieldValues;
}
