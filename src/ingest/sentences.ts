export interface Sentence {
  readonly index: number;
  /** Offset of the first character (UTF-16 code units, as JavaScript strings count). */
  readonly start: number;
  /** Offset after the last character. */
  readonly end: number;
  readonly text: string;
}

/**
 * Words written with a full stop that do not end a sentence, in the languages of the sources
 * (compared without case). Initials ("J.", "U.S.") are recognised by shape instead.
 */
const ABBREVIATIONS = new Set([
  // Portuguese
  'sr', 'sra', 'srs', 'dr', 'dra', 'prof', 'profa', 'gen', 'cel', 'av', 'nº', 'pág', 'exmo', 'exma', 'vs',
  // English
  'mr', 'mrs', 'ms', 'st', 'jr', 'col', 'lt', 'maj', 'sgt', 'gov', 'rev', 'vol', 'approx', 'dept', 'inc', 'ltd', 'corp', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sept', 'oct', 'nov', 'dec',
]); // prettier-ignore

const OPENING_QUOTES = new Set(['"', '“', '«', '„']);
const CLOSING_QUOTES = new Set(['"', '”', '»', '“']);
/** Characters that may follow the stop and still belong to the sentence: `…end."` or `…end.)`. */
const TRAILING = /^["”»’')\]]*/;

/**
 * Splits a source text into trimmed sentences with their offsets. Rules, in order:
 * - a line break always ends a sentence (headlines, captions and datelines are lines of their own);
 * - otherwise a sentence ends at `.`, `!` or `?` (with any closing quotes or brackets after it)
 *   followed by white space, except:
 *   - inside quoted speech: `"…more challenging. Against…", he said.` is one sentence (a quote
 *     that ends with a stop and is followed by a capital ends its sentence);
 *   - after an abbreviation (`Sr.`, `Dr.`, `Mr.`, `Gen.`…) or initials (`U.S.`, `J.`);
 *   - before a word that starts in lower case (`approx. ten`).
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (from: number, to: number) => {
    const raw = text.slice(from, to);
    const trimmed = raw.trim();
    if (trimmed.length === 0) return;
    const start = from + (raw.length - raw.trimStart().length);
    sentences.push({ index: sentences.length, start, end: start + trimmed.length, text: trimmed });
  };
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let from = 0;
    for (const end of sentenceEnds(line)) {
      push(lineStart + from, lineStart + end);
      from = end;
    }
    push(lineStart + from, lineStart + line.length);
    lineStart += line.length + 1;
  }
  return sentences;
}

/** Offsets (within one line) just after each sentence-ending stop, closing quotes included. */
function sentenceEnds(line: string): number[] {
  const ends: number[] = [];
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    if (quoted && CLOSING_QUOTES.has(char)) {
      quoted = false;
      // `"…lutamos." Depois` ends with the quote; `"Yes!" he said` goes on.
      if ('.!?'.includes(line[index - 1] ?? '') && /^\s+[\p{Lu}\d"“«]/u.test(line.slice(index + 1))) {
        ends.push(index + 1);
      }
      continue;
    }
    if (!quoted && OPENING_QUOTES.has(char) && opensQuote(line, index)) quoted = true;
    if (quoted || !'.!?'.includes(char)) continue;
    const end = index + 1 + (TRAILING.exec(line.slice(index + 1))?.[0].length ?? 0);
    const next = line.slice(end);
    if (!/^\s/.test(next)) continue;
    if (char === '.' && (isAbbreviation(line.slice(0, index)) || /^\s+\p{Ll}/u.test(next))) continue;
    ends.push(end);
    index = end - 1;
  }
  return ends;
}

/** A straight `"` opens a quote only at the start of a word (after space, a bracket or the line start). */
function opensQuote(line: string, index: number): boolean {
  return line[index] !== '"' || index === 0 || /[\s([{—–-]/.test(line[index - 1] as string);
}

/** Whether the word before a full stop is an abbreviation or initials. */
function isAbbreviation(before: string): boolean {
  const word = /(\S+)$/.exec(before)?.[1] ?? '';
  const bare = word.replace(/^["“«(]+/, '');
  if (/^(?:\p{L}\.)*\p{L}$/u.test(bare) && bare.length <= 5 && /\p{Lu}/u.test(bare[0] ?? '')) {
    // initials: "J", "U.S", "E.U.A" (an upper-case letter, optionally dotted pairs)
    if (bare.length === 1 || bare.includes('.')) return true;
  }
  return ABBREVIATIONS.has(bare.toLowerCase());
}

/** The sentence that contains the span [start, end), if one does. */
export function sentenceAt(sentences: readonly Sentence[], start: number, end: number): Sentence | undefined {
  return sentences.find((sentence) => sentence.start <= start && end <= sentence.end);
}

/** The sentences a span [start, end) touches (more than one when it crosses a boundary). */
export function sentencesTouching(sentences: readonly Sentence[], start: number, end: number): Sentence[] {
  return sentences.filter((sentence) => sentence.start < end && start < sentence.end);
}
