export interface Sentence {
  readonly index: number;
  /** Offset of the first character (UTF-16 code units, as JavaScript strings count). */
  readonly start: number;
  /** Offset after the last character. */
  readonly end: number;
  readonly text: string;
}

/** A sentence ends at . ! or ? followed by white space, or at a line break. */
const SENTENCE = /[^\n]+?(?:[.!?](?=\s)|$)/gm;

/** Splits a source text into trimmed sentences with their offsets. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const raw = match[0];
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length === 0) continue;
    const start = (match.index ?? 0) + leading;
    sentences.push({ index: sentences.length, start, end: start + trimmed.length, text: trimmed });
  }
  return sentences;
}

/** The sentence that contains the span [start, end), if one does. */
export function sentenceAt(sentences: readonly Sentence[], start: number, end: number): Sentence | undefined {
  return sentences.find((sentence) => sentence.start <= start && end <= sentence.end);
}
