import type { Role } from '../domain/roles';
import type { Sentence } from '../bundle/sentences';
import { TITLE_WORDS, type DraftLanguage } from './rules';
import { wordPattern } from './text-search';

/** A person's title as the source words it ("vice-ministro da Defesa"), with the role it suggests. */
export interface Title {
  readonly text: string;
  readonly role: Role;
  readonly start: number;
  readonly end: number;
}

/**
 * What may stand between a title and the name it qualifies: lower-case words and names after a
 * connector ("presidente do país anfitrião, ", "leader of the Democratic People's Republic of
 * Korea, "), but no conjunction, which would hand one person's title to the next, and no
 * lower-case word after a name, which means the name was a clause of its own.
 */
const TITLE_GAP = /^(?:[\s,]+|(?!(?:e|and|que|who|which|that)\b)\p{Ll}[\p{L}'’-]*|\p{Lu}[\p{L}'’-]*)*$/u;
const NAME_THEN_WORD = /\p{Lu}[\p{L}'’-]*[\s,]+(?!(?:d[aeo]s?|of|the|on|for)\b)\p{Ll}/u;
const MAX_GAP = 60;

/** The title just before a name in its sentence, if one qualifies it. */
export function findTitleBefore(
  text: string,
  sentence: Sentence,
  nameStart: number,
  language: DraftLanguage,
): Title | undefined {
  const rules = TITLE_WORDS[language];
  const pattern = wordPattern(
    rules.map((rule) => rule.word),
    'gu',
  );
  const before = text.slice(sentence.start, nameStart);
  let found: Title | undefined;
  for (const match of before.matchAll(new RegExp(pattern.source, 'giu'))) {
    const start = sentence.start + (match.index ?? 0);
    const end = start + match[0].length;
    const gap = text.slice(end, nameStart);
    if (gap.length > MAX_GAP || !TITLE_GAP.test(gap) || NAME_THEN_WORD.test(gap)) continue;
    const word = match[0].toLowerCase();
    const rule = rules.find((candidate) => candidate.word.toLowerCase() === word.replace(/\s+/g, ' '));
    if (!rule) continue;
    const titleEnd = end + gap.replace(/[\s,]+$/u, '').length;
    // "Russian President": an English nationality adjective belongs to the title.
    const adjective = language === 'en' ? /(\p{Lu}\p{Ll}+) $/u.exec(text.slice(Math.max(0, start - 20), start)) : null;
    const titleStart = adjective ? start - adjective[0].length : start;
    found = { text: text.slice(titleStart, titleEnd), role: rule.role, start: titleStart, end: titleEnd };
  }
  return found;
}
