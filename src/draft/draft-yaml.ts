import { Document, isMap, isNode, isSeq } from 'yaml';
import type { Draft } from './draft-bundle';

const SENTENCE_PREVIEW = 100;

/**
 * The draft as YAML: the numbered sentences and the dates found as a comment at the top, each
 * review note as a comment above its item, evidence as one-line flow maps (as hand-made bundles
 * write them). Lines are never folded, so every quote stays searchable.
 */
export function renderDraftYaml(draft: Draft): string {
  const document = new Document(draft.bundle);
  document.commentBefore = [
    ` Draft bundle for ${draft.bundle.source.textFile} (language ${draft.language}).`,
    ' Sentences, numbered as evidence counts them:',
    ...draft.sentences.map((sentence) => ` [${sentence.index}] ${preview(sentence.text)}`),
    '',
    ' Dates found, resolved against the publication date:',
    ...(draft.dates.length === 0 ? [' (none)'] : []),
    ...draft.dates.map(
      (date) =>
        ` [${date.sentence}] "${date.quote}" → ${date.iso} (${date.precision}${date.inferred ? `, inferred: ${date.note ?? ''}` : ', stated'})`,
    ),
  ].join('\n');

  for (const [path, lines] of draft.notes) {
    const node = document.getIn(
      path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      true,
    );
    if (isNode(node)) node.commentBefore = lines.map((line) => ` ${line}`).join('\n');
  }
  flowEvidence(document.contents);
  return document.toString({ lineWidth: 0 });
}

/** Every evidence item as a one-line flow map. */
function flowEvidence(node: unknown, inEvidence = false): void {
  if (isMap(node)) {
    if (inEvidence) node.flow = true;
    for (const pair of node.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      flowEvidence(pair.value, key === 'evidence');
    }
  } else if (isSeq(node)) {
    for (const item of node.items) flowEvidence(item, inEvidence);
  }
}

function preview(text: string): string {
  return text.length <= SENTENCE_PREVIEW ? text : `${text.slice(0, SENTENCE_PREVIEW)}…`;
}
