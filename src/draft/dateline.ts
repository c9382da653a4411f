import type { Sentence } from '../bundle/sentences';
import type { Span } from './text-search';

/**
 * "WONSAN, North Korea – ", "SEOUL (Feb 20) – ", "Moscou, 17 jan (Lusa) – ": where the report was
 * filed. A place in capitals, or a place of at most four words followed by a comma or a bracket, so
 * that a sentence opening "Vladimir Putin and Kim Jong Un – the two leaders –" is no dateline. Every
 * part is bounded, so a long line costs no more than a short one.
 */
const DATELINE_PREFIX = new RegExp(
  String.raw`^(?:\p{Lu}[\p{Lu} .'’-]{1,30}(?:,[^–—\n]{0,40}?)?(?:\s*\([^)]{0,30}\))?` +
    String.raw`|\p{Lu}[\p{L}.'’-]{0,30}(?: [\p{L}.'’-]{1,30}){0,3}(?:,[^–—\n]{0,40}?(?:\s*\([^)]{0,30}\))?|\s*\([^)]{0,30}\)))` +
    String.raw`\s[–—-]\s`,
  'u',
);

/** True for a name in its sentence's dateline: where the report was filed, not a part of its story. */
export function inDateline(sentence: Sentence | undefined, span: Span): boolean {
  const prefix = sentence ? DATELINE_PREFIX.exec(sentence.text) : null;
  return sentence !== undefined && prefix !== null && span.end <= sentence.start + prefix[0].length;
}
