import type { DatePrecision, FuzzyDate } from '../domain/fuzzy-date';
import { eventTypeFamily, type EntityLabel, type EventType, type RelationshipType } from '../domain/model';
import type { Role } from '../domain/roles';
import type { Sentence } from '../bundle/sentences';
import type { DateMention } from './dates';
import { DATE_ANCHORS, LOCATIVES, REPORT_MARKERS, type DraftLanguage } from './rules';
import { slugify, wordPattern, type Span } from './text-search';
import type { Title } from './titles';
import type { Trigger } from './triggers';

/** A quote with its place, as bundles write evidence. */
export interface EvidenceSpan extends Span {
  readonly quote: string;
  readonly sentence: number;
}

/** An entity named in a sentence (known or candidate), which may take part in that sentence's events. */
export interface Participant extends EvidenceSpan {
  readonly entityId: string;
  readonly label: EntityLabel;
  readonly title?: Title;
}

export interface DraftDate {
  readonly iso: string;
  readonly precision: DatePrecision;
  readonly inferred: boolean;
  readonly note?: string;
  readonly evidence: readonly EvidenceSpan[];
}

/** A relationship between a drafted event and an entity, with why it is proposed. */
export interface DraftLink {
  readonly type: RelationshipType;
  readonly entityId: string;
  readonly role?: Role;
  readonly title?: string;
  readonly evidence: EvidenceSpan[];
  readonly reason: string;
}

export interface DraftEvent {
  readonly id: string;
  readonly type: EventType;
  readonly title: string;
  readonly date: DraftDate;
  readonly evidence: EvidenceSpan[];
  readonly triggers: Trigger[];
  readonly links: DraftLink[];
}

export interface EventInput {
  readonly text: string;
  readonly sentences: readonly Sentence[];
  readonly language: DraftLanguage;
  readonly triggers: readonly Trigger[];
  /** Date expressions that may date events (the dateline, which dates the article, left out). */
  readonly dates: readonly DateMention[];
  readonly participants: readonly Participant[];
  /** Dates an event nothing else dates. */
  readonly published: FuzzyDate;
  /** Ids already taken (entities, known nodes), which no event may reuse. */
  readonly reservedIds: ReadonlySet<string>;
}

const MAX_TITLE = 100;
const MIN_CLAUSE = 40;

/**
 * One candidate event per trigger word, dated by the nearest date of its clause (else of its
 * sentence, else the last dated sentence before it), with the sentence's entities as
 * participants in roles their position suggests. A noun that points back ("as negociações") or a
 * verb repeating an event with the same type, date and a shared participant joins that event.
 */
export function draftEvents(input: EventInput): DraftEvent[] {
  const events: DraftEvent[] = [];
  const ids = new Set(input.reservedIds);
  for (const trigger of input.triggers) {
    if (isHeadline(input.sentences, trigger.sentence)) continue;
    const links = linksOf(trigger, input);
    if (trigger.rule.type === 'statement' && links.length === 0) continue;
    const date = dateOf(trigger, input, speakerStart(links), events);
    const family = eventTypeFamily(trigger.rule.type);
    const sameType = events.filter((event) => event.type === trigger.rule.type);
    // "da visita" after "uma visita de Estado": a noun that points back joins its family's last event
    const sameFamily = events.filter((event) => eventTypeFamily(event.type) === family);
    const found =
      (trigger.refersBack ? sameFamily[sameFamily.length - 1] : undefined) ??
      sameType.find(
        (event) =>
          event.date.iso === date.iso &&
          links.some((link) => event.links.some((other) => other.entityId === link.entityId)),
      ) ??
      // "chegou a Hanói … para uma visita de Estado": two words of one family in a sentence, one event
      events.find(
        (event) =>
          eventTypeFamily(event.type) === family && event.triggers.some((other) => other.sentence === trigger.sentence),
      );
    const evidence = clauseOf(trigger, input);
    if (found) {
      // The more specific type wins ("state visit" over "visit"), with the date of its own words.
      const repeated =
        found.type !== trigger.rule.type && trigger.rule.type !== family
          ? replaceEvent(events, found, { ...found, type: trigger.rule.type, date: own(date) ? date : found.date })
          : found;
      if (!repeated.evidence.some((span) => span.start === evidence.start)) repeated.evidence.push(evidence);
      repeated.triggers.push(trigger);
      for (const link of links) addLink(repeated.links, link, true);
      continue;
    }
    const id = uniqueId(`${date.iso}-${trigger.rule.type}-${firstName(links) ?? slugify(trigger.quote)}`, ids);
    events.push({
      id,
      type: trigger.rule.type,
      title: titleOf(evidence.quote),
      date,
      evidence: [evidence],
      triggers: [trigger],
      links: links.reduce<DraftLink[]>((all, link) => addLink(all, link), []),
    });
  }
  return events;
}

/**
 * A first line without a full stop, above the story, is the headline: it restates an event the
 * story reports, so it drafts none of its own.
 */
function isHeadline(sentences: readonly Sentence[], index: number): boolean {
  const sentence = sentences[index];
  return index === 0 && sentences.length > 2 && sentence !== undefined && !/[.!?]["”’)]?$/u.test(sentence.text);
}

function replaceEvent(events: DraftEvent[], old: DraftEvent, next: DraftEvent): DraftEvent {
  events[events.indexOf(old)] = next;
  return next;
}

/** A date the trigger's own sentence gives (not one carried over from an earlier sentence). */
function own(date: DraftDate): boolean {
  return !(date.note ?? '').startsWith('Sentence ') && !(date.note ?? '').startsWith('Nothing in');
}

/** Where the speaker of a statement is named: a statement's date comes before it ("Em 18 de julho, Kim disse"). */
function speakerStart(links: readonly DraftLink[]): number | undefined {
  return links.find((link) => link.role === 'speaker')?.evidence[0]?.start;
}

function dateOf(
  trigger: Trigger,
  input: EventInput,
  speakerAt: number | undefined,
  drafted: readonly DraftEvent[],
): DraftDate {
  const { text } = input;
  const limit = speakerAt ?? trigger.start;
  const inSentence = input.dates.filter(
    (date) => date.sentence === trigger.sentence && (!trigger.rule.dateBeforeOnly || date.end <= limit),
  );
  const distance = (date: DateMention) =>
    date.end <= trigger.start ? trigger.start - date.end : Math.max(0, date.start - trigger.end);
  const sameClause = (date: DateMention) => {
    const between =
      date.end <= trigger.start ? text.slice(date.end, trigger.start) : text.slice(trigger.end, date.start);
    return !/[,;:]/.test(between);
  };
  const ordered = [...inSentence].sort(
    (a, b) => Number(sameClause(b)) - Number(sameClause(a)) || distance(a) - distance(b),
  );
  const own = ordered[0];
  if (own) return { ...resolved(own), evidence: [evidenceOf(own)] };

  // A past year alone ("in 2000") is background, not the time the story is at.
  const earlier = input.dates
    .filter((date) => date.sentence < trigger.sentence && !(date.precision === 'YEAR' && !date.inferred))
    .sort((a, b) => b.sentence - a.sentence || b.start - a.start)[0];
  const anchor = anchorIn(trigger, input);
  // "after the talks": the date of the talks already drafted, not merely the last date given.
  const named = anchor && eventNamedIn(anchor.quote, drafted);
  if (anchor && named) {
    return {
      ...named.date,
      inferred: true,
      note: `Sentence ${trigger.sentence} gives no date; "${anchor.quote}" points back to the ${named.type} dated ${named.date.iso}.`,
      evidence: [...named.date.evidence, anchor],
    };
  }
  if (earlier) {
    return {
      iso: earlier.iso,
      precision: earlier.precision,
      inferred: true,
      note: `Sentence ${trigger.sentence} gives no date; taken from sentence ${earlier.sentence} ("${earlier.quote}")${anchor ? `, which "${anchor.quote}" points back to` : ''}.${earlier.note ? ` ${earlier.note}` : ''}`,
      evidence: [evidenceOf(earlier), ...(anchor ? [anchor] : [])],
    };
  }
  const published = input.published;
  return {
    iso: published.iso,
    precision: published.precision,
    inferred: true,
    note: 'Nothing in or before this sentence dates it; the publication date is taken. Check it.',
    evidence: [clauseOf(trigger, input)],
  };
}

/** The last drafted event one of whose trigger words the anchor repeats ("after the talks"). */
function eventNamedIn(anchor: string, drafted: readonly DraftEvent[]): DraftEvent | undefined {
  const words = anchor.toLowerCase();
  return [...drafted].reverse().find((event) =>
    // Whole words in any script (\b is ASCII-only), the trigger's last word taken literally.
    event.triggers.some((trigger) =>
      wordPattern([trigger.quote.toLowerCase().split(' ').pop() ?? ''], 'u').test(words),
    ),
  );
}

function resolved(date: DateMention): Omit<DraftDate, 'evidence'> {
  return {
    iso: date.iso,
    precision: date.precision,
    inferred: date.inferred,
    ...(date.note ? { note: date.note } : {}),
  };
}

function evidenceOf(item: EvidenceSpan): EvidenceSpan {
  return { quote: item.quote, start: item.start, end: item.end, sentence: item.sentence };
}

/** "Após as negociações", "after the ceremony": what ties an undated sentence to an earlier date. */
function anchorIn(trigger: Trigger, input: EventInput): EvidenceSpan | undefined {
  const sentence = input.sentences[trigger.sentence];
  if (!sentence) return undefined;
  const pattern = new RegExp(DATE_ANCHORS[input.language].source, DATE_ANCHORS[input.language].flags);
  const match = pattern.exec(sentence.text);
  if (!match) return undefined;
  const start = sentence.start + match.index;
  const quote = match[0].trimEnd();
  return { quote, start, end: start + quote.length, sentence: sentence.index };
}

/** The clause holding the trigger (between commas or semicolons), joined to the next when it is short. */
function clauseOf(trigger: Trigger, input: EventInput): EvidenceSpan {
  const sentence = input.sentences[trigger.sentence] as Sentence;
  const breaks = [...sentence.text.matchAll(/[,;:]\s+|\s+[-–—]\s+/g)].map((match) => ({
    start: sentence.start + (match.index ?? 0),
    end: sentence.start + (match.index ?? 0) + match[0].length,
  }));
  let start = sentence.start;
  let end = sentence.end;
  for (const cut of breaks) {
    if (cut.end <= trigger.start) start = cut.end;
    else if (cut.start >= trigger.end) {
      end = cut.start;
      break;
    }
  }
  if (end - start < MIN_CLAUSE) {
    const next = breaks.find((cut) => cut.start >= end + 1);
    end = next ? next.start : sentence.end;
  }
  const quote = input.text.slice(start, end).replace(/[\s,;:]+$/u, '');
  return { quote, start, end: start + quote.length, sentence: sentence.index };
}

function linksOf(trigger: Trigger, input: EventInput): DraftLink[] {
  const { text, language } = input;
  const sentence = input.sentences[trigger.sentence] as Sentence;
  const inSentence = input.participants.filter((participant) => participant.sentence === trigger.sentence);
  const span = (participant: Participant): EvidenceSpan => {
    const start = Math.min(participant.start, trigger.start);
    const end = Math.max(participant.end, trigger.end);
    return { quote: text.slice(start, end), start, end, sentence: trigger.sentence };
  };
  const wordBefore = (participant: Participant) =>
    /(\p{L}+)\s+$/u
      .exec(text.slice(Math.max(sentence.start, participant.start - 12), participant.start))?.[1]
      ?.toLowerCase();
  const placedAt = (participant: Participant) =>
    /\b(?:at|in|em|no|na)\s+(?:the\s+)?$/iu.test(
      text.slice(Math.max(sentence.start, participant.start - 12), participant.start),
    );
  const reporters = new Set(
    inSentence
      .filter((participant) => participant.label === 'Organization' && reports(text, sentence, participant, language))
      .map((participant) => participant.entityId),
  );
  const { type, roles } = trigger.rule;
  if (type === 'statement') {
    const before = inSentence.filter(
      (participant) => participant.end <= trigger.start && participant.label !== 'Place',
    );
    // '"…", disse Lavrov': after a quotation the speaker follows the verb.
    const inverted = /["”»]\s*,?\s*$/u.test(text.slice(sentence.start, trigger.start));
    const after = inverted
      ? inSentence.find(
          (participant) => participant.label === 'Person' && /^\s*$/u.test(text.slice(trigger.end, participant.start)),
        )
      : undefined;
    // The nearest name before the verb says it ("…, KCNA said" is KCNA, not a person named earlier);
    // an agency or a government saying something is the report, not an event of the story.
    const speaker = after ?? before.sort((a, b) => b.start - a.start)[0];
    if (!speaker || speaker.label !== 'Person') return [];
    return [
      {
        type: 'PARTICIPATED_IN',
        entityId: speaker.entityId,
        role: 'speaker',
        ...(speaker.title ? { title: speaker.title.text } : {}),
        evidence: [span(speaker)],
        reason: after ? `named after the quotation's "${trigger.quote}"` : `named before "${trigger.quote}"`,
      },
    ];
  }
  const links: DraftLink[] = [];
  for (const participant of inSentence) {
    const before = participant.end <= trigger.start;
    if (participant.label === 'Place') {
      const locative = wordBefore(participant);
      // "in the coastal city of Wonsan", "na cidade de Hanói": the settlement word carries the locative.
      const settlement = /\b(?:city|town|port|village|cidade|vila|porto) (?:of|de) $/iu.test(
        text.slice(Math.max(sentence.start, participant.start - 20), participant.start),
      );
      if ((locative && LOCATIVES[language].includes(locative)) || settlement)
        links.push({
          type: 'TOOK_PLACE_IN',
          entityId: participant.entityId,
          evidence: [span(participant)],
          reason: `"${locative} ${participant.quote}" in the same sentence`,
        });
    } else if (participant.label === 'Agreement') {
      const produced = (type === 'signing' && !before) || type === 'ratification' || type === 'entry_into_force';
      if (produced)
        links.push({
          type: type === 'signing' ? 'PRODUCED' : 'CONCERNS',
          entityId: participant.entityId,
          evidence: [span(participant)],
          reason: `the agreement of "${trigger.quote}"`,
        });
    } else if (reporters.has(participant.entityId)) {
      links.push({
        type: 'REPORTED_BY',
        entityId: participant.entityId,
        evidence: [span(participant)],
        reason: 'cited as the reporter ("de acordo com", "according to", "reported")',
      });
    } else if (participant.label === 'Organization' && placedAt(participant)) {
      // "at the Far Eastern Federal University": where it happened, not who took part
      continue;
    } else {
      // A title says who someone is, not their part in the event: it stays the link's title, and
      // the role is the event's (host, guest, visitor, signatory…) or else participant.
      // A visit named by a noun says its roles by prepositions: "the visit by X to Y", "a visita de X a Y".
      const byPreposition =
        trigger.rule.kind === 'noun' && type === 'visit' ? visitRole(wordBefore(participant)) : undefined;
      if (trigger.rule.kind === 'noun' && type === 'visit' && !byPreposition) continue;
      const positional = byPreposition ?? (before ? roles?.before : roles?.after);
      const role: Role = positional ?? 'participant';
      const why = positional ? `named ${before ? 'before' : 'after'} "${trigger.quote}"` : 'in the same sentence';
      links.push({
        type: 'PARTICIPATED_IN',
        entityId: participant.entityId,
        role,
        ...(participant.title ? { title: participant.title.text } : {}),
        evidence: [span(participant)],
        reason: why,
      });
    }
  }
  return links;
}

/** "by X", "de X": the visitor; "to Y", "a Y": the host. */
function visitRole(word: string | undefined): Role | undefined {
  if (word === undefined) return undefined;
  if (['by', 'of', 'de', 'do', 'da'].includes(word)) return 'visitor';
  if (['to', 'a', 'à', 'ao'].includes(word)) return 'host';
  return undefined;
}

/** Whether the text cites the organisation as its informant: "De acordo com a KCNA", "TASS reported". */
function reports(text: string, sentence: Sentence, participant: Participant, language: DraftLanguage): boolean {
  const lead = text.slice(Math.max(sentence.start, participant.start - 20), participant.start).toLowerCase();
  const after = text.slice(participant.end, participant.end + 20);
  return (
    REPORT_MARKERS[language].some((marker) => lead.includes(marker)) ||
    /^\s+(?:reported|reports|said|says|informou|noticiou|relatou|disse)\b/u.test(after)
  );
}

/**
 * Adds a link, or its evidence to the same link already there (one relationship per type, ends and
 * role). A later mention of an event (`again`) adds no second role for someone already in it.
 */
function addLink(links: DraftLink[], link: DraftLink, again = false): DraftLink[] {
  const same = links.find(
    (other) => other.type === link.type && other.entityId === link.entityId && (again || other.role === link.role),
  );
  if (!same) links.push(link);
  else
    for (const span of link.evidence)
      if (!same.evidence.some((other) => other.start === span.start)) same.evidence.push(span);
  return links;
}

function firstName(links: readonly DraftLink[]): string | undefined {
  return links.find((link) => link.type === 'PARTICIPATED_IN')?.entityId;
}

function titleOf(clause: string): string {
  const text = clause.replace(/^\p{Ll}/u, (first) => first.toUpperCase()).replace(/[.!?]+$/u, '');
  if (text.length <= MAX_TITLE) return text;
  const cut = text.slice(0, MAX_TITLE);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

function uniqueId(candidate: string, ids: Set<string>): string {
  const base = slugify(candidate);
  let id = base;
  for (let n = 2; ids.has(id); n += 1) id = `${base}-${n}`;
  ids.add(id);
  return id;
}
