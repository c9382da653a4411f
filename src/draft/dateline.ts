import type { Sentence } from '../ingest/sentences';
import type { Span } from './text-search';

/** "WONSAN, North Korea – ", "SEOUL (Feb 20) – ", "Moscou, 17 jan (Lusa) – ": where the report was filed. */
const DATELINE_PREFIX = /^\p{Lu}[\p{L} .'’-]*(?:,[^–—\n]{0,40}?)?(?:\s*\([^)]{0,30}\))?\s[–—-]\s/u;

/** True for a name in its sentence's dateline: where the report was filed, not a part of its story. */
export function inDateline(sentence: Sentence | undefined, span: Span): boolean {
  const prefix = sentence ? DATELINE_PREFIX.exec(sentence.text) : null;
  return sentence !== undefined && prefix !== null && span.end <= sentence.start + prefix[0].length;
}
