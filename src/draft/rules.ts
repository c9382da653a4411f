/**
 * The drafter's word lists, per language: which words announce an event of which type, which
 * titles mark a person and in which role, which capitalised words are not names. Extending the
 * drafter to a new phrasing is adding a row here.
 */
import type { EntityLabel, EventType } from '../domain/model';
import type { Role } from '../domain/roles';

export const DRAFT_LANGUAGES = ['pt', 'en'] as const;
export type DraftLanguage = (typeof DRAFT_LANGUAGES)[number];

/** Where a participant stands relative to the trigger word, and the role that position suggests. */
export interface PositionRoles {
  readonly before?: Role;
  readonly after?: Role;
}

export interface TriggerRule {
  /** The words, matched case-insensitively at word boundaries; `a|à|ao` style alternatives are spelt out. */
  readonly words: readonly string[];
  readonly type: EventType;
  /**
   * A noun ("as negociações", "the signing") after an article refers back to an event already
   * named; a verb ("assinaram") names a new one unless it repeats one with the same participants.
   */
  readonly kind: 'verb' | 'noun';
  readonly roles?: PositionRoles;
  /** Speech acts take a date only from before them: a date after "destacou" is what was said. */
  readonly dateBeforeOnly?: boolean;
}

const HOST_GUEST: PositionRoles = { before: 'host', after: 'guest' };
/** The passive: "Lavrov foi recebido pelo líder Kim Jong Un", "was received by". */
const GUEST_HOST: PositionRoles = { before: 'guest', after: 'host' };
const VISITOR_HOST: PositionRoles = { before: 'visitor', after: 'host' };
const SIGNATORIES: PositionRoles = { before: 'signatory', after: 'signatory' };
const SPEAKER: PositionRoles = { before: 'speaker' };

export const TRIGGERS: Readonly<Record<DraftLanguage, readonly TriggerRule[]>> = {
  pt: [
    {
      words: ['recebeu', 'recebe', 'recebeu-o', 'acolheu', 'mostrou'],
      type: 'meeting',
      kind: 'verb',
      roles: HOST_GUEST,
    },
    {
      words: [
        'foi recebido',
        'foi recebida',
        'foram recebidos',
        'foram recebidas',
        'foi também recebido',
        'foi também recebida',
      ],
      type: 'meeting',
      kind: 'verb',
      roles: GUEST_HOST,
    },
    {
      words: ['chegou', 'chegaram', 'chega', 'chegam', 'viajou para', 'viajaram para', 'voou para', 'voaram para'],
      type: 'visit',
      kind: 'verb',
      roles: VISITOR_HOST,
    },
    { words: ['reunião', 'encontro'], type: 'meeting', kind: 'noun' },
    { words: ['reuniu-se', 'se reuniu', 'encontrou-se', 'se encontrou'], type: 'meeting', kind: 'verb' },
    { words: ['visita de Estado', 'visita oficial de Estado'], type: 'state_visit', kind: 'noun', roles: VISITOR_HOST },
    { words: ['visitou', 'visitaram'], type: 'visit', kind: 'verb', roles: VISITOR_HOST },
    {
      words: [
        'em visita a',
        'em visita à',
        'em visita ao',
        'visita a',
        'visita à',
        'visita ao',
        'em visita oficial a',
        'em visita oficial à',
        'em visita oficial ao',
      ],
      type: 'visit',
      kind: 'verb',
      roles: VISITOR_HOST,
    },
    {
      words: [
        'assinaram',
        'assinou',
        'assinam',
        'assina',
        'firmaram',
        'tinham assinado',
        'tinha assinado',
        'haviam assinado',
      ],
      type: 'signing',
      kind: 'verb',
      roles: SIGNATORIES,
    },
    { words: ['assinatura'], type: 'signing', kind: 'noun', roles: SIGNATORIES },
    { words: ['foi assinado', 'foi assinada', 'foram assinados', 'foram assinadas'], type: 'signing', kind: 'verb' },
    // "durante a visita de Vladimir Putin a Pyongyang": the visit named, its roles unsaid
    { words: ['visita'], type: 'visit', kind: 'noun' },
    { words: ['conversou', 'conversaram', 'negociaram'], type: 'talks', kind: 'verb' },
    { words: ['negociações', 'conversações', 'conversações oficiais'], type: 'talks', kind: 'noun' },
    { words: ['cúpula', 'cimeira'], type: 'summit', kind: 'noun' },
    { words: ['troca', 'intercâmbio'], type: 'exchange', kind: 'noun' },
    {
      words: ['destacou', 'enfatizou', 'afirmou', 'declarou', 'disse', 'sublinhou', 'ressaltou'],
      type: 'statement',
      kind: 'verb',
      roles: SPEAKER,
      dateBeforeOnly: true,
    },
    { words: ['ratificou', 'ratificaram', 'ratificação'], type: 'ratification', kind: 'verb', roles: SIGNATORIES },
    { words: ['entrou em vigor', 'entrada em vigor'], type: 'entry_into_force', kind: 'noun' },
  ],
  en: [
    {
      words: ['received', 'receives', 'hosted', 'hosts', 'showed', 'had shown'],
      type: 'meeting',
      kind: 'verb',
      roles: HOST_GUEST,
    },
    {
      words: ['was received', 'were received', 'was greeted', 'was welcomed'],
      type: 'meeting',
      kind: 'verb',
      roles: GUEST_HOST,
    },
    {
      words: ['arrived', 'arrives', 'flew to', 'travelled to', 'traveled to'],
      type: 'visit',
      kind: 'verb',
      roles: VISITOR_HOST,
    },
    { words: ['met', 'met with', 'meets'], type: 'meeting', kind: 'verb' },
    { words: ['meeting'], type: 'meeting', kind: 'noun' },
    { words: ['state visit'], type: 'state_visit', kind: 'noun', roles: VISITOR_HOST },
    { words: ['visited', 'visits', 'visit to', 'visiting'], type: 'visit', kind: 'verb', roles: VISITOR_HOST },
    { words: ['signed', 'signs', 'had signed'], type: 'signing', kind: 'verb', roles: SIGNATORIES },
    { words: ['signing'], type: 'signing', kind: 'noun', roles: SIGNATORIES },
    { words: ['was signed', 'were signed'], type: 'signing', kind: 'verb' },
    { words: ['visit'], type: 'visit', kind: 'noun' },
    { words: ['held talks', 'negotiated'], type: 'talks', kind: 'verb' },
    { words: ['talks', 'negotiations'], type: 'talks', kind: 'noun' },
    { words: ['summit'], type: 'summit', kind: 'noun' },
    { words: ['exchange', 'exchanges'], type: 'exchange', kind: 'noun' },
    {
      words: ['said', 'stated', 'stressed', 'emphasised', 'emphasized', 'declared', 'told'],
      type: 'statement',
      kind: 'verb',
      roles: SPEAKER,
      dateBeforeOnly: true,
    },
    { words: ['ratified', 'ratification'], type: 'ratification', kind: 'verb', roles: SIGNATORIES },
    { words: ['entered into force', 'entry into force'], type: 'entry_into_force', kind: 'noun' },
  ],
};

/** Words before a noun trigger that make it the purpose of a trip, not an event told ("for the 11th meeting"). */
// Portuguese "para uma visita de Estado" names the visit itself, so only English has the rule.
export const PURPOSE_BEFORE_NOUN: Readonly<Record<DraftLanguage, RegExp>> = {
  en: /\bfor (?:the|a|an) \d+(?:st|nd|rd|th) $/iu,
  pt: /(?!)/u,
};

/** Articles before a noun trigger that make it point back at an event already named. */
export const DEFINITE_ARTICLES: Readonly<Record<DraftLanguage, readonly string[]>> = {
  pt: ['a', 'as', 'o', 'os', 'na', 'nas', 'no', 'nos', 'da', 'das', 'do', 'dos'],
  en: ['the'],
};

/** Titles that mark the next name as a person, with the role they suggest. */
export const TITLE_WORDS: Readonly<Record<DraftLanguage, readonly { word: string; role: Role }[]>> = {
  pt: [
    { word: 'presidente', role: 'head_of_state' },
    { word: 'líder', role: 'head_of_state' },
    { word: 'primeiro-ministro', role: 'head_of_government' },
    { word: 'vice-ministro', role: 'deputy_minister' },
    { word: 'vice-ministra', role: 'deputy_minister' },
    { word: 'ministro', role: 'minister' },
    { word: 'ministra', role: 'minister' },
    { word: 'chanceler', role: 'minister' },
    { word: 'embaixador', role: 'envoy' },
    { word: 'enviado', role: 'envoy' },
    { word: 'porta-voz', role: 'spokesperson' },
    { word: 'assessor', role: 'aide' },
  ],
  en: [
    { word: 'President', role: 'head_of_state' },
    { word: 'leader', role: 'head_of_state' },
    { word: 'Prime Minister', role: 'head_of_government' },
    { word: 'Deputy Minister', role: 'deputy_minister' },
    { word: 'Vice Minister', role: 'deputy_minister' },
    { word: 'minister', role: 'minister' },
    { word: 'ambassador', role: 'envoy' },
    { word: 'envoy', role: 'envoy' },
    { word: 'spokesperson', role: 'spokesperson' },
    { word: 'spokesman', role: 'spokesperson' },
    { word: 'aide', role: 'aide' },
    { word: 'adviser', role: 'aide' },
  ],
};

/**
 * A minister's title names the ministry: "vice-ministro da Defesa" → "Ministério da Defesa…".
 * The capture is the portfolio; the template is the start of the ministry's name.
 */
export const MINISTRY_FROM_TITLE: Readonly<Record<DraftLanguage, readonly { pattern: RegExp; ministry: string }[]>> = {
  pt: [{ pattern: /\b(?:vice-)?ministr[oa] d[aoe]s? (\p{Lu}[\p{L}-]+)/gu, ministry: 'Ministério da $1' }],
  en: [
    { pattern: /\b(?:Deputy |Vice )?(\p{Lu}\p{L}+) Minister\b/gu, ministry: 'Ministry of $1' },
    { pattern: /\bMinister of (\p{Lu}\p{L}+)/gu, ministry: 'Ministry of $1' },
  ],
};

/** "o tratado", "the new treaty": a later mention of the agreement last named with that word. */
export const AGREEMENT_ANAPHORA: Readonly<Record<DraftLanguage, RegExp>> = {
  pt: /\b(?:[Oo]|[Nn]o|[Dd]o) (?:novo )?(tratado|acordo|pacto)\b(?! d[aeo]s? | entre )/gu,
  en: /\b[Tt]he (?:new )?(treaty|agreement|pact)\b(?! of | on | between )/gu,
};

/** Words for an agreement, which make an agreement's areas ("educação médica") name it. */
export const AGREEMENT_WORDS: Readonly<Record<DraftLanguage, readonly string[]>> = {
  pt: ['acordo', 'acordos', 'tratado', 'tratados'],
  en: ['agreement', 'agreements', 'treaty', 'treaties', 'accord', 'accords'],
};

/** Phrases that tie an undated sentence to an event already dated ("Após as negociações"). */
export const DATE_ANCHORS: Readonly<Record<DraftLanguage, RegExp>> = {
  pt: /\b(?:[Aa]pós|[Dd]epois d[aeo]s?|[Aa]ntes d[aeo]s?|[Dd]urante|[Nn]o âmbito d[aeo]s?) [^,.;]+/gu,
  en: /\b(?:[Aa]fter|[Bb]efore|[Dd]uring|[Ff]ollowing|[Aa]s part of) [^,.;]+/gu,
};

/** Words before an organisation that make it the reporter of what follows, not a participant. */
export const REPORT_MARKERS: Readonly<Record<DraftLanguage, readonly string[]>> = {
  pt: ['de acordo com', 'segundo', 'citado por', 'fonte:'],
  en: ['according to', 'reported by', 'citing'],
};

/** Words just before a place that make it where the event happened ("em Pyongyang"), not a place merely named. */
export const LOCATIVES: Readonly<Record<DraftLanguage, readonly string[]>> = {
  pt: ['em', 'a', 'à', 'ao', 'no', 'na', 'para'],
  en: ['in', 'at', 'to'],
};

/** Capitalised words that start sentences or titles, not names. */
// prettier-ignore
export const FUNCTION_WORDS: Readonly<Record<DraftLanguage, readonly string[]>> = {
  pt: [
    'a',
    'o',
    'as',
    'os',
    'um',
    'uma',
    'em',
    'no',
    'na',
    'nos',
    'nas',
    'de',
    'do',
    'da',
    'dos',
    'das',
    'e',
    'mas',
    'mais',
    'após',
    'além',
    'antes',
    'depois',
    'segundo',
    'durante',
    'para',
    'por',
    'com',
    'este',
    'esta',
    'esse',
    'essa',
    'isso',
    'isto',
    'ele',
    'ela',
    'eles',
    'elas',
    'fonte',
    'comentário',
    'sobre',
    'também',
    'já',
    'ainda',
    'assim',
    'porém',
    'contudo',
    'entretanto',
    'hoje',
    'ontem',
    'amanhã',
    'estado',
    'foto',
    // forms of address, written before a name: "o Sr. Krivoruchko"
    'sr',
    'sra',
    'srs',
    'dr',
    'dra',
    'nosso',
    'nossa',
    'nossos',
    'nossas',
  ],
  en: [
    'the',
    'a',
    'an',
    'in',
    'on',
    'at',
    'this',
    'that',
    'these',
    'those',
    'it',
    'he',
    'she',
    'they',
    'we',
    'after',
    'before',
    'during',
    'and',
    'but',
    'source',
    'comments',
    'comment',
    'mr',
    'mrs',
    'ms',
    'dr',
    'also',
    'however',
    'today',
    'yesterday',
    'photo',
    'state',
    'according',
    'our',
    'their',
    'his',
    'her',
    'its',
    'my',
    'your',
  ],
};

/** Words joining the capitalised words of one name: "Agência Central de Notícias da Coreia". */
export const NAME_CONNECTORS: Readonly<Record<DraftLanguage, readonly string[]>> = {
  pt: ['de', 'da', 'do', 'das', 'dos'],
  en: ['of', 'on', 'for'],
};

/** A name's head word suggests its label; matched on the first or last word, accent-insensitively. */
// prettier-ignore
export const LABEL_HINTS: readonly { label: EntityLabel; words: readonly string[] }[] = [
  {
    label: 'Agreement',
    words: ['tratado', 'acordo', 'pacto', 'convencao', 'treaty', 'agreement', 'pact', 'accord', 'convention'],
  },
  {
    label: 'Organization',
    words: [
      'ministerio',
      'agencia',
      'partido',
      'comite',
      'conselho',
      'exercito',
      'ministry',
      'agency',
      'news',
      'party',
      'committee',
      'council',
      'army',
      'forces',
      'bank',
      'banco',
      'union',
      'uniao',
      'kremlin',
      'duma',
      'fleet',
      'frota',
      'parliament',
      'parlamento',
      'assembly',
      'assembleia',
      'commission',
      'comissao',
      'corporation',
      'company',
      'university',
      'universidade',
      'institute',
      'instituto',
      'academy',
      'academia',
    ],
  },
  { label: 'Delegation', words: ['delegacao', 'delegation'] },
  { label: 'Country', words: ['republica', 'reino', 'federacao', 'republic', 'kingdom', 'federation'] },
  {
    label: 'Place',
    words: [
      'rio',
      'ponte',
      'mar',
      'ilha',
      'cidade',
      'provincia',
      'regiao',
      'river',
      'bridge',
      'sea',
      'island',
      'city',
      'province',
      'region',
      'palacio',
      'palace',
      'hospital',
      'resort',
      'airport',
      'aeroporto',
      'cosmodrome',
      'cosmodromo',
      'square',
      'praca',
    ],
  },
];

/** Sentences that are page furniture (never a source of entities or events), proposed as boilerplate. */
export const BOILERPLATE: readonly RegExp[] = [
  /^Comentários? \(\d+\)$/u,
  /^Comments? \(\d+\)$/u,
  /^(?:Partilhar|Compartilhar|Share)(?: (?:this|on|esta|este)\b.*)?$/iu,
  /^(?:Leia|Veja) (?:também|mais)\b/iu,
  /^(?:Read|See) (?:more|also)\b/iu,
  /^(?:ALSO READ|RELATED|Related|Related:|Mais lidas|Saiba mais)\b/u,
  // bylines and credits: "By Staff Reporter", "Por Redação", "Photo: Reuters", "Foto: KCNA via KNS"
  /^(?:By|Por) \p{Lu}[\p{L}.'’-]*(?: [\p{L}.'’-]+){0,4}(?:,? (?:com|with) [\p{L} ]+)?(?: [|·].*)?$/u,
  /^(?:Photo|Foto|Image|Imagem|Caption|Legenda|Photo credit|Crédito)s?(?: credit)?:/iu,
  /^(?:Advertisement|Publicidade|Anúncio|Sponsored)$/iu,
  /^(?:Published|Posted|Updated|Last updated|Publicado|Publicada|Atualizado|Actualizado)\b/iu,
  /^(?:Atualizado|Updated) há \d+/iu,
  // a credit or aside in brackets on its own: "(KCNA via Reuters)"
  /^\([^()]*\)\.?$/u,
];

/** Where an article names its source: a "Fonte:" line, an agency in the dateline. */
export const SOURCE_MARKERS: readonly RegExp[] = [
  /^(?:Fonte|Source|Fontes|Sources):\s*\S.*$/u,
  /\((?:\p{Lu}{2,}|\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)\)/u,
];

/** Vague time words: the drafter dates them to the publication year and says so. */
export const RECENTLY: Readonly<Record<DraftLanguage, RegExp>> = {
  pt: /\b(?:n[oa]s? últimos tempos|recentemente|nos últimos meses)\b/iu,
  en: /\b(?:recently|in recent (?:months|times|weeks)|of late)\b/iu,
};

/** "junho passado" / "last June": the latest such month before the publication month. */
export const LAST_MONTH: Readonly<Record<DraftLanguage, RegExp>> = {
  pt: /\b(?:em )?(janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro) (?:passado|último)\b/iu,
  en: /\b(?:in )?last (January|February|March|April|May|June|July|August|September|October|November|December)\b/iu,
};

/** A month named alone, or with its year: "em junho", "em junho de 2023" (chrono's pt misses these). */
export const MONTH_NAME: Readonly<Record<DraftLanguage, RegExp>> = {
  pt: /\b(?:em |no mês de )?(janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)(?: de (\d{4}))?\b(?! passado| último)/iu,
  en: /\b(?:in )?(January|February|March|April|May|June|July|August|September|October|November|December)(?:,? (\d{4}))?\b/u,
};

/** A year alone: "in 2000", "em 2000". */
export const YEAR_ALONE: Readonly<Record<DraftLanguage, RegExp>> = {
  pt: /\b(?:em|desde|até(?: ao?)?|de)(?: (?:o )?(?:fim|final|início|meados) de)? ((?:1[89]|20)\d{2})\b/iu,
  en: /\b(?:in|since|until|by)(?: the (?:end|beginning|start|middle) of)? ((?:1[89]|20)\d{2})\b/iu,
};

/** Month names in both languages, for the custom date parsers (1 = January). */
// prettier-ignore
export const MONTHS: Readonly<Record<string, number>> = {
  janeiro: 1,
  fevereiro: 2,
  março: 3,
  abril: 4,
  maio: 5,
  junho: 6,
  julho: 7,
  agosto: 8,
  setembro: 9,
  outubro: 10,
  novembro: 11,
  dezembro: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

/** Prepositions that belong to a date's quote when they precede it ("Em 18 de julho", "on Wednesday"). */
export const DATE_PREPOSITIONS: Readonly<Record<DraftLanguage, readonly string[]>> = {
  pt: ['em', 'no', 'na', 'desde', 'até'],
  en: ['on', 'in', 'since', 'until', 'by'],
};

/** Lines that say when the page was published or updated: their date is the publication date. */
export const PUBLICATION_MARKERS: RegExp =
  /^(?:Published|Posted|Updated|Last updated|First published|Publicado|Publicada|Atualizado|Actualizado|Atualizada)\b/iu;

/** Counted numbers, as reports write them ("duas semanas", "three days"). */
// prettier-ignore
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7,
  um: 1, uma: 1, dois: 2, duas: 2, 'três': 3, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7,
};

/**
 * Relative dates chrono resolves to the wrong day (or not at all). `week` counts whole weeks back
 * from the publication week; `monthSoFar` is this month up to the day before publication;
 * `offset` counts from the date the text last gave ("a day earlier", "na véspera", "three days
 * later"), in days or months (negative: earlier). The number is group 1 when the words hold one.
 */
export const RELATIVE_DATES: Readonly<
  Record<
    DraftLanguage,
    readonly {
      pattern: RegExp;
      kind: 'week' | 'monthSoFar' | 'offset';
      unit?: 'day' | 'month';
      sign?: 1 | -1;
      count?: number;
    }[]
  >
> = {
  en: [
    { pattern: /\blast week\b/giu, kind: 'week', count: 1 },
    { pattern: /\b(a|one|two|three|four|\d{1,3}) weeks? ago\b/giu, kind: 'week' },
    { pattern: /\bearlier this month\b/giu, kind: 'monthSoFar' },
    {
      pattern: /\b(?:later that day|(?:on )?that same day|(?:on )?the same day)\b/giu,
      kind: 'offset',
      unit: 'day',
      sign: 1,
      count: 0,
    },
    { pattern: /\b(?:the day before|the previous day|the eve)\b/giu, kind: 'offset', unit: 'day', sign: -1, count: 1 },
    { pattern: /\b(?:the (?:next|following) day)\b/giu, kind: 'offset', unit: 'day', sign: 1, count: 1 },
    {
      pattern: /\b(a|one|two|three|four|five|six|seven|\d{1,3}) days? (?:earlier|before)\b/giu,
      kind: 'offset',
      unit: 'day',
      sign: -1,
    },
    {
      pattern: /\b(a|one|two|three|four|five|six|seven|\d{1,3}) days? later\b/giu,
      kind: 'offset',
      unit: 'day',
      sign: 1,
    },
    { pattern: /\b(a|one|two|three|\d{1,3}) months? (?:earlier|before)\b/giu, kind: 'offset', unit: 'month', sign: -1 },
    { pattern: /\b(a|one|two|three|\d{1,3}) months? later\b/giu, kind: 'offset', unit: 'month', sign: 1 },
  ],
  pt: [
    { pattern: /\b(?:na )?semana passada\b/giu, kind: 'week', count: 1 },
    { pattern: /\bhá (uma|duas|três|tres|quatro|\d{1,3}) semanas?\b/giu, kind: 'week' },
    { pattern: /\b(?:no início d|mais cedo n)este mês\b/giu, kind: 'monthSoFar' },
    {
      pattern: /\b(?:no mesmo dia|nesse mesmo dia|mais tarde nesse dia)\b/giu,
      kind: 'offset',
      unit: 'day',
      sign: 1,
      count: 0,
    },
    { pattern: /\b(?:na véspera|no dia anterior)\b/giu, kind: 'offset', unit: 'day', sign: -1, count: 1 },
    { pattern: /\b(?:no dia seguinte)\b/giu, kind: 'offset', unit: 'day', sign: 1, count: 1 },
    {
      pattern: /\b(um|dois|três|tres|quatro|cinco|seis|sete|\d{1,3}) dias? antes\b/giu,
      kind: 'offset',
      unit: 'day',
      sign: -1,
    },
    {
      pattern: /\b(um|dois|três|tres|quatro|cinco|seis|sete|\d{1,3}) dias? (?:depois|mais tarde)\b/giu,
      kind: 'offset',
      unit: 'day',
      sign: 1,
    },
    { pattern: /\b(um|dois|três|tres|\d{1,3}) m[eê]s(?:es)? antes\b/giu, kind: 'offset', unit: 'month', sign: -1 },
    { pattern: /\b(um|dois|três|tres|\d{1,3}) m[eê]s(?:es)? depois\b/giu, kind: 'offset', unit: 'month', sign: 1 },
  ],
};

/** "de 15 a 17 de janeiro", "entre 15 e 17 de março", "June 18-19": an interval of days of one month. */
export const DAY_RANGE: Readonly<Record<DraftLanguage, RegExp>> = {
  pt: /\b(?:de |entre )?(\d{1,2}) (?:a|e|-) (\d{1,2}) de (janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)(?: de (\d{4}))?\b/giu,
  en: /\b(?:on |from |between )?(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}) ?(?:-|–|to|and) ?(\d{1,2})(?:,? (\d{4}))?\b/gu,
};

/**
 * Portuguese demonyms, by ISO 3166-1 alpha-3 code. The country dataset (world-countries) has
 * English and French demonyms only, so the Portuguese ones of the countries this news covers are
 * written here; every form (masculine, feminine, plurals) is listed.
 */
// prettier-ignore
export const PORTUGUESE_DEMONYMS: Readonly<Record<string, readonly string[]>> = {
  RUS: ['russo', 'russa', 'russos', 'russas'],
  PRK: ['norte-coreano', 'norte-coreana', 'norte-coreanos', 'norte-coreanas'],
  KOR: ['sul-coreano', 'sul-coreana', 'sul-coreanos', 'sul-coreanas'],
  CHN: ['chinês', 'chinesa', 'chineses', 'chinesas'],
  JPN: ['japonês', 'japonesa', 'japoneses', 'japonesas'],
  USA: ['norte-americano', 'norte-americana', 'norte-americanos', 'norte-americanas', 'americano', 'americana', 'americanos', 'americanas', 'estadunidense', 'estadunidenses'],
  UKR: ['ucraniano', 'ucraniana', 'ucranianos', 'ucranianas'],
  BLR: ['bielorrusso', 'bielorrussa', 'bielorrussos', 'bielorrussas'],
  VNM: ['vietnamita', 'vietnamitas'],
  MNG: ['mongol', 'mongóis'],
  IRN: ['iraniano', 'iraniana', 'iranianos', 'iranianas'],
  SYR: ['sírio', 'síria', 'sírios', 'sírias'],
  TUR: ['turco', 'turca', 'turcos', 'turcas'],
  IND: ['indiano', 'indiana', 'indianos', 'indianas'],
  GBR: ['britânico', 'britânica', 'britânicos', 'britânicas'],
  FRA: ['francês', 'francesa', 'franceses', 'francesas'],
  DEU: ['alemão', 'alemã', 'alemães', 'alemãs'],
  PRT: ['português', 'portuguesa', 'portugueses', 'portuguesas'],
  BRA: ['brasileiro', 'brasileira', 'brasileiros', 'brasileiras'],
  KAZ: ['cazaque', 'cazaques'],
  LAO: ['laosiano', 'laosiana', 'laosianos', 'laosianas'],
  ISR: ['israelita', 'israelitas', 'israelense', 'israelenses'],
};

/**
 * Capitalised titles before a name, which are not part of it: "Natural Resources Minister
 * Alexander Kozlov", "Russian Ambassador Alexander Matsegora", "a ministra dos Negócios
 * Estrangeiros". The whole title is kept out of candidate names.
 */
export const TITLE_RUNS: Readonly<Record<DraftLanguage, RegExp>> = {
  en: /\b(?:\p{Lu}[\p{L}'’-]+ ){0,4}(?:Minister|Ambassador|Governor|Secretary|Chairman|Premier|Chancellor|Envoy|Commander|Spokesman|Spokeswoman|Director|Mayor|Chief)\b/gu,
  pt: /\b(?:vice-)?ministr[oa]s? d[aoe]s? (?:Negócios Estrangeiros|Relações Exteriores|Assuntos Exteriores|Recursos Naturais|Relações Económicas Externas|Relações Econômicas Externas|Defesa|Economia|Finanças|Comércio|Interior|Justiça|Saúde|Educação|Energia|Transportes|Indústria|Agricultura|Cultura)\b/gu,
};

/** Words just before a name that say it is an organisation: "the newspaper Izvestia", "a agência VNA". */
export const ORGANIZATION_CUES: Readonly<Record<DraftLanguage, readonly string[]>> = {
  en: ['newspaper', 'agency', 'company', 'operator', 'broadcaster', 'channel', 'firm', 'group', 'daily', 'outlet'],
  pt: ['jornal', 'agência', 'empresa', 'operador', 'operadora', 'canal', 'emissora', 'grupo', 'diário'],
};

/** Lower-case head nouns after a name that belong to a place's name: "Amur region", "Masikryong ski resort". */
export const PLACE_TAILS: Readonly<Record<DraftLanguage, RegExp>> = {
  en: /^ (?:ski resort|resort|region|river|province|oblast|krai|airport|cosmodrome|base)\b/u,
  pt: /^$/u,
};

/** Lower-case facility words before "de <Name>" that belong to the name: "cosmódromo de Vostochny". */
export const PLACE_HEADS: Readonly<Record<DraftLanguage, RegExp>> = {
  en: /(?!)/u,
  pt: /(?:cosmódromo|aeroporto|base aérea|base naval|estância|fábrica) d[eao] $/u,
};
