import { z } from 'zod';
import { badUserInput } from '../errors';
import type { FeedQuery } from '../feeds/feed-query';
import type { NeighbourhoodRequest } from './graph-elements';

/** Longest file name an export suggests, before its extension. */
const MAX_NAME = 80;

/**
 * The file name an export suggests (Content-Disposition): what was asked, in lower-case ASCII
 * words: `timeline-kim-jong-un-2024-06-2024-07.csv`, `neighbourhood-kim-jong-un-depth-2.graphml`.
 */
export function exportFilename(parts: readonly (string | number | null | undefined)[], extension: string): string {
  const name = parts
    .filter((part) => part !== null && part !== undefined && part !== '')
    .map((part) =>
      String(part)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-')
    .slice(0, MAX_NAME)
    .replace(/-+$/, '');
  return `${name || 'export'}.${extension}`;
}

/** The file name of a timeline export, from its selection. */
export function timelineFilename(query: FeedQuery, extension: string): string {
  const { filter } = query;
  return exportFilename(
    [
      'timeline',
      ...(filter.entityIds ?? []),
      filter.placeId,
      ...(filter.types ?? []),
      filter.from,
      filter.to,
      ...(query.asOf ? ['as-of', query.asOf] : []),
    ],
    extension,
  );
}

const positiveInteger = (name: string) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `${name} must be a whole number`)
    .transform(Number);

const GraphExportQuerySchema = z
  .object({
    id: z.string().min(1).max(200),
    depth: positiveInteger('depth').optional(),
    limit: positiveInteger('limit').optional(),
  })
  .strict();

/**
 * Reads the parameters of a graph export, those of Query.neighborhood: `?id=…&depth=…&limit=…`
 * (BAD_USER_INPUT when one is missing, unknown or malformed; the service checks the ranges).
 */
export function parseGraphExportQuery(query: unknown): { id: string; depth: number | null; limit: number | null } {
  const parsed = GraphExportQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys')
      throw badUserInput(
        `unknown parameter ${issue.keys.map((key) => `"${key.slice(0, 40)}"`).join(', ')}; known: id, depth, limit`,
        issue.keys[0],
      );
    const argument = String(issue?.path[0] ?? '');
    throw badUserInput(
      issue?.code === 'invalid_type' && issue.received === 'undefined'
        ? `missing parameter ${argument}: the id of the entity or event whose neighbourhood to export`
        : `invalid parameter ${argument}: ${issue?.message ?? 'malformed'}`,
      argument,
    );
  }
  return { id: parsed.data.id, depth: parsed.data.depth ?? null, limit: parsed.data.limit ?? null };
}

/** The file name of a graph export. */
export function graphFilename(request: NeighbourhoodRequest, extension: string): string {
  return exportFilename(['neighbourhood', request.id, 'depth', request.depth], extension);
}
