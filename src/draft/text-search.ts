/** A span of the source text, in UTF-16 code units as JavaScript strings count. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A text folded the way matchKey folds names (accents off, lower case, every run of other
 * characters one space), keeping for each folded character the source offsets it came from, so
 * that a name key found in the folded text maps back to the exact quote.
 */
export interface FoldedText {
  readonly folded: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** Folds a text for name search; see FoldedText. */
export function foldText(text: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const codePoint of text) {
    const end = offset + codePoint.length;
    const plain = codePoint.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    for (const char of plain.length > 0 ? plain : ' ') {
      if (/[\p{L}\p{N}]/u.test(char)) {
        folded += char;
        starts.push(offset);
        ends.push(end);
      } else if (folded.length > 0 && !folded.endsWith(' ')) {
        folded += ' ';
        starts.push(offset);
        ends.push(end);
      }
    }
    offset = end;
  }
  return { folded, starts, ends };
}

/** Every occurrence of a name key (as matchKey makes it) at word boundaries, as source spans. */
export function findKey(text: FoldedText, key: string, within?: Span): Span[] {
  const spans: Span[] = [];
  if (key.length === 0) return spans;
  for (let at = text.folded.indexOf(key); at >= 0; at = text.folded.indexOf(key, at + 1)) {
    const last = at + key.length - 1;
    const before = at === 0 || text.folded[at - 1] === ' ';
    const after = last + 1 === text.folded.length || text.folded[last + 1] === ' ';
    if (!before || !after) continue;
    const span = { start: text.starts[at] as number, end: text.ends[last] as number };
    if (within && (span.start < within.start || span.end > within.end)) continue;
    spans.push(span);
  }
  return spans;
}

/** A pattern matching any of the words at word boundaries, longest first (so "visita de Estado" beats "visita"). */
export function wordPattern(words: readonly string[], flags = 'giu'): RegExp {
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

/** Whether two spans share at least one character. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A slug for an id: accents off, lower case, words joined by hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
