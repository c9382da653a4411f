/**
 * The identity of a relationship: its type, its ends and its role key ('' for none). Ids are
 * slugs and types are upper-case words, so `|` never occurs inside a part.
 */
export function relationshipKey(type: string, from: string, to: string, key: string): string {
  return `${type}|${from}|${to}|${key}`;
}

export function parseRelationshipKey(text: string): { type: string; from: string; to: string; key: string } {
  const [type = '', from = '', to = '', key = ''] = text.split('|');
  return { type, from, to, key };
}
