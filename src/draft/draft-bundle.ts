import { daysBetween, parseFuzzyDate, type FuzzyDate } from '../domain/fuzzy-date';
import { matchKey } from '../domain/normalize';
import { DRAFTED_TITLE_PREFIX } from '../bundle/bundle-schema';
import { sentenceAt, splitSentences, type Sentence } from '../bundle/sentences';
import { findCandidateEntities, type CandidateEntity } from './candidates';
import { findDateMentions, findDatelineDay, findPublication, type DateMention } from './dates';
import { draftEvents, type DraftEvent, type EvidenceSpan, type Participant } from './events';
import type { KnownEntity, KnownNodes } from './known-nodes';
import { detectLanguage, isDraftLanguage } from './language';
import { findKnownMentions, type Mention } from './mentions';
import { inDateline } from './dateline';
import { demonymSpans, findDemonymMentions, settleCandidates } from './second-mentions';
import { BOILERPLATE, SOURCE_MARKERS, TITLE_WORDS, type DraftLanguage } from './rules';
import { proposeSameAs, type SameAsProposal } from './same-as';
import { overlaps, type Span } from './text-search';
import { findTitleBefore } from './titles';
import { findTriggers, type Trigger } from './triggers';

/** What the drafter needs besides the text. */
export interface DraftOptions {
  /** The source id (a slug), usually from the text's file name. */
  readonly sourceId: string;
  /** The text's path relative to where the bundle will be saved. */
  readonly textFile: string;
  /** pt or en; detected from the text when absent. */
  readonly language?: string;
  /** When the article was published, YYYY, YYYY-MM or YYYY-MM-DD; else taken from its dateline. */
  readonly published?: string;
  /** Entities and events already in the graph or the seed bundles. */
  readonly known: KnownNodes;
  /** The day year-less dates are resolved against when nothing gives the publication date (YYYY-MM-DD). */
  readonly today?: string;
}

/** The instruction that keeps a draft from being loaded as it is. */
export const DRAFT_INSTRUCTION = 'Review every item marked REVIEW, fix or delete it, then delete this line';

type Evidence = EvidenceSpan;

/** A bundle with its `draft:` line: the loader's format (src/bundle/bundle-schema.ts) plus that key. */
export interface DraftBundle {
  draft: string;
  source: {
    id: string;
    textFile: string;
    title?: string;
    titleEn?: string;
    language: string;
    published?: { iso: string; inferred: boolean; note?: string; evidence: Evidence[] };
    boilerplate: string[];
    evidence: Evidence[];
  };
  entities: {
    id: string;
    label: string;
    name: string;
    nameEn: string;
    evidence: Evidence[];
  }[];
  events: {
    id: string;
    sameAs?: string;
    type: string;
    title: string;
    titleEn: string;
    date: { iso: string; inferred: boolean; note?: string; evidence: Evidence[] };
    evidence: Evidence[];
  }[];
  relationships: {
    type: string;
    from: string;
    to: string;
    role?: string;
    title?: string;
    evidence: Evidence[];
  }[];
}

/** Review notes, keyed by the path of the item they are about ("events.2"), written as comments. */
export type ReviewNotes = Map<string, string[]>;

/** A draft: the bundle, the notes for the person who finishes it, and what was found on the way. */
export interface Draft {
  readonly bundle: DraftBundle;
  readonly notes: ReviewNotes;
  readonly language: DraftLanguage;
  readonly sentences: readonly Sentence[];
  readonly dates: readonly DateMention[];
  readonly mentions: readonly Mention[];
  readonly candidates: readonly CandidateEntity[];
  readonly events: readonly DraftEvent[];
  readonly sameAs: ReadonlyMap<string, SameAsProposal>;
}

/** A draft cannot be made as asked (an unknown language, a malformed date). */
export class DraftError extends Error {
  override readonly name = 'DraftError';
}

/**
 * Drafts a bundle from an article's text: known entities by name, candidate new ones, date
 * expressions resolved against the publication date, candidate events with their participants,
 * and `sameAs` to known events that look like the same happening. Pure: no files, no database.
 */
export function draftBundle(text: string, options: DraftOptions): Draft {
  const language = options.language ?? detectLanguage(text);
  if (language === undefined || !isDraftLanguage(language))
    throw new DraftError(`no word lists for language "${language ?? 'unknown'}"; give --language pt or --language en`);
  const notes: ReviewNotes = new Map();
  const note = (path: string, line: string) => notes.set(path, [...(notes.get(path) ?? []), line]);
  const sentences = splitSentences(text);
  const boilerplate = sentences.filter((sentence) => BOILERPLATE.some((pattern) => pattern.test(sentence.text)));
  const body = sentences.filter((sentence) => !boilerplate.includes(sentence));

  const publication = publicationOf(text, sentences, language, options, note);
  const { published, datelineSpan } = publication;
  // Relative dates count from the dateline's day when it has one ("hoje" in a story filed the day before).
  const datelineDay = findDatelineDay(text, sentences, language, publication.reference);
  const reference = datelineDay ? (parseFuzzyDate(datelineDay.iso) as FuzzyDate) : publication.reference;
  const dates = findDateMentions(text, body, language, reference);
  const entities = withoutOtherOccasions(options.known, dates);
  const named = findKnownMentions(text, body, entities, language);
  const byName = [...named, ...findDemonymMentions(text, body, entities, named, language)];
  const triggers = findTriggers(text, body, language);
  const sourceEvidence = sourceEvidenceOf(text, sentences, datelineSpan);
  const taken: Span[] = [...byName, ...dates, ...triggers, ...demonymSpans(text, language)];
  const reserved = new Set([options.sourceId, ...options.known.entities.map((entity) => entity.id)]);
  for (const event of options.known.events) reserved.add(event.id);
  const { candidates, mentions } = settleCandidates(
    text,
    findCandidateEntities(text, body, language, taken, reserved, surnamesOf(byName, entities)),
    byName,
    entities,
    body,
  );
  const participants = participantsOf(text, sentences, language, mentions, candidates);
  const events = draftEvents({
    text,
    sentences,
    language,
    triggers,
    dates: dates.filter((date) => !datelineSpan || !overlaps(date, datelineSpan)),
    participants,
    published: reference,
    reservedIds: new Set([...reserved, ...candidates.map((candidate) => candidate.id)]),
  });
  const sameAs = proposeSameAs(events, options.known.events);

  const bundle: DraftBundle = {
    draft: DRAFT_INSTRUCTION,
    source: {
      id: options.sourceId,
      textFile: options.textFile,
      ...titleOf(sentences, language, note),
      language,
      ...(published ? { published } : {}),
      boilerplate: boilerplate.map((sentence) => sentence.text),
      evidence: sourceEvidence,
    },
    entities: [],
    events: [],
    relationships: [],
  };
  if (boilerplate.length > 0) note('source.boilerplate', 'REVIEW: page furniture proposed as boilerplate.');
  if (sourceEvidence.length === 0)
    note('source', 'REVIEW: no "Fonte:"/"Source:" line or dateline found; add source.evidence.');
  addKnownEntities(bundle, notes, mentions, entities, language);
  addCandidateEntities(bundle, notes, candidates, language, text);
  addEvents(bundle, notes, events, sameAs, language);
  return { bundle, notes, language, sentences, dates, mentions, candidates, events, sameAs };
}

/** How far from a delegation's known events a text's dates may be for it to be that delegation. */
const OCCASION_DAYS = 31;

/**
 * A delegation exists for one occasion ("the Russian military delegation" of July 2024): a text
 * whose dates all lie far from that delegation's known events speaks of another delegation.
 */
function withoutOtherOccasions(known: KnownNodes, dates: readonly DateMention[]): KnownEntity[] {
  const spans = dates.flatMap((date) => parseFuzzyDate(date.iso) ?? []).filter((date) => date.precision !== 'YEAR');
  const near = (iso: string) => {
    const event = parseFuzzyDate(iso);
    return (
      event !== undefined &&
      spans.some(
        (date) =>
          daysBetween(date.latest, event.earliest) <= OCCASION_DAYS &&
          daysBetween(event.latest, date.earliest) <= OCCASION_DAYS,
      )
    );
  };
  return known.entities.filter((entity) => {
    if (entity.label !== 'Delegation' || spans.length === 0) return true;
    const occasions = known.events.filter((event) => event.participants.includes(entity.id));
    return occasions.length === 0 || occasions.some((event) => near(event.dateIso));
  });
}

/** The first and last words of the known people the text names ("kim", "un"), as candidate keys. */
function surnamesOf(mentions: readonly Mention[], entities: readonly KnownEntity[]): Set<string> {
  const named = new Set(mentions.filter((mention) => mention.label === 'Person').map((mention) => mention.entityId));
  return new Set(
    entities
      .filter((entity) => named.has(entity.id))
      .flatMap((entity) => {
        const words = matchKey(entity.name).split(' ');
        return words.length > 1 ? [words[0] as string, words[words.length - 1] as string] : [];
      }),
  );
}

function publicationOf(
  text: string,
  sentences: readonly Sentence[],
  language: DraftLanguage,
  options: DraftOptions,
  note: (path: string, line: string) => void,
): { published?: DraftBundle['source']['published']; reference: FuzzyDate; datelineSpan?: Span } {
  const dateline = findPublication(text, sentences, language);
  const datelineEvidence = dateline && [evidence(dateline)];
  if (options.published !== undefined) {
    const given = parseFuzzyDate(options.published);
    if (!given)
      throw new DraftError(`--published "${options.published}" is not a date written YYYY, YYYY-MM or YYYY-MM-DD`);
    const firstDate = findDateMentions(text, sentences, language, given)[0];
    const proof = datelineEvidence ?? (firstDate ? [evidence(firstDate)] : []);
    if (!dateline)
      note(
        'source.published',
        proof.length > 0
          ? `REVIEW: the text states no publication date; its evidence is the first date it gives ("${firstDate?.quote}"). Say how the date was established in the note.`
          : 'REVIEW: the text states no publication date; add evidence or delete published.',
      );
    return {
      published: { iso: given.iso, inferred: false, note: 'Given when the draft was made.', evidence: proof },
      reference: given,
      ...(dateline ? { datelineSpan: dateline } : {}),
    };
  }
  if (dateline) {
    note('source.published', `REVIEW: taken from the ${dateline.how} "${dateline.quote}".`);
    return {
      published: {
        iso: dateline.iso,
        inferred: false,
        note: `Stated in the text's ${dateline.how}.`,
        evidence: [evidence(dateline)],
      },
      reference: parseFuzzyDate(dateline.iso) as FuzzyDate,
      datelineSpan: dateline,
    };
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  note(
    'source',
    `REVIEW: no publication date given (--published) or found in a "Published:" line, a date line or a dateline; dates without a year were resolved against ${today}. Add source.published and check every inferred date.`,
  );
  return { reference: parseFuzzyDate(today) as FuzzyDate };
}

function evidence(item: EvidenceSpan): Evidence {
  return { quote: item.quote, sentence: item.sentence, start: item.start, end: item.end };
}

/** A "Fonte:"/"Source:" line, else an agency in the dateline ("(TASS)"), else the dateline's date. */
function sourceEvidenceOf(text: string, sentences: readonly Sentence[], dateline: Span | undefined): Evidence[] {
  const [line, agency] = SOURCE_MARKERS;
  const sourceLine = sentences.find((sentence) => line?.test(sentence.text));
  if (sourceLine)
    return [{ quote: sourceLine.text, sentence: sourceLine.index, start: sourceLine.start, end: sourceLine.end }];
  // The agency in brackets after the dateline ("(TASS)"), in the dateline's sentence (else the first).
  const datelineSentence = dateline ? sentenceAt(sentences, dateline.start, dateline.end) : undefined;
  const head = datelineSentence ?? sentences[0];
  const match = head && agency ? agency.exec(head.text) : null;
  if (head && match) {
    const start = head.start + match.index;
    return [{ quote: match[0], sentence: head.index, start, end: start + match[0].length }];
  }
  if (dateline && datelineSentence) {
    return [
      {
        quote: text.slice(dateline.start, dateline.end),
        sentence: datelineSentence.index,
        start: dateline.start,
        end: dateline.end,
      },
    ];
  }
  return [];
}

const MAX_SOURCE_TITLE = 150;

function titleOf(
  sentences: readonly Sentence[],
  language: DraftLanguage,
  note: (path: string, line: string) => void,
): { title?: string; titleEn?: string } {
  const first = sentences[0]?.text.replace(/[.!?]$/u, '');
  if (!first || first.length > MAX_SOURCE_TITLE) {
    note('source', "REVIEW: add the article's title (and titleEn).");
    return {};
  }
  note('source.title', "REVIEW: the first sentence, as a title; use the article's own.");
  return language === 'en' ? { title: first, titleEn: first } : { title: first };
}

function participantsOf(
  text: string,
  sentences: readonly Sentence[],
  language: DraftLanguage,
  mentions: readonly Mention[],
  candidates: readonly CandidateEntity[],
): Participant[] {
  // A demonym qualifies someone ("o Presidente russo"), and a country after a title is whose
  // official it is ("ministra dos Negócios Estrangeiros da Coreia do Norte", "North Korea's
  // … Minister"): neither takes part in the event itself.
  const known = mentions
    .filter((mention) => mention.via !== 'ministry' && mention.via !== 'demonym' && !mention.nested)
    .filter((mention) => mention.label !== 'Country' || !qualifiesATitle(text, mention, language))
    // "(Lusa)", "(KCNA via Reuters)": who reports, in brackets, takes no part
    .filter((mention) => !/\([^()]*$/u.test(text.slice(Math.max(0, mention.start - 20), mention.start)))
    .filter((mention) => !inDateline(sentences[mention.sentence], mention))
    .map((mention) => {
      const sentence = sentences[mention.sentence] as Sentence;
      const title = mention.label === 'Person' ? findTitleBefore(text, sentence, mention.start, language) : undefined;
      return { ...evidence(mention), entityId: mention.entityId, label: mention.label, ...(title ? { title } : {}) };
    });
  const fresh = candidates.flatMap((candidate) =>
    candidate.mentions
      .filter((mention) => !/\([^()]*$/u.test(text.slice(Math.max(0, mention.start - 20), mention.start)))
      .filter((mention) => !inDateline(sentences[mention.sentence], mention))
      .map((mention) => ({
        ...evidence(mention),
        entityId: candidate.id,
        label: candidate.label,
        ...(mention.title ? { title: mention.title } : {}),
      })),
  );
  return [...known, ...fresh].sort((a, b) => a.start - b.start);
}

function qualifiesATitle(text: string, span: Span, language: DraftLanguage): boolean {
  if (language === 'en' && /^['’]s\b/u.test(text.slice(span.end, span.end + 3))) return true;
  const before = text.slice(Math.max(0, span.start - 60), span.start);
  const titled = TITLE_WORDS[language].some((title) =>
    new RegExp(`\\b${title.word}\\b(?:\\s+\\S+){0,4}\\s+(?:d[aeo]s?|of)\\s+$`, 'iu').test(before),
  );
  return titled;
}

function addKnownEntities(
  bundle: DraftBundle,
  notes: ReviewNotes,
  mentions: readonly Mention[],
  entities: readonly KnownEntity[],
  language: DraftLanguage,
): void {
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  const order = [...new Set(mentions.map((mention) => mention.entityId))];
  for (const id of order) {
    const entity = byId.get(id) as KnownEntity;
    const own = mentions.filter((mention) => mention.entityId === id);
    const path = `entities.${bundle.entities.length}`;
    const lines = [`known ${entity.label} "${id}": ${own.length} mention(s) by name; keep the id.`];
    for (const mention of own) {
      if (mention.via === 'name') continue;
      const why = {
        area: 'an area of this agreement, in a sentence about agreements',
        ministry: "a minister's title naming this ministry",
        anaphora: 'it points back to the last agreement named with that word',
        demonym: "the country's demonym",
        surname: 'a surname alone, after the full name',
        variant: `a spelling close to its name "${entity.name}": if it is this entity, add "${mention.quote}" to its aliases`,
      }[mention.via];
      lines.push(`REVIEW: "${mention.quote}" (sentence ${mention.sentence}) taken to mean it: ${why}.`);
    }
    notes.set(path, lines);
    bundle.entities.push({
      id,
      label: entity.label,
      // The name in the source's language: an English source calls it by its English name.
      name: language === 'en' ? entity.nameEn : entity.name,
      nameEn: entity.nameEn,
      evidence: own.map(evidence),
    });
  }
}

function addCandidateEntities(
  bundle: DraftBundle,
  notes: ReviewNotes,
  candidates: readonly CandidateEntity[],
  language: DraftLanguage,
  text: string,
): void {
  for (const candidate of candidates) {
    const path = `entities.${bundle.entities.length}`;
    const first = candidate.mentions[0];
    const shown = first?.title ? `${first.title.text} ${candidate.name}` : candidate.name;
    notes.set(path, [
      `REVIEW: candidate ${candidate.label} from "${shown}" (${candidate.reason}): a new id; check the label, that it is no known entity under another name${language === 'en' ? '' : ', and write nameEn'}.`,
    ]);
    bundle.entities.push({
      id: candidate.id,
      label: candidate.label,
      name: candidate.name,
      nameEn: candidate.name,
      evidence: candidate.mentions.map((mention) => {
        const titled = mention.title && mention.title.end <= mention.start;
        const start = titled ? (mention.title?.start as number) : mention.start;
        return {
          quote: text.slice(start, mention.end),
          sentence: mention.sentence,
          start,
          end: mention.end,
        };
      }),
    });
  }
}

function addEvents(
  bundle: DraftBundle,
  notes: ReviewNotes,
  events: readonly DraftEvent[],
  sameAs: ReadonlyMap<string, SameAsProposal>,
  language: DraftLanguage,
): void {
  for (const event of events) {
    const path = `events.${bundle.events.length}`;
    const proposal = sameAs.get(event.id);
    const words = event.triggers.map((trigger: Trigger) => `"${trigger.quote}" (sentence ${trigger.sentence})`);
    notes.set(path, [
      `REVIEW: candidate ${event.type} from ${words.join(', ')}; the title is the clause, marked "${DRAFTED_TITLE_PREFIX.trim()}": rewrite it${language === 'en' ? '' : ' and titleEn'} (the loader refuses it as it is).`,
      ...(proposal
        ? [`REVIEW: sameAs ${proposal.knownId}: ${proposal.reason}. Delete sameAs if it is another happening.`]
        : []),
    ]);
    bundle.events.push({
      id: event.id,
      ...(proposal ? { sameAs: proposal.knownId } : {}),
      type: event.type,
      title: `${DRAFTED_TITLE_PREFIX}${event.title}`,
      titleEn: `${DRAFTED_TITLE_PREFIX}${event.title}`,
      date: {
        iso: event.date.iso,
        inferred: event.date.inferred,
        ...(event.date.note ? { note: event.date.note } : {}),
        evidence: event.date.evidence.map(evidence),
      },
      evidence: event.evidence.map(evidence),
    });
    for (const link of event.links) {
      const fromEntity = link.type === 'PARTICIPATED_IN';
      notes.set(`relationships.${bundle.relationships.length}`, [
        `REVIEW: ${link.type}${link.role ? ` as ${link.role}` : ''}: ${link.reason}.`,
      ]);
      bundle.relationships.push({
        type: link.type,
        from: fromEntity ? link.entityId : event.id,
        to: fromEntity ? event.id : link.entityId,
        ...(link.role ? { role: link.role } : {}),
        ...(link.title ? { title: link.title } : {}),
        evidence: link.evidence.map(evidence),
      });
    }
  }
}
