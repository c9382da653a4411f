import countries from 'world-countries';
import { matchKey } from '../domain/normalize';
import { PORTUGUESE_DEMONYMS, type DraftLanguage } from './rules';

/** A country as the drafter knows it from the dataset: its names in English and Portuguese, demonyms, capitals. */
export interface GazetteerCountry {
  readonly code: string;
  readonly names: readonly string[];
  readonly demonyms: Readonly<Record<DraftLanguage, readonly string[]>>;
  readonly capitals: readonly string[];
}

/** Alternative spellings this short are ISO codes ("KP", "RU"): in running text they are other words. */
const MIN_ALT_SPELLING = 3;

/** Every country of world-countries, with the Portuguese demonyms of rules.ts. */
const GAZETTEER: readonly GazetteerCountry[] = countries.map((country) => ({
  code: country.cca3,
  names: [
    ...new Set([
      country.name.common,
      country.name.official,
      country.translations.por?.common ?? '',
      country.translations.por?.official ?? '',
      ...country.altSpellings.filter(
        (spelling) => spelling.length >= MIN_ALT_SPELLING && /^[\p{Script=Latin}\s'’.,-]+$/u.test(spelling),
      ),
    ]),
  ].filter(Boolean),
  demonyms: {
    en: [...new Set([country.demonyms?.eng?.m, country.demonyms?.eng?.f].filter((name): name is string => !!name))],
    pt: PORTUGUESE_DEMONYMS[country.cca3] ?? [],
  },
  capitals: country.capital,
}));

const byName = new Map<string, GazetteerCountry>();
const byCapital = new Map<string, GazetteerCountry>();
for (const country of GAZETTEER) {
  for (const name of country.names) if (!byName.has(matchKey(name))) byName.set(matchKey(name), country);
  for (const capital of country.capitals) byCapital.set(matchKey(capital), country);
}

/** The country a name names ("Rússia", "DPRK", "Vietname"), if any. */
export function countryNamed(name: string): GazetteerCountry | undefined {
  return byName.get(matchKey(name));
}

/** True when the name is a capital city ("Seoul", "Hanoi"): a Place. */
export function isCapital(name: string): boolean {
  return byCapital.has(matchKey(name));
}

/** Every demonym of the language, of every country: a demonym is an adjective, never a new entity. */
export function allDemonyms(language: DraftLanguage): string[] {
  return GAZETTEER.flatMap((country) => country.demonyms[language]);
}
