import { el } from './author-dom.js';
import { shortTitle } from './author-review.js';

/** A load report (dry run or not) as a reader wants it: which nodes are new, which gain claims, disputes, duplicates. */
export function describeReport(report, bundle) {
  const names = new Map();
  for (const entity of bundle.entities) names.set(entity.id, `${entity.name} (${entity.label})`);
  for (const event of bundle.events) names.set(event.sameAs || event.id, shortTitle(event));
  for (const merge of report.merged || []) names.set(merge.into, names.get(merge.id) || merge.into);
  const list = (title, ids, cls) =>
    ids.length
      ? [
          el('h4', {}, `${title} (${ids.length})`),
          el(
            'ul',
            { className: cls },
            ids.map((id) => el('li', {}, `${names.get(id) || id} `, el('code', {}, id))),
          ),
        ]
      : [];
  const { nodes } = report.changed;
  return [
    el(
      'p',
      { className: 'counts' },
      `Nodes: ${report.nodes.created} new, ${report.nodes.updated} gain or change claims, ${report.nodes.unchanged} unchanged, ${report.nodes.deleted} deleted. Links: ${report.relationships.created} new, ${report.relationships.updated} changed, ${report.relationships.deleted} deleted. Evidence covers ${report.coverage.covered} of ${report.coverage.total} sentences.`,
    ),
    ...list('New nodes', nodes.created, 'created'),
    ...list('Claims added to existing nodes', nodes.updated, 'updated'),
    ...list('Nodes deleted', nodes.deleted, 'deleted'),
    ...(report.disputed.length
      ? [
          el('h4', {}, `Disputes (${report.disputed.length})`),
          el(
            'ul',
            {},
            report.disputed.map((dispute) =>
              el(
                'li',
                {},
                `${names.get(dispute.eventId) || dispute.eventId}: ${dispute.dates.map((date) => `${date.iso} (${date.sourceId})`).join(' vs ')}`,
              ),
            ),
          ),
        ]
      : []),
    ...(report.likelyDuplicates.length
      ? [
          el('h4', {}, `Likely duplicates (${report.likelyDuplicates.length})`),
          el(
            'ul',
            {},
            report.likelyDuplicates.map((duplicate) =>
              el(
                'li',
                {},
                `${names.get(duplicate.id) || duplicate.id} looks like ${duplicate.existingId} (shares ${duplicate.sharedParticipants.join(', ')}${duplicate.samePlace ? `, at ${duplicate.samePlace}` : ''}): if it is the same happening, merge it into that event`,
              ),
            ),
          ),
        ]
      : []),
    ...(report.merged.length
      ? [el('p', {}, `Merged by name: ${report.merged.map((merge) => `${merge.id} → ${merge.into}`).join(', ')}`)]
      : []),
  ];
}
