/**
 * The match key of a name: lower case, accents removed, hyphens and punctuation as spaces,
 * spaces collapsed. "Kim Jong-un" and "Kim Jong Un" share "kim jong un".
 */
export function matchKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
