import type { EntityLabel } from '../domain/model';
import { matchKey } from '../domain/normalize';
import type { BundleProblem, ValidatedBundle } from './validate-bundle';

export interface KnownNode {
  readonly id: string;
  readonly label: EntityLabel | 'Event';
  readonly matchKeys: readonly string[];
}

export interface Resolution {
  /** The id a bundle id is stored under (itself unless it was resolved to an existing entity). */
  readonly resolveId: (id: string) => string;
  /** The label of a stored or about-to-be-stored node id ('Source' for source ids). */
  readonly labelOf: (id: string) => string;
  /** Bundle ids that were attached to an entity known under another id. */
  readonly merged: readonly { file: string; id: string; into: string; by: string }[];
  readonly problems: readonly BundleProblem[];
}

interface Entry {
  readonly label: string;
  /** The bundle file that defined it; undefined for nodes already in the database. */
  readonly file: string | undefined;
}

/**
 * Entity resolution across bundles and the database: by id first, then by a shared normalised
 * alias of the same label, so a second article's "Kim Jong-un" lands on the existing person.
 * Entities of one bundle are never merged with each other: the bundle says they differ.
 */
export function resolveEntities(bundles: readonly ValidatedBundle[], known: readonly KnownNode[]): Resolution {
  const entries = new Map<string, Entry>();
  const byKey = new Map<string, Set<string>>();
  const aliasOf = new Map<string, string>();
  const merged: { file: string; id: string; into: string; by: string }[] = [];
  const problems: BundleProblem[] = [];
  const indexKeys = (id: string, label: string, keys: Iterable<string>) => {
    for (const key of keys) {
      const slot = `${label}|${key}`;
      byKey.set(slot, (byKey.get(slot) ?? new Set()).add(id));
    }
  };

  for (const node of known) {
    entries.set(node.id, { label: node.label, file: undefined });
    indexKeys(node.id, node.label, node.matchKeys);
  }

  for (const { file, bundle } of bundles) {
    bundle.entities.forEach((entity, index) => {
      const keys = [entity.name, entity.nameEn, ...entity.aliases].map(matchKey);
      const existing = entries.get(entity.id);
      if (existing) {
        if (existing.label !== entity.label) {
          problems.push({ file, path: `entities[${index}].label`, message: `"${entity.id}" is already a ${existing.label}` });
        }
        indexKeys(entity.id, entity.label, keys);
        return;
      }
      const candidates = new Map<string, string>();
      for (const key of keys) {
        for (const id of byKey.get(`${entity.label}|${key}`) ?? []) {
          if (entries.get(id)?.file !== file) candidates.set(id, key);
        }
      }
      if (candidates.size > 1) {
        problems.push({
          file,
          path: `entities[${index}].aliases`,
          message: `ambiguous: its names match ${[...candidates.keys()].join(' and ')}; give it the id of the one it is`,
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
      entries.set(entity.id, { label: entity.label, file });
      indexKeys(entity.id, entity.label, keys);
    });
    bundle.events.forEach((event, index) => {
      const existing = entries.get(event.id);
      if (existing && existing.label !== 'Event') {
        problems.push({ file, path: `events[${index}].id`, message: `"${event.id}" is already a ${existing.label}` });
      }
      entries.set(event.id, { label: 'Event', file });
    });
  }

  const sourceIds = new Set(bundles.map(({ bundle }) => bundle.source.id));
  const resolveId = (id: string) => aliasOf.get(id) ?? id;
  const labelOf = (id: string) => (sourceIds.has(id) ? 'Source' : (entries.get(resolveId(id))?.label ?? 'unknown'));
  return { resolveId, labelOf, merged, problems };
}
