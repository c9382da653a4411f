import { readableDate } from '../domain/fuzzy-date';
import type { RelationshipType } from '../domain/model';
import type { FuzzyDateModel, NodeModel, PathModel, RelationshipModel } from '../domain/types';

/** A date at its precision, in English: "18 July 2024", "July 2024", "2024". */
export function englishDate(date: FuzzyDateModel): string {
  return readableDate(date, 'en');
}

/** A node as a reader names it: an entity by its English name, an event by its English title and date. */
function nameOf(node: NodeModel): string {
  // A date the sources disagree on says so: the sentence must not state it as settled.
  if (node.label === 'Event')
    return `“${node.titleEn ?? node.title}” (${englishDate(node.date)}${node.disputed ? ', date disputed' : ''})`;
  return node.nameEn ?? node.name;
}

/**
 * What a relationship says read from its start (`forward`) or from its end, as a verb phrase. Keyed
 * by the model's relationship types: a type added to the model without its phrase fails the typecheck.
 */
const PHRASES: Readonly<Record<RelationshipType, { forward: string; backward: string }>> = {
  PARTICIPATED_IN: { forward: 'took part in', backward: 'had as a participant' },
  TOOK_PLACE_IN: { forward: 'took place in', backward: 'was the place of' },
  PRODUCED: { forward: 'produced', backward: 'was produced by' },
  REFERENCES: { forward: 'recalled', backward: 'was recalled by' },
  PART_OF: { forward: 'was part of', backward: 'included' },
  REPORTED_BY: { forward: 'was reported by', backward: 'reported' },
  CONCERNS: { forward: 'concerns', backward: 'is the subject of' },
  LED_BY: { forward: 'is led by', backward: 'leads' },
  MEMBER_OF: { forward: 'is a member of', backward: 'has as a member' },
  REPRESENTS: { forward: 'represents', backward: 'is represented by' },
  LOCATED_IN: { forward: 'lies in', backward: 'contains' },
  BORDERS: { forward: 'borders', backward: 'borders' },
  CROSSES: { forward: 'crosses', backward: 'is crossed by' },
  SIGNED: { forward: 'signed', backward: 'was signed by' },
  PARTY_TO: { forward: 'is party to', backward: 'binds' },
  REPLACES: { forward: 'replaces', backward: 'is replaced by' },
  CITES: { forward: 'cites', backward: 'is cited by' },
};

/** Participation roles read as verbs, from the participant's side and from the event's. */
const ROLE_PHRASES: Readonly<Record<string, { forward: string; backward: string }>> = {
  host: { forward: 'hosted', backward: 'was hosted by' },
  guest: { forward: 'was received at', backward: 'received' },
  visitor: { forward: 'made', backward: 'was made by' },
  signatory: { forward: 'signed at', backward: 'was signed by' },
  speaker: { forward: 'spoke at', backward: 'heard' },
};

const REDUNDANT_ROLES = new Set(['leader', 'member']);

/** One hop as a clause about the node before it: verb, the next node, and the role in a leadership or membership. */
function clause(relationship: RelationshipModel, forward: boolean, next: NodeModel): string {
  const role =
    relationship.type === 'PARTICIPATED_IN' && relationship.role ? ROLE_PHRASES[relationship.role] : undefined;
  const words = role ?? PHRASES[relationship.type as RelationshipType];
  // The role key, not a source's own wording: the sentence is English whatever the sources' languages.
  // "leader" and "member" only repeat the verb.
  const title =
    (relationship.type === 'LED_BY' || relationship.type === 'MEMBER_OF') &&
    !REDUNDANT_ROLES.has(relationship.role ?? '')
      ? relationship.role?.replace(/_/g, ' ')
      : undefined;
  const suffix = title ? (forward ? ` (${title})` : ` as ${title}`) : '';
  return `${forward ? words.forward : words.backward} ${nameOf(next)}${suffix}`;
}

/**
 * The path as one English sentence, each hop a clause on the node before it: "Alexei Krivoruchko
 * was received at “Kim Jong Un receives the Russian military delegation…” (18 July 2024), which
 * was hosted by Kim Jong Un."
 */
export function explainPath(path: PathModel): string {
  const [first] = path.nodes;
  if (!first) return '';
  if (path.relationships.length === 0) return `${nameOf(first)}.`;
  const clauses = path.relationships.map((relationship, index) => {
    const node = path.nodes[index] as NodeModel;
    return clause(relationship, relationship.from === node.id, path.nodes[index + 1] as NodeModel);
  });
  return `${nameOf(first)} ${clauses.join(', which ')}.`;
}
