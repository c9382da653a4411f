import { parseFuzzyDate } from './fuzzy-date';
import { EVENT_TYPES } from './model';
import { matchKey } from './normalize';

/**
 * What the full-text index holds beyond names and titles: romanisation variants of personal names,
 * whole names written as one word (for fuzzy matching over a whole name), and an event's
 * searchable description (who, where, what it produced, its type and its date in words). One
 * home for these texts so ingest, the synthetic corpus and the search ranking agree on them.
 */

/**
 * Romanisations that write one Korean syllable (or common surname) differently: "Jong Un" is also
 * "Jong Eun", "Ri" is also "Lee" or "Yi". Each group is one syllable as different systems and
 * habits write it.
 */
const ROMANISATIONS: readonly (readonly string[])[] = [
  ['un', 'eun'],
  ['yong', 'young', 'yeong'],
  ['jong', 'jeong', 'chong', 'cheong'],
  ['jin', 'chin'],
  ['sung', 'song', 'seong'],
  ['hyun', 'hyon', 'hyeon'],
  ['lee', 'yi', 'rhee', 'ri'],
  ['park', 'pak', 'bak'],
  ['choi', 'choe'],
  ['kim', 'gim'],
  ['kang', 'gang'],
  ['jung', 'chung'],
  ['ryu', 'yu', 'yoo'],
  ['o', 'oh'],
  ['shin', 'sin'],
  ['kwon', 'gwon'],
  ['chol', 'cheol', 'chul'],
  ['su', 'soo'],
  ['kyong', 'gyong', 'kyung', 'gyeong'],
  ['yun', 'yoon'],
  ['hui', 'hee'],
  ['sok', 'seok', 'suk'],
  ['myong', 'myung', 'myeong'],
  ['bong', 'pong'],
  ['gil', 'kil'],
  ['cho', 'jo'],
];

const SPELLINGS = new Map<string, readonly string[]>(
  ROMANISATIONS.flatMap((group) => group.map((syllable) => [syllable, group] as const)),
);

/** Most romanisation variants generated for one name (a name of many syllables would multiply). */
const MAX_VARIANTS = 64;

/** A name as index words: lower-case letters and digits, accents folded. */
function wordsOf(text: string): string[] {
  return matchKey(text)
    .split(' ')
    .filter((word) => word.length > 0);
}

/** A name written as one word ("kimjongun"), what fuzzy matching over a whole name compares; null for one-word names. */
export function compactName(text: string): string | null {
  const words = wordsOf(text);
  return words.length > 1 ? words.join('') : null;
}

/**
 * Other ways people write a personal name: each syllable in its other romanisations ("Kim Jong
 * Eun", "Kim Jeong Un"), and the given name run together ("Kim Jongun"). Lower-case words.
 */
export function romanisationVariants(name: string): string[] {
  const words = wordsOf(name);
  if (words.length < 2 || !words.some((word) => SPELLINGS.has(word))) return [];
  let variants: string[][] = [[]];
  for (const word of words) {
    const spellings = SPELLINGS.get(word) ?? [word];
    variants = variants.flatMap((prefix) => spellings.map((spelling) => [...prefix, spelling])).slice(0, MAX_VARIANTS);
  }
  const spaced = variants.map((parts) => parts.join(' '));
  // Korean given names are written as one word too: "Kim Jongun".
  const joined = variants.map((parts) => [parts[0], parts.slice(1).join('')].join(' '));
  const own = words.join(' ');
  return unique([...spaced, ...joined]).filter((variant) => variant !== own);
}

/** A node as the index names it: its name, English name and aliases. */
export interface NamedNode {
  readonly id: string;
  readonly label: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly aliases: readonly string[];
}

/**
 * The words an entity is found by beyond its names and aliases: the romanisation variants of a
 * person's names and every name as one word, space-separated and without repeats.
 */
export function nameVariantText(node: Omit<NamedNode, 'id'>): string {
  const names = [node.name, node.nameEn, ...node.aliases].filter((name): name is string => name !== null);
  const variants = node.label === 'Person' ? names.flatMap(romanisationVariants) : [];
  const compacts = [...names, ...variants].map(compactName).filter((name): name is string => name !== null);
  return unique([...variants.flatMap(wordsOf), ...compacts]).join(' ');
}

/** All words an entity is known by, for the text of the events it is part of. */
function wordsOfNode(node: NamedNode): string[] {
  const names = [node.name, node.nameEn, ...node.aliases].filter((name): name is string => name !== null);
  return unique([...names.flatMap(wordsOf), ...wordsOf(nameVariantText(node))]);
}

/**
 * Words of each event type beyond its names in English and Portuguese: the forms analysts write
 * ("signed", "assinaram", "visited", "met"), since the index does not stem.
 */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  meeting: 'meet meets met receive receives received reunião reuniu recebe recebeu encontro encontrou',
  visit: 'visits visited visiting visitou visitar',
  state_visit: 'visits visited visiting visitou visitar',
  talks: 'talk talked negotiation negotiations conversações conversou conversas negociações negociaram',
  summit: 'summits cimeira cúpula reunião',
  signing: 'sign signs signed assinar assinou assinaram assinado assinados assinada',
  exchange: 'exchanges exchanged troca trocas',
  statement: 'said says statement declarou disse afirmou',
  ratification: 'ratify ratified ratificou ratificado',
  entry_into_force: 'force vigor',
};

const MONTHS = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  pt: [
    'janeiro',
    'fevereiro',
    'março',
    'abril',
    'maio',
    'junho',
    'julho',
    'agosto',
    'setembro',
    'outubro',
    'novembro',
    'dezembro',
  ],
};

/**
 * Words of a date as people write it in either language: "19 June junho 2024" for a day, "June
 * junho 2024" for a month, the year alone for a year; an interval of days names its first and last
 * day and every month it spans.
 */
export function dateWords(iso: string): string[] {
  const date = parseFuzzyDate(iso);
  if (!date) return [];
  if (date.precision === 'YEAR') return [String(date.year)];
  const first = date.earliest;
  const last = date.precision === 'MONTH' ? first : date.latest;
  const days = date.precision === 'MONTH' ? [] : unique([first, last].map((day) => String(Number(day.slice(8, 10)))));
  const months: string[] = [];
  for (let month = first.slice(0, 7); month <= last.slice(0, 7); month = nextMonth(month)) months.push(month);
  return unique([
    ...days,
    ...months.flatMap((month) => {
      const index = Number(month.slice(5, 7)) - 1;
      return [MONTHS.en[index] as string, MONTHS.pt[index] as string, month.slice(0, 4)];
    }),
  ]).flatMap(wordsOf);
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/** What an event's searchable text is made of: its type and dates, and the nodes it is linked to. */
export interface EventSearchInput {
  readonly type: string;
  readonly dateIso: string;
  readonly endDateIso: string | null;
  readonly participants: readonly NamedNode[];
  /** Its own places and those of the larger events it is part of. */
  readonly places: readonly NamedNode[];
  readonly agreements: readonly NamedNode[];
}

/** Stored event properties the full-text index covers beside the titles; the keys are the property names. */
export interface EventSearchFields {
  readonly searchParticipants: string;
  readonly searchPlaces: string;
  readonly searchAgreements: string;
  readonly searchType: string;
  readonly searchDate: string;
}

export const EVENT_SEARCH_FIELDS = [
  'searchParticipants',
  'searchPlaces',
  'searchAgreements',
  'searchType',
  'searchDate',
] as const satisfies readonly (keyof EventSearchFields)[];

/**
 * An event's searchable text as a function of what it is linked to, independent of the order the
 * nodes come in and of their ids (so a graph reached by any order of loads and retractions stores
 * the same text, whichever bundle named a merged node): each field is its words, sorted. The index
 * matches words, never their order.
 */
export function eventSearchFields(input: EventSearchInput): EventSearchFields {
  const text = (nodes: readonly NamedNode[]) => unique(nodes.flatMap(wordsOfNode)).sort().join(' ');
  const typeNames = (EVENT_TYPES as Record<string, { names: { en: string; pt: string } }>)[input.type]?.names;
  const typeText = [typeNames?.en ?? input.type.replace(/_/g, ' '), typeNames?.pt ?? '', TYPE_WORDS[input.type] ?? ''];
  return {
    searchParticipants: text(input.participants),
    searchPlaces: text(input.places),
    searchAgreements: text(input.agreements),
    searchType: unique(typeText.flatMap(wordsOf)).join(' '),
    searchDate: unique([...dateWords(input.dateIso), ...(input.endDateIso ? dateWords(input.endDateIso) : [])]).join(
      ' ',
    ),
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
