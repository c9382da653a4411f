import type { EntityLabel } from '../domain/model';
import { matchKey } from '../domain/normalize';
import { sentenceAt, type Sentence } from '../bundle/sentences';
import { countryNamed } from './gazetteer';
import type { KnownEntity } from './known-nodes';
import { AGREEMENT_ANAPHORA, AGREEMENT_WORDS, MINISTRY_FROM_TITLE, REPORT_MARKERS, type DraftLanguage } from './rules';
import { findKey, foldText, overlaps, wordPattern, type FoldedText, type Span } from './text-search';

/** A place where the text names a known entity. */
export interface Mention {
  readonly entityId: string;
  readonly label: EntityLabel;
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  /**
   * How it was found: by one of its names; by an area of an agreement in a list of agreements; by
   * a minister's title naming the ministry; by "o tratado" pointing back at the last treaty named;
   * by a country's demonym ("Russian", "norte-coreana"); by a surname alone after the full name
   * ("Kim"); by a spelling close to a stored name ("Tumanaya"). Only `name` is certain; the others
   * are marked for review.
   */
  readonly via: 'name' | 'area' | 'ministry' | 'anaphora' | 'demonym' | 'surname' | 'variant';
  /** Inside a longer name of another entity ("Rio Tumannaya" in the bridge agreement's name): a mention, not a participant. */
  readonly nested: boolean;
}

/** Keys shorter than this ("AP", "UN") match too many ordinary words once case is ignored. */
const MIN_KEY_LENGTH = 3;

/**
 * Every mention of a known entity: by name or alias, case-, accent- and hyphen-insensitively
 * (as matchKey compares names), at word boundaries, the longest name winning where names
 * overlap ("Rio Tumannaya" over "Tumannaya"); then the indirect mentions (see Mention.via).
 */
export function findKnownMentions(
  text: string,
  sentences: readonly Sentence[],
  entities: readonly KnownEntity[],
  language: DraftLanguage,
): Mention[] {
  const folded = foldText(text);
  const accepted: Mention[] = [];
  const accept = (entity: KnownEntity, span: Span, via: Mention['via']) => {
    const inside = (mention: Mention) => mention.start <= span.start && span.end <= mention.end;
    const nested = via === 'name' && accepted.some((mention) => inside(mention) && mention.entityId !== entity.id);
    const clash = accepted.some(
      (mention) => overlaps(mention, span) && !(nested && inside(mention) && mention.entityId !== entity.id),
    );
    if (clash) return;
    const sentence = sentenceAt(sentences, span.start, span.end);
    if (!sentence) return;
    accepted.push({
      entityId: entity.id,
      label: entity.label,
      quote: text.slice(span.start, span.end),
      ...span,
      sentence: sentence.index,
      via,
      nested,
    });
  };

  const byName: { entity: KnownEntity; span: Span }[] = [];
  for (const entity of entities) {
    const keys = new Set([entity.name, entity.nameEn, ...entity.aliases].map(matchKey));
    for (const key of keys) {
      if (key.length < MIN_KEY_LENGTH) continue;
      for (const span of findKey(folded, key)) byName.push({ entity, span });
    }
  }
  byName.sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start);
  for (const { entity, span } of byName) accept(entity, span, 'name');

  for (const { entity, span } of ministriesFromTitles(text, sentences, entities, language))
    accept(entity, span, 'ministry');
  for (const { entity, span } of agreementAreas(text, folded, sentences, entities, language))
    accept(entity, span, 'area');
  for (const { entity, span } of agreementAnaphora(text, accepted, entities, language))
    accept(entity, span, 'anaphora');
  return accepted.sort((a, b) => a.start - b.start);
}

/**
 * "vice-ministro da Defesa" names the one known ministry whose name starts "Ministério da Defesa",
 * when the country nearest the title in its sentence ("delegação militar russa liderada pelo
 * vice-ministro da Defesa") is that ministry's: another country's minister is not its minister.
 */
function ministriesFromTitles(
  text: string,
  sentences: readonly Sentence[],
  entities: readonly KnownEntity[],
  language: DraftLanguage,
): { entity: KnownEntity; span: Span }[] {
  const countryWords = countryWordsOf(text, entities, language);
  const found: { entity: KnownEntity; span: Span }[] = [];
  for (const { pattern, ministry } of MINISTRY_FROM_TITLE[language]) {
    for (const match of text.matchAll(pattern)) {
      const key = matchKey(ministry.replace('$1', match[1] ?? ''));
      const candidates = entities.filter(
        (entity) =>
          entity.label === 'Organization' &&
          [entity.name, entity.nameEn, ...entity.aliases].some((name) => `${matchKey(name)} `.startsWith(`${key} `)),
      );
      const start = match.index ?? 0;
      const span = { start, end: start + match[0].length };
      const known = candidates[0];
      if (
        candidates.length === 1 &&
        known &&
        nearestCountry(span, sentences, countryWords) === countryOf(known, entities)
      )
        found.push({ entity: known, span });
    }
  }
  return found;
}

/** Where the text names a known country: by a name, an alias or a demonym. */
function countryWordsOf(
  text: string,
  entities: readonly KnownEntity[],
  language: DraftLanguage,
): (Span & { id: string })[] {
  return entities
    .filter((entity) => entity.label === 'Country')
    .flatMap((entity) => {
      const names = [entity.name, entity.nameEn, ...entity.aliases];
      const country = names.map(countryNamed).find(Boolean);
      return [...names, ...(country?.demonyms[language] ?? [])].flatMap((name) =>
        [...text.matchAll(new RegExp(`(?<![\\p{L}-])${escapeRegExp(name)}(?![\\p{L}-])`, 'giu'))].map((match) => ({
          id: entity.id,
          start: match.index ?? 0,
          end: (match.index ?? 0) + match[0].length,
        })),
      );
    });
}

/** The country named nearest to a span, within its sentence. */
function nearestCountry(
  span: Span,
  sentences: readonly Sentence[],
  words: readonly (Span & { id: string })[],
): string | undefined {
  const sentence = sentenceAt(sentences, span.start, span.end);
  if (!sentence) return undefined;
  const gap = (word: Span) => (word.end <= span.start ? span.start - word.end : Math.max(0, word.start - span.end));
  return words
    .filter((word) => word.start >= sentence.start && word.end <= sentence.end)
    .sort((a, b) => gap(a) - gap(b))[0]?.id;
}

/** The known country an organisation's name holds ("Ministério da Defesa da Rússia": russia). */
function countryOf(organization: KnownEntity, entities: readonly KnownEntity[]): string | undefined {
  const keys = [organization.name, organization.nameEn, ...organization.aliases].map((name) => ` ${matchKey(name)} `);
  return entities.find(
    (entity) =>
      entity.label === 'Country' &&
      [entity.name, entity.nameEn, ...entity.aliases].some((name) =>
        keys.some((key) => key.includes(` ${matchKey(name)} `)),
      ),
  )?.id;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** In a sentence about agreements, an agreement's area ("educação médica") names that agreement. */
function agreementAreas(
  text: string,
  folded: FoldedText,
  sentences: readonly Sentence[],
  entities: readonly KnownEntity[],
  language: DraftLanguage,
): { entity: KnownEntity; span: Span }[] {
  const agreementWord = wordPattern(AGREEMENT_WORDS[language], 'giu');
  const reportMarker = wordPattern(REPORT_MARKERS[language], 'giu');
  const found: { entity: KnownEntity; span: Span }[] = [];
  for (const sentence of sentences) {
    // "De acordo com" is "according to", not an agreement.
    const markers = [...sentence.text.matchAll(reportMarker)].map((match) => ({
      start: match.index ?? 0,
      end: (match.index ?? 0) + match[0].length,
    }));
    const hit = [...sentence.text.matchAll(agreementWord)].find(
      (match) =>
        !markers.some((marker) =>
          overlaps(marker, { start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }),
        ),
    );
    if (!hit) continue;
    const after = { start: sentence.start + (hit.index ?? 0), end: sentence.end };
    for (const entity of entities) {
      if (entity.label !== 'Agreement') continue;
      for (const area of entity.areas) {
        const key = matchKey(area);
        if (key.length < MIN_KEY_LENGTH) continue;
        for (const span of findKey(folded, key, after)) found.push({ entity, span });
      }
    }
  }
  // Longer areas first, as for names.
  return found.sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start));
}

/** "O tratado define…" after "um tratado de parceria…": the last agreement named with that noun. */
function agreementAnaphora(
  text: string,
  mentions: readonly Mention[],
  entities: readonly KnownEntity[],
  language: DraftLanguage,
): { entity: KnownEntity; span: Span }[] {
  const found: { entity: KnownEntity; span: Span }[] = [];
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  for (const match of text.matchAll(AGREEMENT_ANAPHORA[language])) {
    const start = match.index ?? 0;
    const noun = matchKey(match[1] ?? '');
    const antecedent = [...mentions].reverse().find((mention) => {
      if (mention.start >= start || mention.label !== 'Agreement' || mention.via !== 'name') return false;
      const entity = byId.get(mention.entityId);
      return (
        entity !== undefined &&
        [entity.name, ...entity.aliases].some((name) => matchKey(name).split(' ').includes(noun))
      );
    });
    const entity = antecedent && byId.get(antecedent.entityId);
    if (entity) found.push({ entity, span: { start, end: start + match[0].length } });
  }
  return found;
}
