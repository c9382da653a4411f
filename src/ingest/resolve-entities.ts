import { matchKey } from '../domain/normalize';
import type { KnownNode, KnownRedirect } from '../repositories/known-nodes.repository';
import type { BundleProblem, ValidatedBundle } from '../bundle/validate-bundle';

export interface Merge {
  readonly file: string;
  readonly id: string;
  readonly into: string;
  /** The shared normalised name, `sameAs`, or `redirect` (an id merged by an earlier load). */
  readonly by: string;
}

/** Two entities of different labels share a name: probably one of them is mislabelled. */
export interface AliasConflict {
  readonly file: string;
  readonly id: string;
  readonly label: string;
  readonly alias: string;
  readonly otherId: string;
  readonly otherLabel: string;
}

export interface Resolution {
  /** The id a bundle id is stored under (itself unless it was resolved to an existing node). */
  readonly resolveId: (id: string) => string;
  /** The label of a stored or about-to-be-stored node id ('Source' for source ids, 'unknown' for none). */
  readonly labelOf: (id: string) => string;
  /** The source id of the bundle in this set that defines a node, if one does. */
  readonly definedIn: (id: string) => string | undefined;
  readonly merged: readonly Merge[];
  readonly aliasConflicts: readonly AliasConflict[];
  readonly problems: readonly BundleProblem[];
}

interface Entry {
  readonly label: string;
  /** The source id of the bundle that defined it; undefined for nodes already in the database. */
  readonly sourceId: string | undefined;
}

/**
 * Entity resolution across bundles and the database: by id (or a stored redirect) first, then by
 * a shared normalised alias of the same label, so a second article's "Kim Jong-un" lands on the
 * existing person, then by an explicit `sameAs`. Nodes of one bundle are never merged with each
 * other: the bundle says they differ.
 */
export function resolveEntities(
  bundles: readonly ValidatedBundle[],
  known: readonly KnownNode[],
  redirects: readonly KnownRedirect[] = [],
): Resolution {
  const entries = new Map<string, Entry>();
  const byKey = new Map<string, Map<string, string>>();
  const aliasOf = new Map<string, string>();
  const merged: Merge[] = [];
  const aliasConflicts: AliasConflict[] = [];
  const problems: BundleProblem[] = [];
  const resolveId = (id: string) => aliasOf.get(id) ?? id;
  const indexKeys = (id: string, label: string, keys: Iterable<string>) => {
    for (const key of keys) byKey.set(key, (byKey.get(key) ?? new Map()).set(id, label));
  };

  for (const node of known) {
    entries.set(node.id, { label: node.label, sourceId: undefined });
    indexKeys(node.id, node.label, node.matchKeys);
  }
  for (const redirect of redirects) aliasOf.set(redirect.id, redirect.target);

  const deferred: {
    file: string;
    sourceId: string;
    id: string;
    sameAs: string;
    label: string;
    keys: string[];
    where: string;
  }[] = [];
  for (const { file, bundle } of bundles) {
    const sourceId = bundle.source.id;
    bundle.entities.forEach((entity, index) => {
      const where = `entities[${index}]`;
      const keys = [entity.name, entity.nameEn, ...entity.aliases].map(matchKey);
      for (const key of new Set(keys)) {
        for (const [otherId, otherLabel] of byKey.get(key) ?? []) {
          if (otherLabel !== entity.label && otherLabel !== 'Event' && otherId !== resolveId(entity.id)) {
            aliasConflicts.push({ file, id: entity.id, label: entity.label, alias: key, otherId, otherLabel });
          }
        }
      }
      if (entity.sameAs !== undefined) {
        deferred.push({ file, sourceId, id: entity.id, sameAs: entity.sameAs, label: entity.label, keys, where });
        return;
      }
      const existingId = resolveId(entity.id);
      const existing = entries.get(existingId);
      if (existing) {
        if (existing.label !== entity.label)
          problems.push({ file, path: `${where}.label`, message: `"${entity.id}" is already a ${existing.label}` });
        if (existingId !== entity.id) merged.push({ file, id: entity.id, into: existingId, by: 'redirect' });
        indexKeys(existingId, entity.label, keys);
        return;
      }
      const candidates = new Map<string, string>();
      for (const key of keys) {
        for (const [id, label] of byKey.get(key) ?? []) {
          if (label === entity.label && entries.get(id)?.sourceId !== sourceId) candidates.set(id, key);
        }
      }
      if (candidates.size > 1) {
        problems.push({
          file,
          path: `${where}.aliases`,
          message: `ambiguous: its names match ${[...candidates.keys()].join(' and ')}; give it the id of the one it is, or sameAs`,
        });
        return;
      }
      const [match] = candidates;
      if (match) {
        const [into, by] = match;
        aliasOf.set(entity.id, into);
        merged.push({ file, id: entity.id, into, by });
        indexKeys(into, entity.label, keys);
        return;
      }
      entries.set(entity.id, { label: entity.label, sourceId });
      indexKeys(entity.id, entity.label, keys);
    });
    bundle.events.forEach((event, index) => {
      if (event.sameAs !== undefined) {
        deferred.push({
          file,
          sourceId,
          id: event.id,
          sameAs: event.sameAs,
          label: 'Event',
          keys: [],
          where: `events[${index}]`,
        });
        return;
      }
      const existingId = resolveId(event.id);
      const existing = entries.get(existingId);
      if (existing && existing.label !== 'Event') {
        problems.push({ file, path: `events[${index}].id`, message: `"${event.id}" is already a ${existing.label}` });
      }
      if (existingId !== event.id) merged.push({ file, id: event.id, into: existingId, by: 'redirect' });
      if (!existing) entries.set(event.id, { label: 'Event', sourceId });
    });
  }

  // `sameAs` last, so that it may name a node a later bundle of the set defines.
  for (const item of deferred) {
    const into = resolveId(item.sameAs);
    if (!entries.has(into)) {
      // The sameAs names nothing (the reference check reports it): keep the node under its own id meanwhile.
      entries.set(item.id, { label: item.label, sourceId: item.sourceId });
      continue;
    }
    const own = entries.get(resolveId(item.id));
    if (own && resolveId(item.id) !== into) {
      problems.push({
        file: item.file,
        path: `${item.where}.sameAs`,
        message: `"${item.id}" is already stored as a node of its own; it cannot also be "${item.sameAs}"`,
      });
      continue;
    }
    aliasOf.set(item.id, into);
    merged.push({ file: item.file, id: item.id, into, by: 'sameAs' });
    indexKeys(into, item.label, item.keys);
  }

  const sourceIds = new Set(bundles.map(({ bundle }) => bundle.source.id));
  const labelOf = (id: string) => (sourceIds.has(id) ? 'Source' : (entries.get(resolveId(id))?.label ?? 'unknown'));
  const definedIn = (id: string) => entries.get(resolveId(id))?.sourceId;
  return { resolveId, labelOf, definedIn, merged, aliasConflicts, problems };
}
