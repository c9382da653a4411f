import type { EvidenceModel } from './types';

/** A quote of a source that backs a fact, as a bundle states it (the source is implied). */
export interface EvidenceSpan {
  readonly quote: string;
  /** Offset of the quote's first character in the source text (UTF-16 code units). */
  readonly start: number;
  /** Offset after its last character. */
  readonly end: number;
  readonly sentence: number;
  readonly confidence: number;
  readonly note?: string | undefined;
}

/**
 * The stored form of one piece of evidence: a JSON string that names its source. Nodes and
 * relationships keep a list of them in `evidence`, so Neo4j Browser users can read them as they are.
 * Keys are written in one fixed order, so equal evidence is an equal string.
 */
export function encodeEvidence(sourceId: string, span: EvidenceSpan): string {
  return JSON.stringify({
    source: sourceId,
    quote: span.quote,
    start: span.start,
    end: span.end,
    sentence: span.sentence,
    confidence: span.confidence,
    ...(span.note ? { note: span.note } : {}),
  });
}

/** Reads a stored evidence string; fields a writer left out come back as null. */
export function decodeEvidence(text: string): EvidenceModel {
  const item = JSON.parse(text) as Record<string, unknown>;
  return {
    sourceId: String(item.source),
    quote: String(item.quote),
    start: typeof item.start === 'number' ? item.start : null,
    end: typeof item.end === 'number' ? item.end : null,
    sentence: typeof item.sentence === 'number' ? item.sentence : null,
    confidence: typeof item.confidence === 'number' ? item.confidence : null,
    note: typeof item.note === 'string' ? item.note : null,
  };
}

/** Reads a stored evidence list (anything else reads as no evidence). */
export function decodeEvidenceList(values: unknown): EvidenceModel[] {
  return Array.isArray(values) ? values.map((value) => decodeEvidence(String(value))) : [];
}
