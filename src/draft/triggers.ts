import { sentenceAt, type Sentence } from '../bundle/sentences';
import { DEFINITE_ARTICLES, PURPOSE_BEFORE_NOUN, TRIGGERS, type DraftLanguage, type TriggerRule } from './rules';
import { overlaps, wordPattern } from './text-search';

/** A word of the text that announces an event. */
export interface Trigger {
  readonly rule: TriggerRule;
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  /** A noun after a definite article ("as negociações"): it points back at an event already named. */
  readonly refersBack: boolean;
}

/** The trigger words of the text, the longest winning where two overlap ("visita de Estado" over "visita a"). */
export function findTriggers(text: string, sentences: readonly Sentence[], language: DraftLanguage): Trigger[] {
  const found: Trigger[] = [];
  for (const rule of TRIGGERS[language]) {
    for (const match of text.matchAll(wordPattern(rule.words))) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      const sentence = sentenceAt(sentences, start, end);
      if (!sentence) continue;
      const article = /(\p{L}+)\s+$/u.exec(text.slice(Math.max(sentence.start, start - 6), start))?.[1];
      const refersBack =
        rule.kind === 'noun' && article !== undefined && DEFINITE_ARTICLES[language].includes(article.toLowerCase());
      const purpose =
        rule.kind === 'noun' &&
        PURPOSE_BEFORE_NOUN[language].test(text.slice(Math.max(sentence.start, start - 24), start));
      if (purpose) continue;
      found.push({ rule, quote: match[0], start, end, sentence: sentence.index, refersBack });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const accepted: Trigger[] = [];
  for (const trigger of found) if (!accepted.some((other) => overlaps(other, trigger))) accepted.push(trigger);
  return accepted.sort((a, b) => a.start - b.start);
}
