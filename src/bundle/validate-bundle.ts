import type { ZodIssue } from 'zod';
import { MAX_RANGE_DAYS, parseFuzzyDate } from '../domain/fuzzy-date';
import { RELATIONSHIP_RULES, type RelationshipType } from '../domain/model';
import { isRole, ROLE_KEYS } from '../domain/roles';
import {
  BundleSchema,
  DRAFTED_TITLE_PREFIX,
  splitDraftMark,
  type Bundle,
  type BundleDate,
  type Evidence,
} from './bundle-schema';
import { readBundleFile, type ReadOptions } from './bundle-file';
import { BundleValidationError, type BundleProblem } from './bundle-problems';
import { sentenceAt, splitSentences, type Sentence } from './sentences';
import { resolveSourceText } from './source-text';

export { BundleValidationError, type BundleProblem } from './bundle-problems';

export interface Coverage {
  /** Sentences of the body (boilerplate excluded). */
  readonly total: number;
  readonly covered: number;
  /** Body sentences that back no fact. */
  readonly uncovered: readonly Sentence[];
}

/**
 * An id a bundle refers to (a relationship end, a `sameAs`, a quote's speaker), checked once
 * entities are resolved: it must name a node of one of the allowed labels, in these bundles or
 * in the database.
 */
export interface Reference {
  readonly file: string;
  readonly path: string;
  readonly id: string;
  readonly allowed: readonly string[];
  /** What the reference is, for the message: `LED_BY cannot start at`. */
  readonly role: string;
  /** The bundle's own source id, so that a reference into the same bundle can be refused (sameAs). */
  readonly notInSource?: string;
}

/** The problem with a reference to a node of `label` ('unknown' when nothing has that id), if any. */
export function referenceProblem(reference: Reference, label: string, definedIn?: string): BundleProblem | undefined {
  const at = { file: reference.file, path: reference.path };
  if (label === 'unknown')
    return { ...at, message: `unknown id "${reference.id}" (defined in no bundle and not in the database)` };
  if (!reference.allowed.includes(label)) {
    return {
      ...at,
      message: `${reference.role} a ${label} ("${reference.id}"); allowed: ${reference.allowed.join(', ')}`,
    };
  }
  if (reference.notInSource !== undefined && definedIn === reference.notInSource) {
    return {
      ...at,
      message: `"${reference.id}" is defined in this same bundle; sameAs names a node another source defined`,
    };
  }
  return undefined;
}

/** A bundle to validate: a file on disk, or content already parsed (with its source text). */
export interface BundleInput {
  /** Where the bundle comes from; named in every problem. */
  readonly file: string;
  readonly content: unknown;
  /** The source text; else `source.text`, else read from `source.textFile` next to `file`. */
  readonly sourceText?: string;
  /** False for bundles from the network: `source.textFile` then names no file to read. */
  readonly readFiles?: boolean;
}

export interface ValidatedBundle {
  readonly file: string;
  readonly bundle: Bundle;
  readonly sourceText: string;
  readonly sentences: readonly Sentence[];
  readonly coverage: Coverage;
}

/**
 * Reads and checks bundle files: schema, quotes at their offsets, dates, duplicate ids, roles.
 * Every problem of every file is reported (a file that cannot be read or parsed included), and
 * any problem refuses them all. The ids they refer to are returned for the loader to check once
 * entities are resolved.
 */
export function validateBundles(
  files: readonly string[],
  options: ReadOptions = {},
): { bundles: ValidatedBundle[]; references: Reference[] } {
  if (files.length === 0)
    throw new BundleValidationError([{ file: '(none)', path: '', message: 'no bundle files to load' }]);
  const problems: BundleProblem[] = [];
  const inputs: BundleInput[] = [];
  for (const file of files) {
    const read = readBundleFile(file, options);
    problems.push(...read.problems);
    if (read.content !== undefined) inputs.push({ file, content: read.content });
  }
  let validated: { bundles: ValidatedBundle[]; references: Reference[] };
  try {
    validated = validateBundleInputs(inputs);
  } catch (error) {
    if (error instanceof BundleValidationError) throw new BundleValidationError([...problems, ...error.problems]);
    throw error;
  }
  if (problems.length > 0) throw new BundleValidationError(problems);
  return validated;
}

/** As validateBundles, for bundles already parsed. */
export function validateBundleInputs(inputs: readonly BundleInput[]): {
  bundles: ValidatedBundle[];
  references: Reference[];
} {
  const problems: BundleProblem[] = [];
  const parsed = inputs.flatMap((input) => parseBundle(input, problems) ?? []);
  const references = parsed.flatMap((item) => collectReferences(item.file, item.bundle, problems));
  if (problems.length > 0) throw new BundleValidationError(problems);
  return {
    bundles: parsed.map((item) => ({ ...item, coverage: measureCoverage(item.bundle, item.sentences) })),
    references,
  };
}

function parseBundle(
  input: BundleInput,
  problems: BundleProblem[],
): { file: string; bundle: Bundle; sourceText: string; sentences: Sentence[] } | undefined {
  const { file } = input;
  const problem = (where: string, message: string) => problems.push({ file, path: where, message });
  // A draft is refused, and checked all the same, so the author sees every problem at once.
  const { isDraft, bundle: content } = splitDraftMark(input.content);
  if (isDraft)
    problem('draft', 'this is a draft from npm run draft: review every item marked REVIEW, then delete the draft line');
  const result = BundleSchema.safeParse(content);
  if (!result.success) {
    for (const issue of result.error.issues) problem(formatPath(issue.path), describeIssue(issue));
    return undefined;
  }
  const bundle = result.data;
  const resolved = resolveSourceText(file, bundle.source, { given: input.sourceText, readFiles: input.readFiles });
  if (!('text' in resolved)) {
    problem(resolved.path, resolved.message);
    return undefined;
  }
  const { text } = resolved;
  const sentences = splitSentences(text);
  const checkEvidence = (list: readonly Evidence[], where: string) =>
    list.forEach((evidence, index) => checkQuote(evidence, `${where}.evidence[${index}]`, text, sentences, problem));
  const checkDate = (date: BundleDate | undefined, where: string) => {
    if (!date) return;
    if (!parseFuzzyDate(date.iso))
      problem(
        `${where}.iso`,
        `"${date.iso}" is not a real date written YYYY, YYYY-MM, YYYY-MM-DD or as an interval of days YYYY-MM-DD/YYYY-MM-DD (at most ${MAX_RANGE_DAYS} days, the second day after the first)`,
      );
    checkEvidence(date.evidence, where);
  };

  checkEvidence(bundle.source.evidence, 'source');
  checkDate(bundle.source.published, 'source.published');
  bundle.source.boilerplate.forEach((boilerplate, index) => {
    if (!text.includes(boilerplate)) problem(`source.boilerplate[${index}]`, 'does not occur in the source text');
  });

  const seen = new Map<string, string>();
  const checkId = (id: string, where: string) => {
    const first = seen.get(id);
    if (first) problem(`${where}.id`, `duplicate id "${id}" (first defined at ${first})`);
    else seen.set(id, where);
  };
  checkId(bundle.source.id, 'source');
  bundle.entities.forEach((entity, index) => {
    const where = `entities[${index}]`;
    checkId(entity.id, where);
    checkEvidence(entity.evidence, where);
  });
  bundle.events.forEach((event, index) => {
    const where = `events[${index}]`;
    checkId(event.id, where);
    checkEvidence(event.evidence, where);
    event.quotes.forEach((quote, quoteIndex) =>
      checkQuote(quote, `${where}.quotes[${quoteIndex}]`, text, sentences, problem),
    );
    checkDate(event.date, `${where}.date`);
    for (const field of ['title', 'titleEn'] as const) {
      const title = event[field];
      if (title?.startsWith(DRAFTED_TITLE_PREFIX))
        problem(
          `${where}.${field}`,
          `a drafted title ("${title.slice(0, 60)}…"): write the event's title and drop "${DRAFTED_TITLE_PREFIX.trim()}"`,
        );
      else if (title !== undefined && isClauseOf(text, title))
        problem(
          `${where}.${field}`,
          `"${shorten(title)}" is a clause of the source, as the drafter proposes it: write a short title of the event (who did what), as a headline would`,
        );
    }
  });
  const sameAsTargets = new Map<string, string>();
  [
    ...bundle.entities.map((node, index) => ({ node, where: `entities[${index}]` })),
    ...bundle.events.map((node, index) => ({ node, where: `events[${index}]` })),
  ].forEach(({ node, where }) => {
    if (node.sameAs === undefined) return;
    const first = sameAsTargets.get(node.sameAs);
    if (first)
      problem(
        `${where}.sameAs`,
        `${first} is already the same as "${node.sameAs}"; one node of a bundle per node of the graph`,
      );
    else sameAsTargets.set(node.sameAs, where);
  });
  bundle.relationships.forEach((relationship, index) =>
    checkEvidence(relationship.evidence, `relationships[${index}]`),
  );
  return { file, bundle, sourceText: text, sentences };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Titles this long that the text holds word for word are the drafter's clause, not a title. */
const MIN_CLAUSE_WORDS = 8;

function isClauseOf(text: string, title: string): boolean {
  if (title.trim().split(/\s+/u).length < MIN_CLAUSE_WORDS) return false;
  const lowered = title.charAt(0).toLowerCase() + title.slice(1);
  return text.includes(title) || text.includes(lowered);
}

function checkQuote(
  evidence: Evidence,
  where: string,
  text: string,
  sentences: readonly Sentence[],
  problem: (where: string, message: string) => void,
): void {
  const found = text.slice(evidence.start, evidence.end);
  if (found !== evidence.quote) {
    const elsewhere = text.indexOf(evidence.quote);
    const hint =
      elsewhere >= 0
        ? `; the quote occurs at ${elsewhere}–${elsewhere + evidence.quote.length}`
        : '; the quote does not occur in the source';
    problem(
      `${where}.start`,
      `quote is not at its offsets ${evidence.start}–${evidence.end} (the text there is "${found}")${hint}`,
    );
    return;
  }
  const sentence = sentenceAt(sentences, evidence.start, evidence.end);
  if (sentence === undefined) problem(`${where}.start`, 'quote spans more than one sentence');
  else if (sentence.index !== evidence.sentence)
    problem(`${where}.sentence`, `quote is in sentence ${sentence.index}, not ${evidence.sentence}`);
}

/** `since`/`until` belong to LED_BY, are dates the API reads, and do not end before they start. */
function checkLeadershipPeriod(
  relationship: Bundle['relationships'][number],
  problem: (at: string, message: string) => void,
): void {
  for (const side of ['since', 'until'] as const) {
    const iso = relationship[side];
    if (iso === undefined) continue;
    if (relationship.type !== 'LED_BY') problem(`.${side}`, `${side} applies to LED_BY only (a leadership's period)`);
    else if (!parseFuzzyDate(iso) || iso.includes('/'))
      problem(`.${side}`, `"${iso}" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD`);
  }
  const since = relationship.since === undefined ? undefined : parseFuzzyDate(relationship.since);
  const until = relationship.until === undefined ? undefined : parseFuzzyDate(relationship.until);
  if (since && until && until.latest < since.earliest)
    problem('.until', `the leadership ends (${relationship.until}) before it begins (${relationship.since})`);
}

/** Checks roles and duplicate relationships; returns every id the bundle refers to. */
function collectReferences(file: string, bundle: Bundle, problems: BundleProblem[]): Reference[] {
  const references: Reference[] = [];
  const keys = new Set<string>();
  bundle.relationships.forEach((relationship, index) => {
    const where = `relationships[${index}]`;
    const problem = (at: string, message: string) => problems.push({ file, path: `${where}${at}`, message });
    const rule = RELATIONSHIP_RULES[relationship.type as RelationshipType];
    for (const end of ['from', 'to'] as const) {
      const role = `${relationship.type} cannot ${end === 'from' ? 'start at' : 'end at'}`;
      references.push({ file, path: `${where}.${end}`, id: relationship[end], allowed: rule[end], role });
    }
    if (rule.role === 'required' && relationship.role === undefined)
      problem('.role', `${relationship.type} needs a role`);
    if (rule.role === 'none' && relationship.role !== undefined) problem('.role', `${relationship.type} takes no role`);
    if (rule.role === 'none' && relationship.title !== undefined)
      problem('.title', `${relationship.type} takes no role, so no title either`);
    if (relationship.role !== undefined && rule.role !== 'none' && !isRole(relationship.role)) {
      problem(
        '.role',
        `unknown role "${relationship.role}"; one of ${ROLE_KEYS.join(', ')} (put the source's own wording in title)`,
      );
    }
    checkLeadershipPeriod(relationship, problem);
    const key = `${relationship.from}|${relationship.type}|${relationship.to}|${relationship.role ?? ''}`;
    if (keys.has(key))
      problem(
        '',
        `duplicate relationship ${relationship.from} ${relationship.type} ${relationship.to}${relationship.role ? ` (${relationship.role})` : ''}`,
      );
    keys.add(key);
  });
  const sourceId = bundle.source.id;
  bundle.entities.forEach((entity, index) => {
    if (entity.sameAs === undefined) return;
    references.push({
      file,
      path: `entities[${index}].sameAs`,
      id: entity.sameAs,
      allowed: [entity.label],
      role: `sameAs of a ${entity.label} cannot name`,
      notInSource: sourceId,
    });
  });
  bundle.events.forEach((event, index) => {
    if (event.sameAs !== undefined) {
      references.push({
        file,
        path: `events[${index}].sameAs`,
        id: event.sameAs,
        allowed: ['Event'],
        role: 'sameAs of an event cannot name',
        notInSource: sourceId,
      });
    }
    event.quotes.forEach((quote, quoteIndex) => {
      if (quote.speaker === undefined) return;
      references.push({
        file,
        path: `events[${index}].quotes[${quoteIndex}].speaker`,
        id: quote.speaker,
        allowed: ['Person', 'Organization', 'Country', 'Delegation'],
        role: 'a speaker cannot be',
      });
    });
  });
  return references;
}

function measureCoverage(bundle: Bundle, sentences: readonly Sentence[]): Coverage {
  const spans: Evidence[] = [
    ...bundle.source.evidence,
    ...(bundle.source.published?.evidence ?? []),
    ...bundle.entities.flatMap((entity) => entity.evidence),
    ...bundle.events.flatMap((event) => [...event.evidence, ...event.quotes, ...event.date.evidence]),
    ...bundle.relationships.flatMap((relationship) => relationship.evidence),
  ];
  const body = sentences.filter((sentence) => !bundle.source.boilerplate.includes(sentence.text));
  const uncovered = body.filter(
    (sentence) => !spans.some((span) => sentence.start <= span.start && span.end <= sentence.end),
  );
  return { total: body.length, covered: body.length - uncovered.length, uncovered };
}

/** A zod issue path as a bundle path: `events[2].date.iso`. */
export function formatPath(parts: readonly (string | number)[]): string {
  return parts.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
}

function describeIssue(issue: ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `required ${issue.expected} is missing`;
  return issue.message;
}
