/** Nothing outside 7-bit ASCII (control characters included: they become spaces either way). */
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/**
 * The match key of a name: lower case, accents removed, hyphens and punctuation as spaces,
 * spaces collapsed. "Kim Jong-un" and "Kim Jong Un" share "kim jong un".
 */
export function matchKey(name: string): string {
  // Plain ASCII has no accents to remove: the same key without Unicode normalisation, which is
  // most of the cost when search ranks its hits.
  if (ASCII.test(name))
    return name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
