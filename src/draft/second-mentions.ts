import { distance } from 'fastest-levenshtein';
import { matchKey } from '../domain/normalize';
import { sentenceAt, type Sentence } from '../bundle/sentences';
import type { CandidateEntity } from './candidates';
import { inDateline } from './dateline';
import { allDemonyms, countryNamed } from './gazetteer';
import type { KnownEntity } from './known-nodes';
import type { Mention } from './mentions';
import type { DraftLanguage } from './rules';
import { overlaps, type Span } from './text-search';

/** Where a word stands alone: no letter, digit or hyphen joins it to its neighbours. */
function wordSpans(text: string, word: string, caseSensitive: boolean): Span[] {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}-])${escaped}(?![\\p{L}\\p{N}-])`, caseSensitive ? 'gu' : 'giu');
  return [...text.matchAll(pattern)].map((match) => ({
    start: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
  }));
}

/** English demonyms are capitalised ("Russian"); Portuguese ones are not ("russa"). */
const demonymCase = (language: DraftLanguage) => language === 'en';

/** Every demonym of any country in the text: an adjective, never a new entity. */
export function demonymSpans(text: string, language: DraftLanguage): Span[] {
  return allDemonyms(language).flatMap((demonym) => wordSpans(text, demonym, demonymCase(language)));
}

/**
 * "Russian", "norte-coreana": the demonym of a known country is a mention of it (marked for
 * review), where no longer known name holds it ("Russian military delegation" stays the delegation).
 */
export function findDemonymMentions(
  text: string,
  sentences: readonly Sentence[],
  entities: readonly KnownEntity[],
  existing: readonly Mention[],
  language: DraftLanguage,
): Mention[] {
  const found: Mention[] = [];
  for (const entity of entities) {
    if (entity.label !== 'Country') continue;
    const country = [entity.name, entity.nameEn, ...entity.aliases].map(countryNamed).find(Boolean);
    for (const demonym of country?.demonyms[language] ?? []) {
      for (const span of wordSpans(text, demonym, demonymCase(language))) {
        const sentence = sentenceAt(sentences, span.start, span.end);
        if (!sentence || [...existing, ...found].some((mention) => overlaps(mention, span))) continue;
        found.push({
          entityId: entity.id,
          label: 'Country',
          quote: text.slice(span.start, span.end),
          ...span,
          sentence: sentence.index,
          via: 'demonym',
          nested: false,
        });
      }
    }
  }
  return found;
}

/** Edits a name may differ by and still be a spelling of a stored one: none under 5 letters. */
function allowedEdits(key: string): number {
  return key.length >= 9 ? 2 : key.length >= 5 ? 1 : 0;
}

/**
 * Candidates that are known entities after all, or no entity: a surname alone after a known
 * person's full name ("Kim" after "Kim Jong Un") and a spelling close to a stored name
 * ("Tumanaya" for "Tumannaya") become mentions of the known entity; a single word that only
 * ever starts a sentence ("Earlier", "Há") is dropped unless it is an acronym, a country or
 * stands before a comma as a dateline's place.
 */
export function settleCandidates(
  text: string,
  candidates: readonly CandidateEntity[],
  mentions: readonly Mention[],
  entities: readonly KnownEntity[],
  sentences: readonly Sentence[],
): { candidates: CandidateEntity[]; mentions: Mention[] } {
  const added: Mention[] = [];
  const kept: CandidateEntity[] = [];
  const named = new Set(mentions.filter((mention) => mention.via === 'name').map((mention) => mention.entityId));
  const persons = entities.filter((entity) => entity.label === 'Person' && named.has(entity.id));
  const mention = (candidate: CandidateEntity, entity: KnownEntity, via: Mention['via']) =>
    candidate.mentions.map((span) => ({
      entityId: entity.id,
      label: entity.label,
      quote: span.quote,
      start: span.start,
      end: span.end,
      sentence: span.sentence,
      via,
      nested: false,
    }));
  for (const candidate of candidates) {
    const key = matchKey(candidate.name);
    const single = !key.includes(' ');
    // The person first named in the text wins: "Kim" after "Kim Jong Un" and "Kim Yo Jong".
    const surnameOf = single
      ? persons
          .filter((person) => {
            const parts = matchKey(person.name).split(' ');
            return parts.length > 1 && (parts[0] === key || parts[parts.length - 1] === key);
          })
          .sort((a, b) => firstMention(mentions, a.id) - firstMention(mentions, b.id))[0]
      : undefined;
    if (surnameOf) {
      added.push(...mention(candidate, surnameOf, 'surname'));
      continue;
    }
    const variantOf = entities.find((entity) =>
      [entity.name, entity.nameEn, ...entity.aliases].some((name) => {
        const other = matchKey(name);
        const edits = allowedEdits(other);
        return (
          edits > 0 && other !== key && Math.abs(other.length - key.length) <= edits && distance(other, key) <= edits
        );
      }),
    );
    if (variantOf) {
      added.push(...mention(candidate, variantOf, 'variant'));
      continue;
    }
    if (single && onlyStartsSentences(text, candidate, sentences)) continue;
    kept.push(candidate);
  }
  return { candidates: kept, mentions: [...mentions, ...added].sort((a, b) => a.start - b.start) };
}

function firstMention(mentions: readonly Mention[], id: string): number {
  return mentions.find((mention) => mention.entityId === id)?.start ?? Number.MAX_SAFE_INTEGER;
}

function onlyStartsSentences(text: string, candidate: CandidateEntity, sentences: readonly Sentence[]): boolean {
  if (/^\p{Lu}{2,}$/u.test(candidate.name) || countryNamed(candidate.name)) return false;
  return candidate.mentions.every((span) => {
    const sentence = sentenceAt(sentences, span.start, span.end);
    // an opening quotation mark or bracket still starts the sentence: '"Our countries…'
    const startsIt =
      sentence !== undefined &&
      text
        .slice(sentence.start, span.start)
        .replace(/["“«„'‘(]/gu, '')
        .trim() === '';
    return startsIt && !inDateline(sentence, span);
  });
}
