import neo4j from 'neo4j-driver';
import type { ResolvedDate } from '../domain/claims';
import type { DatePrecision } from '../domain/fuzzy-date';
import type { FuzzyDateModel } from '../domain/types';
import { toNeo4jDate } from '../neo4j/values';

/**
 * How a node stores a date: flattened into properties named by a prefix and a part (`dateIso`,
 * `dateYear`, … `publishedNote`), so that each part can be indexed and compared in Cypher
 * (`dateEarliest` is a Neo4j DATE). This module is the only one that knows the parts: the writers
 * (loads, the synthetic corpus) and the reader (node-mapper) all go through it.
 */
export const STORED_DATE_PARTS = {
  Iso: 'string',
  Year: 'long',
  Month: 'long',
  Day: 'long',
  Precision: 'string',
  Earliest: 'date',
  Latest: 'date',
  Inferred: 'boolean',
  Note: 'string',
} as const;

type Part = keyof typeof STORED_DATE_PARTS;
const PARTS = Object.keys(STORED_DATE_PARTS) as Part[];

/** The parts of a date as plain values (days as YYYY-MM-DD), in STORED_DATE_PARTS order. */
export function dateParts(date: ResolvedDate): Record<Part, string | number | boolean | null> {
  return {
    Iso: date.iso,
    Year: date.year,
    Month: date.month,
    Day: date.day,
    Precision: date.precision,
    Earliest: date.earliest,
    Latest: date.latest,
    Inferred: date.inferred,
    Note: date.note,
  };
}

/** The properties a node stores for a date under `prefix` (none for no date), as the driver writes them. */
export function storedDateProperties(prefix: string, date: ResolvedDate | null): Record<string, unknown> {
  if (!date) return {};
  const parts = dateParts(date);
  return Object.fromEntries(
    PARTS.map((part) => {
      const value = parts[part];
      const type = STORED_DATE_PARTS[part];
      const stored =
        value === null
          ? null
          : type === 'long'
            ? neo4j.int(value as number)
            : type === 'date'
              ? toNeo4jDate(value as string)
              : value;
      return [`${prefix}${part}`, stored];
    }),
  );
}

/** Cypher map entries projecting a stored date's properties (`.publishedIso, .publishedYear, …`). */
export function storedDateProjection(prefix: string): string {
  return PARTS.map((part) => `.${prefix}${part}`).join(', ');
}

/** The date a node stores under `prefix`, from a row of its properties (driver values made native); null when none. */
export function readStoredDate(row: Readonly<Record<string, unknown>>, prefix: string): FuzzyDateModel | null {
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
