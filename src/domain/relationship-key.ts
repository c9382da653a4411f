/**
 * The identity of a relationship: its type, its ends and its role key ('' for none). Ids are
 * slugs and types are upper-case words, so `|` never occurs inside a part.
 */
export function relationshipKey(type: string, from: string, to: string, key: string): string {
  return [type, from, to, key].join(RELATIONSHIP_KEY_SEPARATOR);
}

/** What separates the parts; a query that reads stored keys splits on it (parts: 0 type, 1 from, 2 to, 3 key). */
export const RELATIONSHIP_KEY_SEPARATOR = '|';

/** How every key of relationships of this type begins. */
export function relationshipKeyPrefix(type: string): string {
  return `${type}${RELATIONSHIP_KEY_SEPARATOR}`;
}

export function parseRelationshipKey(text: string): { type: string; from: string; to: string; key: string } {
  const [type = '', from = '', to = '', key = ''] = text.split(RELATIONSHIP_KEY_SEPARATOR);
  return { type, from, to, key };
}
