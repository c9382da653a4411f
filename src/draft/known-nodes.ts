import { readBundleFile } from '../bundle/bundle-file';
import { BundleValidationError, type BundleProblem } from '../bundle/bundle-problems';
import { BundleSchema, type Bundle } from '../bundle/bundle-schema';
import { formatPath } from '../bundle/validate-bundle';
import type { StoredEntityNames, StoredEventOutline } from '../repositories/draft-knowledge.repository';

/** An entity the graph (or a seed bundle) already has: a draft reuses its id. */
export type KnownEntity = StoredEntityNames;

/** An event already stored, which a drafted event may be the same happening as. */
export type KnownEvent = StoredEventOutline;

export interface KnownNodes {
  readonly entities: readonly KnownEntity[];
  readonly events: readonly KnownEvent[];
}

/**
 * Reads and schema-checks bundle files (the quotes are the loader's business, not checked here);
 * refuses with every problem of every file. REVIEW marks do not matter to what a draft reuses.
 */
export function readBundles(files: readonly string[]): { file: string; bundle: Bundle }[] {
  const problems: BundleProblem[] = [];
  const bundles = files.flatMap((file) => {
    const read = readBundleFile(file, { acceptReviewMarks: true });
    problems.push(...read.problems);
    if (read.problems.length > 0) return [];
    const result = BundleSchema.safeParse(read.content);
    if (result.success) return [{ file, bundle: result.data }];
    problems.push(
      ...result.error.issues.map((issue) => ({ file, path: formatPath(issue.path), message: issue.message })),
    );
    return [];
  });
  if (problems.length > 0) throw new BundleValidationError(problems);
  return bundles;
}

/**
 * The entities and events these bundles define, entities with every name any bundle gives them.
 * Events of the sources in `withoutEventsOf` are left out: measuring a draft against its own
 * hand-made bundle must not hand it that bundle's events to call the same.
 */
export function knownNodesFromBundles(
  bundles: readonly Bundle[],
  options: { withoutEventsOf?: readonly string[] } = {},
): KnownNodes {
  const entities = new Map<string, KnownEntity>();
  const events: KnownEvent[] = [];
  for (const bundle of bundles) {
    for (const entity of bundle.entities) {
      const id = entity.sameAs ?? entity.id;
      const previous = entities.get(id);
      const names = [entity.name, entity.nameEn ?? entity.name, ...entity.aliases];
      entities.set(id, {
        id,
        label: entity.label,
        name: previous?.name ?? entity.name,
        nameEn: previous?.nameEn ?? entity.nameEn ?? entity.name,
        aliases: [...new Set([...(previous?.aliases ?? []), ...names])],
        areas: [...new Set([...(previous?.areas ?? []), ...(entity.areas ?? []), ...(entity.areasEn ?? [])])],
      });
    }
    if (options.withoutEventsOf?.includes(bundle.source.id)) continue;
    for (const event of bundle.events) {
      events.push({
        id: event.sameAs ?? event.id,
        type: event.type,
        title: event.title,
        dateIso: event.date.iso,
        participants: bundle.relationships
          .filter((relationship) => relationship.type === 'PARTICIPATED_IN' && relationship.to === event.id)
          .map((relationship) => relationship.from),
        agreements: bundle.relationships
          .filter((relationship) => relationship.type === 'PRODUCED' && relationship.from === event.id)
          .map((relationship) => relationship.to),
      });
    }
  }
  return { entities: [...entities.values()], events };
}

/** Both sets together; an entity in both keeps the first one's names and gains the second's aliases. */
export function mergeKnownNodes(first: KnownNodes, second: KnownNodes): KnownNodes {
  const entities = new Map(first.entities.map((entity) => [entity.id, entity]));
  for (const entity of second.entities) {
    const previous = entities.get(entity.id);
    entities.set(
      entity.id,
      previous
        ? {
            ...previous,
            aliases: [...new Set([...previous.aliases, ...entity.aliases])],
            areas: [...new Set([...previous.areas, ...entity.areas])],
          }
        : entity,
    );
  }
  const eventIds = new Set(first.events.map((event) => event.id));
  return {
    entities: [...entities.values()],
    events: [...first.events, ...second.events.filter((event) => !eventIds.has(event.id))],
  };
}
