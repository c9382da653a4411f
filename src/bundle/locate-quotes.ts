import { writeFileSync } from 'node:fs';
import { isMap, isSeq, type Document, type YAMLMap } from 'yaml';
import { readBundleDocument } from './bundle-file';
import { BundleSchema, splitDraftMark } from './bundle-schema';
import { sentencesTouching, splitSentences, type Sentence } from './sentences';
import { resolveSourceText, type SourceTextFields } from './source-text';
import { BundleValidationError, formatPath, type BundleProblem } from './validate-bundle';

/**
 * Fills in `start`, `end` and `sentence` of every evidence entry of a bundle file that has only a
 * `quote` (and optionally a `sentence` hint to choose among repeated quotes), keeping the file's
 * formatting and comments. Refuses, writing nothing, a field the format does not know (often a
 * quote cut short by an unquoted comma in a `{…}` mapping), a quote the text does not hold and a
 * quote that runs over a sentence boundary. Returns how many quotes it located.
 */
export function locateQuotes(file: string): number {
  const { document, content, problems } = readBundleDocument(file);
  if (!document) throw new BundleValidationError(problems);
  problems.push(...unknownFields(file, content));

  const resolved = resolveSourceText(file, (content as { source?: SourceTextFields } | null)?.source ?? {});
  if (!('text' in resolved)) throw new BundleValidationError([...problems, { file, ...resolved }]);
  const { text } = resolved;
  const sentences = splitSentences(text);
  let filled = 0;

  const visit = (node: unknown, where: string): void => {
    if (isSeq(node)) node.items.forEach((item, index) => visit(item, `${where}[${index}]`));
    if (!isMap(node)) return;
    const quote = node.get('quote');
    if (typeof quote === 'string' && node.get('start') === undefined) {
      const located = locate(text, sentences, quote, node.get('sentence'));
      if (typeof located === 'string') problems.push({ file, path: where, message: located });
      else {
        setEvidenceOffsets(document, node, located);
        filled += 1;
      }
    }
    for (const pair of node.items) visit(pair.value, where ? `${where}.${String(pair.key)}` : String(pair.key));
  };
  visit(document.contents, '');
  if (problems.length > 0) throw new BundleValidationError(problems);
  writeFileSync(file, document.toString({ lineWidth: 0 }));
  return filled;
}

interface Located {
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
}

/** Where a quote is (in the hinted sentence when given), or why it cannot be placed. */
function locate(text: string, sentences: readonly Sentence[], quote: string, hint: unknown): Located | string {
  const within = typeof hint === 'number' ? sentences[hint] : undefined;
  if (typeof hint === 'number' && within === undefined)
    return `sentence ${hint} does not exist (the text has ${sentences.length}; see npm run seed -- --sentences)`;
  const start = text.indexOf(quote, within?.start ?? 0);
  if (start < 0 || (within && start + quote.length > within.end))
    return `quote not found${within ? ` in sentence ${within.index}` : ''}: "${quote}"`;
  const end = start + quote.length;
  const touched = sentencesTouching(sentences, start, end);
  if (touched.length !== 1) {
    return `quote "${quote}" runs over a sentence boundary (sentences ${touched.map((s) => s.index).join(', ')}); quote each sentence separately`;
  }
  return { start, end, sentence: (touched[0] as Sentence).index };
}

/** Fields the bundle format does not know, named with a hint when they are a split quote. */
function unknownFields(file: string, content: unknown): BundleProblem[] {
  // A draft's `draft:` line is for its author; the other fields are checked as usual.
  const result = BundleSchema.safeParse(splitDraftMark(content).bundle);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [];
    const where = formatPath(issue.path);
    const splitQuote = issue.path.some((part) => part === 'evidence' || part === 'quotes');
    const hint = splitQuote
      ? ' (a comma inside an unquoted quote in {…} starts a new field: write the quote in double quotes)'
      : '';
    return [{ file, path: where, message: `unknown field(s) ${issue.keys.join(', ')}${hint}` }];
  });
}

function setEvidenceOffsets(document: Document, node: YAMLMap, located: Located): void {
  node.set('start', document.createNode(located.start));
  node.set('end', document.createNode(located.end));
  node.set('sentence', document.createNode(located.sentence));
  node.flow = true;
}
