import { z } from 'zod';
import { AppError, badUserInput } from '../errors';
import type { Database } from '../neo4j/database';
import type { ApiKeys } from '../ingest/api-keys';
import { draftBundle, DraftError, type Draft } from '../draft/draft-bundle';
import { findKnownNodesAround } from '../draft/known-from-graph';
import { isDraftLanguage } from '../draft/language';
import { slugify } from '../draft/text-search';
import { findSourceDocument, sourceExists } from '../repositories/source.repository';
import { reviewDocumentOfDraft, reviewDocumentOfLoaded, type ReviewDocument } from './review-document';

/** The longest text the workbench drafts: a long feature article (about 8,000 words). */
export const MAX_DRAFT_CHARACTERS = 50_000;

/** Words of the text's first line that make the source id of a draft. */
const SOURCE_ID_WORDS = 8;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case slug such as lavrov-in-pyongyang');

const DraftRequestSchema = z
  .object({
    text: z.string().refine((text) => text.trim() !== '', 'the text is empty'),
    published: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
      .optional(),
    language: z.string().optional(),
    sourceId: slug.optional(),
  })
  .strict();

export type DraftRequest = z.input<typeof DraftRequestSchema>;

/** What the author's workbench asks of the server, bound to the key it presented. */
export interface AuthorTools {
  /** Drafts a text against the graph's entities and events; a review document to decide on. */
  draft(request: unknown): Promise<ReviewDocument>;
  /** The text and bundle of a loaded source, to correct and reload; NOT_FOUND when none is loaded. */
  open(sourceId: string): Promise<ReviewDocument>;
}

/**
 * The server side of the author's workbench (`/author`): drafts and re-opens sources for review.
 * It writes nothing (loads go through `POST /bundles`), but asks for an ingest key as writes do:
 * it is the writers' tool, and drafting costs a read of the graph's names.
 */
export class AuthorApi {
  constructor(
    private readonly database: Database,
    private readonly keys: ApiKeys,
  ) {}

  /** The tools for whoever presents `authorization`: FORBIDDEN when writes are off, UNAUTHENTICATED for a wrong key. */
  authorize(authorization: string | undefined): AuthorTools {
    this.keys.authorize(authorization);
    return { draft: (request) => this.draft(request), open: (sourceId) => this.open(sourceId) };
  }

  private async draft(body: unknown): Promise<ReviewDocument> {
    const request = parseDraftRequest(body);
    const languageDetected = request.language === undefined || request.language === '';
    const options = {
      ...(languageDetected ? {} : { language: request.language }),
      ...(request.published ? { published: request.published } : {}),
      textFile: '',
    };
    // A first pass without the graph finds the publication date (the dateline) and the title the source id comes from.
    const outline = draftOrRefuse(request.text, { ...options, sourceId: 'source', known: NOTHING_KNOWN });
    const sourceId = request.sourceId ?? sourceIdOf(outline);
    const known = await findKnownNodesAround(this.database, outline.bundle.source.published?.iso ?? request.published);
    const draft = draftOrRefuse(request.text, { ...options, sourceId, known });
    return reviewDocumentOfDraft(draft, request.text, {
      languageDetected,
      sourceLoaded: await sourceExists(this.database, sourceId),
    });
  }

  private async open(sourceId: string): Promise<ReviewDocument> {
    const stored = await findSourceDocument(this.database, sourceId);
    if (!stored) throw new AppError('NOT_FOUND', `No source "${sourceId}" is loaded`, { id: sourceId });
    if (stored.bundle === null)
      throw new AppError(
        'CONFLICT',
        `Source "${sourceId}" was loaded before the graph kept the bundles it loads: load its bundle file once more (npm run seed), then open it here`,
        { id: sourceId },
      );
    const bundle = JSON.parse(stored.bundle) as Record<string, unknown>;
    const source = bundle.source as { language: string; published?: { iso: string } };
    const marks = isDraftLanguage(source.language)
      ? draftOrUndefined(stored.text, {
          sourceId,
          textFile: '',
          language: source.language,
          ...(source.published ? { published: source.published.iso } : {}),
          known: NOTHING_KNOWN,
        })
      : undefined;
    return reviewDocumentOfLoaded({ bundle, text: stored.text }, marks);
  }
}

const NOTHING_KNOWN = { entities: [], events: [] };

type DraftArguments = Parameters<typeof draftBundle>[1];

function parseDraftRequest(body: unknown): z.output<typeof DraftRequestSchema> {
  if (typeof body === 'object' && body !== null && typeof (body as { text?: unknown }).text === 'string') {
    const length = ((body as { text: string }).text as string).length;
    if (length > MAX_DRAFT_CHARACTERS)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The text has ${length} characters; the workbench drafts at most ${MAX_DRAFT_CHARACTERS}: split the article`,
        { argument: 'text', limit: MAX_DRAFT_CHARACTERS },
      );
  }
  const parsed = DraftRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.ZodIssue;
  const field = issue.path.join('.') || 'body';
  throw badUserInput(`${field}: ${issue.message}`, field);
}

function draftOrRefuse(text: string, options: DraftArguments): Draft {
  try {
    return draftBundle(text, options);
  } catch (error) {
    if (error instanceof DraftError)
      throw badUserInput(
        error.message.replace(/--(\w+)/g, '$1'),
        error.message.includes('published') ? 'published' : 'language',
      );
    throw error;
  }
}

function draftOrUndefined(text: string, options: DraftArguments): Draft | undefined {
  try {
    return draftBundle(text, options);
  } catch (error) {
    if (error instanceof DraftError) return undefined;
    throw error;
  }
}

/** A slug of the source's title (its first line), else of its first words. */
function sourceIdOf(draft: Draft): string {
  const title = draft.bundle.source.title ?? draft.sentences[0]?.text ?? '';
  return slugify(title).split('-').slice(0, SOURCE_ID_WORDS).join('-') || 'source';
}
