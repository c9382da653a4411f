import { splitSentences } from '../bundle/sentences';
import { ENTITY_LABELS, EVENT_TYPES, RELATIONSHIP_RULES, type RelationshipType } from '../domain/model';
import { ROLES, type Role } from '../domain/roles';
import type { Draft } from '../draft/draft-bundle';

/** A date expression of the text, resolved: a date an event may be given, with its evidence. */
export interface DateChoice {
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  readonly iso: string;
  readonly inferred: boolean;
  readonly note?: string;
}

/** A word of the text that announces an event of a type. */
export interface TriggerMark {
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

/** What the workbench offers in its menus: the model's labels, event types, roles and relationship rules. */
export interface Vocabulary {
  readonly labels: readonly string[];
  readonly eventTypes: readonly { key: string; name: string; description: string }[];
  readonly roles: readonly { key: Role; description: string }[];
  readonly relationships: readonly {
    type: RelationshipType;
    from: readonly string[];
    to: readonly string[];
    role: string;
    meaning: string;
  }[];
}

/**
 * A text and the bundle under review, as the author's workbench shows it: the bundle is the
 * loader's format with the text inline (`source.text`); `notes` say, per item path
 * (`entities.3`, `events.0`, `source.title`), what the drafter was unsure of: an item whose notes
 * hold no `REVIEW` line needs no decision.
 */
export interface ReviewDocument {
  /** `draft`: made by the drafter now; `loaded`: the bundle a loaded source was loaded from. */
  readonly origin: 'draft' | 'loaded';
  readonly sourceId: string;
  readonly text: string;
  readonly language: string;
  /** Whether the language came from the text (not from the author). */
  readonly languageDetected: boolean;
  /** Whether a source of this id is loaded now: loading replaces what it claims. */
  readonly sourceLoaded: boolean;
  readonly bundle: Record<string, unknown>;
  readonly notes: Readonly<Record<string, readonly string[]>>;
  /** Ids of the bundle's entities the graph already holds. */
  readonly knownIds: readonly string[];
  readonly dates: readonly DateChoice[];
  readonly triggers: readonly TriggerMark[];
  /** The text's sentences as evidence numbers them: what an added item's evidence cites. */
  readonly sentences: readonly { index: number; start: number; end: number }[];
  readonly vocabulary: Vocabulary;
}

/** The review document of a fresh draft of `text`. */
export function reviewDocumentOfDraft(
  draft: Draft,
  text: string,
  context: { languageDetected: boolean; sourceLoaded: boolean },
): ReviewDocument {
  const { draft: _instruction, ...bundle } = draft.bundle;
  const { textFile: _textFile, ...source } = bundle.source;
  const candidates = new Set(draft.candidates.map((candidate) => candidate.id));
  return {
    origin: 'draft',
    sourceId: source.id,
    text,
    language: draft.language,
    languageDetected: context.languageDetected,
    sourceLoaded: context.sourceLoaded,
    bundle: { ...bundle, source: { ...source, text } },
    notes: Object.fromEntries(draft.notes),
    knownIds: bundle.entities.map((entity) => entity.id).filter((id) => !candidates.has(id)),
    sentences: sentencesOf(text),
    ...textMarksOf(draft),
  };
}

/**
 * The review document of a loaded source: its stored bundle (already reviewed, so without notes),
 * its text, and the dates and triggers a draft of that text finds (none when there is no draft).
 */
export function reviewDocumentOfLoaded(
  stored: { bundle: Record<string, unknown>; text: string },
  draftOfText: Draft | undefined,
): ReviewDocument {
  const source = stored.bundle.source as Record<string, unknown>;
  const entities = (stored.bundle.entities as { id: string }[] | undefined) ?? [];
  return {
    origin: 'loaded',
    sourceId: source.id as string,
    text: stored.text,
    language: source.language as string,
    languageDetected: false,
    sourceLoaded: true,
    bundle: { ...stored.bundle, source: { ...source, text: stored.text } },
    notes: {},
    knownIds: entities.map((entity) => entity.id),
    sentences: sentencesOf(stored.text),
    ...(draftOfText ? textMarksOf(draftOfText) : { dates: [], triggers: [], vocabulary: VOCABULARY }),
  };
}

function textMarksOf(draft: Draft): Pick<ReviewDocument, 'dates' | 'triggers' | 'vocabulary'> {
  return {
    dates: draft.dates.map(({ quote, start, end, sentence, iso, inferred, note }) => ({
      quote,
      start,
      end,
      sentence,
      iso,
      inferred,
      ...(note ? { note } : {}),
    })),
    triggers: draft.events
      .flatMap((event) => event.triggers)
      .map(({ quote, start, end, rule }) => ({ quote, start, end, type: rule.type })),
    vocabulary: VOCABULARY,
  };
}

function sentencesOf(text: string): ReviewDocument['sentences'] {
  return splitSentences(text).map(({ index, start, end }) => ({ index, start, end }));
}

const VOCABULARY: Vocabulary = {
  labels: ENTITY_LABELS,
  eventTypes: Object.entries(EVENT_TYPES).map(([key, type]) => ({
    key,
    name: type.names.en,
    description: type.description,
  })),
  roles: Object.entries(ROLES).map(([key, description]) => ({ key: key as Role, description })),
  relationships: Object.entries(RELATIONSHIP_RULES).map(([type, rule]) => ({
    type: type as RelationshipType,
    from: rule.from,
    to: rule.to,
    role: rule.role,
    meaning: rule.meaning,
  })),
};
