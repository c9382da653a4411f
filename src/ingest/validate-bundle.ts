import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { ZodIssue } from 'zod';
import { parseFuzzyDate } from '../domain/fuzzy-date';
import { PARTICIPATION_ROLES, RELATIONSHIP_RULES, type EntityLabel, type RelationshipType } from '../domain/model';
import { BundleSchema, type Bundle, type BundleDate, type Evidence } from './bundle-schema';
import { sentenceAt, splitSentences, type Sentence } from './sentences';

export interface BundleProblem {
  readonly file: string;
  /** Where in the file, e.g. `events[2].date.iso`. */
  readonly path: string;
  readonly message: string;
}

/** One or more bundles are invalid; nothing has been written. */
export class BundleValidationError extends Error {
  override readonly name = 'BundleValidationError';

  constructor(readonly problems: readonly BundleProblem[]) {
    super(`Invalid seed bundle:\n${problems.map((p) => `  ${p.file}: ${p.path || '(file)'}: ${p.message}`).join('\n')}`);
  }
}

export interface Coverage {
  /** Sentences of the body (boilerplate excluded). */
  readonly total: number;
  readonly covered: number;
  /** Body sentences that back no fact. */
  readonly uncovered: readonly Sentence[];
}

export interface ValidatedBundle {
  readonly file: string;
  readonly bundle: Bundle;
  readonly sourceText: string;
  readonly sentences: readonly Sentence[];
  readonly coverage: Coverage;
}

type NodeLabel = EntityLabel | 'Event';

/**
 * Reads and checks bundles: schema, quotes at their offsets, dates, duplicate ids, relationship
 * endpoints and roles. References may point to another bundle of the same set; those that point
 * nowhere in the set are returned for the loader to find in the database.
 */
export function validateBundles(files: readonly string[]): { bundles: ValidatedBundle[]; externalIds: Map<string, BundleProblem> } {
  const problems: BundleProblem[] = [];
  const parsed: { file: string; bundle: Bundle; sourceText: string; sentences: Sentence[] }[] = [];
  for (const file of files) {
    const result = parseBundleFile(file, problems);
    if (result) parsed.push(result);
  }

  const labels = new Map<string, NodeLabel>();
  for (const { bundle } of parsed) {
    for (const entity of bundle.entities) labels.set(entity.id, entity.label);
    for (const event of bundle.events) labels.set(event.id, 'Event');
  }

  const externalIds = new Map<string, BundleProblem>();
  for (const item of parsed) checkRelationships(item.file, item.bundle, labels, problems, externalIds);
  if (problems.length > 0) throw new BundleValidationError(problems);

  return {
    bundles: parsed.map((item) => ({ ...item, coverage: measureCoverage(item.bundle, item.sentences) })),
    externalIds,
  };
}

function parseBundleFile(
  file: string,
  problems: BundleProblem[],
): { file: string; bundle: Bundle; sourceText: string; sentences: Sentence[] } | undefined {
  const problem = (where: string, message: string) => problems.push({ file, path: where, message });
  if (!existsSync(file)) {
    problem('', 'file not found');
    return undefined;
  }
  const document = parseDocument(readFileSync(file, 'utf8'));
  if (document.errors.length > 0) {
    for (const error of document.errors) problem('', `not valid YAML: ${error.message}`);
    return undefined;
  }
  let content: unknown;
  try {
    content = document.toJS();
  } catch (error) {
    // e.g. yaml's guard against alias bombs
    problem('', `not valid YAML: ${(error as Error).message}`);
    return undefined;
  }
  const result = BundleSchema.safeParse(content);
  if (!result.success) {
    for (const issue of result.error.issues) problem(formatPath(issue.path), describeIssue(issue));
    return undefined;
  }
  const bundle = result.data;
  const textPath = path.resolve(path.dirname(file), bundle.source.textFile);
  if (!existsSync(textPath)) {
    problem('source.textFile', `source text not found at ${bundle.source.textFile}`);
    return undefined;
  }
  const sourceText = readFileSync(textPath, 'utf8');
  const sentences = splitSentences(sourceText);
  const checkEvidence = (list: readonly Evidence[], where: string) =>
    list.forEach((evidence, index) => checkQuote(evidence, `${where}.evidence[${index}]`, sourceText, sentences, problem));
  const checkDate = (date: BundleDate | undefined, where: string) => {
    if (!date) return;
    if (!parseFuzzyDate(date.iso)) problem(`${where}.iso`, `"${date.iso}" is not a real date written YYYY, YYYY-MM or YYYY-MM-DD`);
    checkEvidence(date.evidence, where);
  };

  checkEvidence(bundle.source.evidence, 'source');
  checkDate(bundle.source.published, 'source.published');
  bundle.source.boilerplate.forEach((text, index) => {
    if (!sourceText.includes(text)) problem(`source.boilerplate[${index}]`, 'does not occur in the source text');
  });

  const seen = new Map<string, string>();
  const checkId = (id: string, where: string) => {
    const first = seen.get(id);
    if (first) problem(`${where}.id`, `duplicate id "${id}" (first defined at ${first})`);
    else seen.set(id, where);
  };
  bundle.entities.forEach((entity, index) => {
    const where = `entities[${index}]`;
    checkId(entity.id, where);
    checkEvidence(entity.evidence, where);
  });
  bundle.events.forEach((event, index) => {
    const where = `events[${index}]`;
    checkId(event.id, where);
    checkEvidence(event.evidence, where);
    checkDate(event.date, `${where}.date`);
    checkDate(event.endDate, `${where}.endDate`);
    const start = parseFuzzyDate(event.date.iso);
    const end = event.endDate && parseFuzzyDate(event.endDate.iso);
    if (start && end && end.latest < start.earliest) problem(`${where}.endDate.iso`, 'ends before it starts');
  });
  bundle.relationships.forEach((relationship, index) => checkEvidence(relationship.evidence, `relationships[${index}]`));
  return { file, bundle, sourceText, sentences };
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
    const hint = elsewhere >= 0 ? `; the quote occurs at ${elsewhere}–${elsewhere + evidence.quote.length}` : '; the quote does not occur in the source';
    problem(`${where}.start`, `quote is not at its offsets ${evidence.start}–${evidence.end} (the text there is "${found}")${hint}`);
    return;
  }
  const sentence = sentenceAt(sentences, evidence.start, evidence.end);
  if (sentence === undefined) problem(`${where}.start`, 'quote spans more than one sentence');
  else if (sentence.index !== evidence.sentence) problem(`${where}.sentence`, `quote is in sentence ${sentence.index}, not ${evidence.sentence}`);
}

function checkRelationships(
  file: string,
  bundle: Bundle,
  labels: ReadonlyMap<string, NodeLabel>,
  problems: BundleProblem[],
  externalIds: Map<string, BundleProblem>,
): void {
  const keys = new Set<string>();
  bundle.relationships.forEach((relationship, index) => {
    const where = `relationships[${index}]`;
    const problem = (at: string, message: string) => problems.push({ file, path: `${where}${at}`, message });
    const rule = RELATIONSHIP_RULES[relationship.type as RelationshipType];
    for (const end of ['from', 'to'] as const) {
      const id = relationship[end];
      const label = labels.get(id);
      const allowed: readonly string[] = rule[end];
      if (label === undefined) externalIds.set(id, { file, path: `${where}.${end}`, message: `unknown id "${id}" (defined in no bundle and not in the database)` });
      else if (!allowed.includes(label)) problem(`.${end}`, `${relationship.type} cannot ${end === 'from' ? 'start at' : 'end at'} a ${label} ("${id}"); allowed: ${allowed.join(', ')}`);
    }
    if (rule.role === 'required' && relationship.role === undefined) problem('.role', `${relationship.type} needs a role`);
    if (rule.role === 'none' && relationship.role !== undefined) problem('.role', `${relationship.type} takes no role`);
    if (relationship.type === 'PARTICIPATED_IN' && relationship.role && !(PARTICIPATION_ROLES as readonly string[]).includes(relationship.role)) {
      problem('.role', `unknown role "${relationship.role}"; one of ${PARTICIPATION_ROLES.join(', ')}`);
    }
    const key = `${relationship.from}|${relationship.type}|${relationship.to}|${relationship.role ?? ''}`;
    if (keys.has(key)) problem('', `duplicate relationship ${relationship.from} ${relationship.type} ${relationship.to}`);
    keys.add(key);
  });
}

function measureCoverage(bundle: Bundle, sentences: readonly Sentence[]): Coverage {
  const spans: Evidence[] = [
    ...bundle.source.evidence,
    ...(bundle.source.published?.evidence ?? []),
    ...bundle.entities.flatMap((entity) => entity.evidence),
    ...bundle.events.flatMap((event) => [...event.evidence, ...event.date.evidence, ...(event.endDate?.evidence ?? [])]),
    ...bundle.relationships.flatMap((relationship) => relationship.evidence),
  ];
  const body = sentences.filter((sentence) => !bundle.source.boilerplate.includes(sentence.text));
  const uncovered = body.filter((sentence) => !spans.some((span) => sentence.start <= span.start && span.end <= sentence.end));
  return { total: body.length, covered: body.length - uncovered.length, uncovered };
}

function formatPath(parts: readonly (string | number)[]): string {
  return parts.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

function describeIssue(issue: ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `required ${issue.expected} is missing`;
  return issue.message;
}
