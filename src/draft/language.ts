import franc from 'franc-min';
import { DRAFT_LANGUAGES, type DraftLanguage } from './rules';

/** ISO 639-3 codes franc answers with, for the languages it is asked to choose among. */
const ISO_639_1: Readonly<Record<string, string>> = {
  por: 'pt',
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
};

/**
 * The language of a text as a two-letter code, or undefined when it cannot tell. Franc is asked
 * to choose among a few news languages only: unrestricted, it takes short Portuguese for Spanish.
 */
export function detectLanguage(text: string): string | undefined {
  const code = franc(text, { only: Object.keys(ISO_639_1), minLength: 10 });
  return ISO_639_1[code];
}

/** Whether the drafter has word lists for this language. */
export function isDraftLanguage(language: string): language is DraftLanguage {
  return (DRAFT_LANGUAGES as readonly string[]).includes(language);
}
