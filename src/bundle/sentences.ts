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
  'mr', 'mrs', 'ms', 'st', 'jr', 'col', 'lt', 'maj', 'sgt', 'gov', 'rev', 'vol', 'approx', 'dept', 'inc', 'ltd', 'corp',
]); // prettier-ignore

/** Abbreviated months ("Jan. 5", "5 de jan. de 2024"): not a sentence end before a number. */
const MONTH_ABBREVIATIONS = new Set([
  'jan', 'feb', 'fev', 'mar', 'apr', 'abr', 'jun', 'jul', 'aug', 'ago', 'sep', 'sept', 'set', 'oct', 'out', 'nov', 'dec', 'dez',
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
 *     that ends with a stop and is followed by a capital ends its sentence; a quote left open at
 *     the end of its line protects nothing);
 *   - after an abbreviation (`Sr.`, `Dr.`, `Mr.`, `Gen.`…), initials (`U.S.`, `J.`), or a month
 *     before a number (`Jan. 5`);
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

/**
 * Offsets (within one line) just after each sentence-ending stop, closing quotes included. A quote
 * still open at the end of the line (news often runs a quote over paragraphs and closes it only
 * at the last) protects nothing: the line is split again as if it had no quotes.
 */
function sentenceEnds(line: string): number[] {
  const quoted = scanEnds(line, true);
  return quoted.closed ? quoted.ends : scanEnds(line, false).ends;
}

function scanEnds(line: string, trackQuotes: boolean): { ends: number[]; closed: boolean } {
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
    if (trackQuotes && !quoted && OPENING_QUOTES.has(char) && opensQuote(line, index)) quoted = true;
    if (quoted || !'.!?'.includes(char)) continue;
    const end = index + 1 + (TRAILING.exec(line.slice(index + 1))?.[0].length ?? 0);
    const next = line.slice(end);
    if (!/^\s/.test(next)) continue;
    if (char === '.' && (isAbbreviation(line.slice(0, index), next) || /^\s+\p{Ll}/u.test(next))) continue;
    ends.push(end);
    index = end - 1;
  }
  return { ends, closed: !quoted };
}

/** A straight `"` opens a quote only at the start of a word (after space, a bracket or the line start). */
function opensQuote(line: string, index: number): boolean {
  return line[index] !== '"' || index === 0 || /[\s([{—–-]/.test(line[index - 1] as string);
}

/** Whether the word before a full stop is an abbreviation or initials (given what follows the stop). */
function isAbbreviation(before: string, after: string): boolean {
  const word = /(\S+)$/.exec(before)?.[1] ?? '';
  const bare = word.replace(/^["“«(]+/, '');
  if (/^(?:\p{L}\.)*\p{L}$/u.test(bare) && bare.length <= 5 && /\p{Lu}/u.test(bare[0] ?? '')) {
    // initials: "J", "U.S", "E.U.A" (an upper-case letter, optionally dotted pairs)
    if (bare.length === 1 || bare.includes('.')) return true;
  }
  const lower = bare.toLowerCase();
  return ABBREVIATIONS.has(lower) || (MONTH_ABBREVIATIONS.has(lower) && /^\s+\d/.test(after));
}

/** The sentence that contains the span [start, end), if one does. */
export function sentenceAt(sentences: readonly Sentence[], start: number, end: number): Sentence | undefined {
  return sentences.find((sentence) => sentence.start <= start && end <= sentence.end);
}

/** The sentences a span [start, end) touches (more than one when it crosses a boundary). */
export function sentencesTouching(sentences: readonly Sentence[], start: number, end: number): Sentence[] {
  return sentences.filter((sentence) => sentence.start < end && start < sentence.end);
}
