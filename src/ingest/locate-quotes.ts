import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { splitSentences } from './sentences';

/**
 * Authoring helper (`npm run seed:locate -- seed/bundle.yaml`): fills in `start`, `end` and
 * `sentence` of every evidence entry that has only a `quote` (and optionally a `sentence` hint
 * to choose among repeated quotes). Formatting and comments of the file are kept.
 */
function locateQuotes(file: string): number {
  const document = parseDocument(readFileSync(file, 'utf8'));
  const textFile = document.getIn(['source', 'textFile']);
  if (typeof textFile !== 'string') throw new Error(`${file}: source.textFile is missing`);
  const text = readFileSync(path.resolve(path.dirname(file), textFile), 'utf8');
  const sentences = splitSentences(text);
  let filled = 0;

  const visit = (node: unknown): void => {
    if (isSeq(node)) node.items.forEach(visit);
    if (!isMap(node)) return;
    const quote = node.get('quote');
    if (typeof quote === 'string' && node.get('start') === undefined) {
      const hint = node.get('sentence');
      const within = typeof hint === 'number' ? sentences[hint] : undefined;
      const from = within?.start ?? 0;
      const start = text.indexOf(quote, from);
      if (start < 0 || (within && start + quote.length > within.end))
        throw new Error(`${file}: quote not found: "${quote}"`);
      const sentence = sentences.find((s) => s.start <= start && start + quote.length <= s.end);
      setEvidenceOffsets(document, node, start, start + quote.length, sentence?.index ?? -1);
      filled += 1;
    }
    for (const pair of node.items) visit(pair.value);
  };
  visit(document.contents);
  writeFileSync(file, document.toString({ lineWidth: 0 }));
  return filled;
}

function setEvidenceOffsets(document: Document, node: YAMLMap, start: number, end: number, sentence: number): void {
  node.set('start', document.createNode(start));
  node.set('end', document.createNode(end));
  node.set('sentence', document.createNode(sentence));
  node.flow = true;
}

for (const file of process.argv.slice(2)) {
  console.log(`${file}: located ${locateQuotes(file)} quotes`);
}
