/**
 * The knowledge model: which labels exist, which relationships may join which labels, and the
 * event taxonomy. Cypher splices labels and relationship types only from these lists.
 */

export const ENTITY_LABELS = ['Person', 'Organization', 'Country', 'Place', 'Delegation', 'Agreement'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

export const ENTITY_KIND_OF: Readonly<Record<EntityLabel, string>> = {
  Person: 'PERSON',
  Organization: 'ORGANIZATION',
  Country: 'COUNTRY',
  Place: 'PLACE',
  Delegation: 'DELEGATION',
  Agreement: 'AGREEMENT',
};

/** Labels of the calendar tree, which is for exploration only and never a path between entities. */
export const CALENDAR_LABELS = ['Year', 'Month', 'Day'] as const;

type Endpoint = EntityLabel | 'Event' | 'Source';
const ANY_ENTITY: readonly Endpoint[] = ENTITY_LABELS;

interface RelationshipRule {
  readonly from: readonly Endpoint[];
  readonly to: readonly Endpoint[];
  /**
   * Whether the relationship carries a role from the vocabulary (src/domain/roles.ts); distinct
   * roles make distinct relationships. Where a role is allowed, so is the source's own `title`.
   */
  readonly role: 'required' | 'optional' | 'none';
  readonly meaning: string;
}

/** Relationship types written by bundles; ON_DAY/IN_MONTH/IN_YEAR are derived from event dates. */
export const RELATIONSHIP_RULES = {
  PARTICIPATED_IN: { from: ANY_ENTITY, to: ['Event'], role: 'required', meaning: 'took part in the event, in a role' },
  TOOK_PLACE_IN: { from: ['Event'], to: ['Place', 'Country'], role: 'none', meaning: 'the event happened there' },
  PRODUCED: { from: ['Event'], to: ['Agreement'], role: 'none', meaning: 'the event produced (signed) the agreement' },
  REFERENCES: { from: ['Event'], to: ['Event'], role: 'none', meaning: 'the event recalled an earlier event' },
  PART_OF: { from: ['Event'], to: ['Event'], role: 'none', meaning: 'the event happened within a larger one' },
  REPORTED_BY: {
    from: ['Event'],
    to: ['Organization'],
    role: 'optional',
    meaning: 'the organization reported the event',
  },
  CONCERNS: { from: ['Agreement', 'Event'], to: ANY_ENTITY, role: 'none', meaning: 'is about' },
  LED_BY: {
    from: ['Delegation', 'Country', 'Organization'],
    to: ['Person'],
    role: 'optional',
    meaning: 'is led by (role: the title)',
  },
  MEMBER_OF: { from: ['Person'], to: ['Delegation', 'Organization'], role: 'optional', meaning: 'belongs to' },
  REPRESENTS: {
    from: ['Delegation', 'Person', 'Organization'],
    to: ['Country'],
    role: 'none',
    meaning: 'acts for the country',
  },
  LOCATED_IN: { from: ['Place', 'Organization'], to: ['Place', 'Country'], role: 'none', meaning: 'lies within' },
  BORDERS: { from: ['Place'], to: ['Country'], role: 'none', meaning: 'lies on the border of' },
  CROSSES: { from: ['Place'], to: ['Place'], role: 'none', meaning: 'spans (a bridge over a river)' },
  SIGNED: {
    from: ['Person', 'Country', 'Organization'],
    to: ['Agreement'],
    role: 'none',
    meaning: 'signed the agreement',
  },
  PARTY_TO: {
    from: ['Country', 'Organization'],
    to: ['Agreement'],
    role: 'none',
    meaning: 'is bound by the agreement',
  },
  REPLACES: { from: ['Agreement'], to: ['Agreement'], role: 'none', meaning: 'supersedes an earlier agreement' },
  CITES: {
    from: ['Source', 'Organization'],
    to: ['Organization'],
    role: 'none',
    meaning: 'relays what the organization reported (a source citing TASS)',
  },
} as const satisfies Record<string, RelationshipRule>;

export type RelationshipType = keyof typeof RELATIONSHIP_RULES;
export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIP_RULES) as RelationshipType[];

/** Calendar links, chosen by the precision of the event's date. */
export const CALENDAR_LINK = { DAY: 'ON_DAY', MONTH: 'IN_MONTH', YEAR: 'IN_YEAR' } as const;

/**
 * The diplomacy taxonomy of event types, each mapped to the CAMEO code GDELT would use.
 * https://parusanalytics.com/eventdata/cameo.dir/CAMEO.Manual.1.1b3.pdf
 */
export const EVENT_TYPES = {
  meeting: {
    cameo: '043',
    description: 'a leader or official receives a visitor or delegation (CAMEO 043 Host a visit)',
    names: { en: 'Meeting', pt: 'Reunião' },
  },
  visit: {
    cameo: '042',
    description: 'a person or delegation travels to another country (CAMEO 042 Make a visit)',
    names: { en: 'Visit', pt: 'Visita' },
  },
  state_visit: {
    cameo: '042',
    description: 'a head of state visits another country at its invitation (CAMEO 042)',
    names: { en: 'State visit', pt: 'Visita de Estado' },
  },
  talks: {
    cameo: '046',
    description: 'negotiations between the parties (CAMEO 046 Engage in negotiation)',
    names: { en: 'Talks', pt: 'Negociações' },
  },
  summit: {
    cameo: '040',
    description: 'a meeting of heads of state or government (CAMEO 040 Consult)',
    names: { en: 'Summit', pt: 'Cúpula' },
  },
  signing: {
    cameo: '057',
    description: 'a treaty or agreement is signed (CAMEO 057 Sign formal agreement)',
    names: { en: 'Signing', pt: 'Assinatura' },
  },
  exchange: {
    cameo: '040',
    description: 'a series of contacts, such as exchanges of officials (CAMEO 040 Consult)',
    names: { en: 'Exchange', pt: 'Intercâmbio' },
  },
  statement: {
    cameo: '010',
    description: 'a public statement (CAMEO 010 Make statement)',
    names: { en: 'Statement', pt: 'Declaração' },
  },
  ratification: {
    cameo: '057',
    description: 'an agreement is ratified; the event CONCERNS the agreement (CAMEO 057)',
    names: { en: 'Ratification', pt: 'Ratificação' },
  },
  entry_into_force: {
    cameo: '057',
    description: 'an agreement enters into force; the event CONCERNS the agreement (CAMEO 057)',
    names: { en: 'Entry into force', pt: 'Entrada em vigor' },
  },
} as const;

/**
 * Diplomatic types whose country participants act through their heads: the person who leads a
 * participating country as head of state or government at the event's date is involved in its
 * summits, state visits, talks and signings. Not in the rest of what the country does (exchanges of
 * officials, a delegation's visit, a statement), which would fill a head's timeline with everything
 * about the country.
 */
export const HEAD_LED_EVENT_TYPES: readonly EventType[] = ['summit', 'state_visit', 'talks', 'signing'];

/** Languages the widgets speak: type names, dates and (for `en`) the English titles. */
export type WidgetLanguage = 'en' | 'pt';

/** An event type as readers name it: "State visit", "Visita de Estado"; unknown types as written. */
export function eventTypeName(type: string, language: WidgetLanguage = 'en'): string {
  const known = (EVENT_TYPES as Record<string, { names: Record<WidgetLanguage, string> }>)[type];
  return known ? known.names[language] : type.replace(/_/g, ' ');
}

export type EventType = keyof typeof EVENT_TYPES;

/**
 * Types that may name one happening: one source's "visit" is another's "state visit". Duplicate
 * checks and sameAs compare families; every other type is a family of its own.
 */
export const EVENT_TYPE_FAMILY: Readonly<Record<EventType, string>> = {
  meeting: 'meeting',
  visit: 'visit',
  state_visit: 'visit',
  talks: 'talks',
  summit: 'summit',
  signing: 'signing',
  exchange: 'exchange',
  statement: 'statement',
  ratification: 'ratification',
  entry_into_force: 'entry_into_force',
};

/** The family of a type (an unknown type is its own). */
export function eventTypeFamily(type: string): string {
  return (EVENT_TYPE_FAMILY as Record<string, string>)[type] ?? type;
}
