import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, type Document } from 'yaml';
import type { BundleProblem } from './bundle-problems';

/** The file names a bundle may have: YAML, or JSON (a subset of YAML, parsed strictly as JSON). */
export const BUNDLE_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/** Aliases a bundle may expand; bundles need none, and a bomb expands millions. */
const MAX_ALIAS_COUNT = 50;

/** Bundles are UTF-8; a stray byte would turn quotes into text the source does not hold. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A `# REVIEW…` comment the drafter wrote: an item the author has not checked yet. */
const REVIEW_MARK = /#\s*REVIEW\b/;

export interface ReadOptions {
  /** Load a bundle that still has the drafter's REVIEW marks (the author says they are checked). */
  readonly acceptReviewMarks?: boolean;
}

/**
 * A bundle read from a file or a request: its value when it parsed, and every problem found. A
 * parsed bundle may still have problems (REVIEW marks), so that its validation can name the rest.
 */
export interface BundleRead {
  readonly content?: unknown;
  readonly problems: BundleProblem[];
}

/**
 * The one reader of bundle files (seed, start, seed:locate, draft): every way a file can fail
 * to be a bundle (missing, a folder, unreadable, empty, wrong extension, not YAML or JSON, an
 * alias bomb, REVIEW marks left) comes back as a problem naming the file; nothing is dropped.
 */
export function readBundleFile(file: string, options: ReadOptions = {}): BundleRead {
  const text = readBundleText(file);
  if (typeof text !== 'string') return { problems: [text] };
  return parseBundleText(text, file, { ...options, json: path.extname(file).toLowerCase() === '.json' });
}

/** As readBundleFile, keeping the YAML document (comments and layout) for tools that rewrite it. */
export function readBundleDocument(file: string): {
  document?: Document.Parsed;
  content?: unknown;
  problems: BundleProblem[];
} {
  const text = readBundleText(file);
  if (typeof text !== 'string') return { problems: [text] };
  const { document, problems } = parseYamlDocument(text, file);
  if (!document) return { problems };
  const content = toValue(document, file, problems);
  return problems.length > 0 ? { problems } : { document, content, problems };
}

/** A bundle's text (YAML, or JSON) as a value; `file` names it in problems (`bundle` for a request). */
export function parseBundleText(
  text: string,
  file: string,
  options: ReadOptions & { readonly json?: boolean } = {},
): BundleRead {
  if (text.trim() === '') return { problems: [{ file, path: '', message: 'the bundle is empty' }] };
  // REVIEW marks do not stop the reading: the validation goes on to name every other problem.
  const marks = options.acceptReviewMarks ? [] : reviewMarks(text, file);
  const fatal: BundleProblem[] = [];
  let content: unknown;
  if (options.json) {
    try {
      content = JSON.parse(text);
      // JSON.parse keeps the last of two equal keys; yaml (JSON is YAML) names them instead.
      for (const error of parseDocument(text, { uniqueKeys: true }).errors)
        if (error.code === 'DUPLICATE_KEY')
          fatal.push({
            file,
            path: '',
            message: `not valid JSON: ${(error.message.split('\n')[0] ?? '').replace(/:$/, '')}`,
          });
    } catch (error) {
      fatal.push({ file, path: '', message: `not valid JSON: ${(error as Error).message}` });
    }
  } else {
    const parsed = parseYamlDocument(text, file);
    fatal.push(...parsed.problems);
    if (parsed.document) content = toValue(parsed.document, file, fatal);
    if (parsed.document && content === null)
      fatal.push({ file, path: '', message: 'the bundle is empty (it holds only comments)' });
  }
  return fatal.length > 0 ? { problems: [...marks, ...fatal] } : { content, problems: marks };
}

function readBundleText(file: string): string | BundleProblem {
  const problem = (message: string): BundleProblem => ({ file, path: '', message });
  const extension = path.extname(file).toLowerCase();
  if (!(BUNDLE_EXTENSIONS as readonly string[]).includes(extension))
    return problem(
      `not a bundle file: expected ${BUNDLE_EXTENSIONS.join(', ')}${extension === '.txt' ? " (an article's text is drafted into a bundle with npm run draft)" : ''}`,
    );
  try {
    if (statSync(file).isDirectory()) return problem('is a folder, not a bundle file');
    return UTF8.decode(readFileSync(file));
  } catch (error) {
    if (error instanceof TypeError) return problem('is not UTF-8 text (save it as UTF-8)');
    const code = (error as NodeJS.ErrnoException).code;
    return problem(code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? (error as Error).message})`);
  }
}

function parseYamlDocument(text: string, file: string): { document?: Document.Parsed; problems: BundleProblem[] } {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const problems = document.errors.map((error) => ({
    file,
    path: '',
    message: `not valid YAML: ${(error.message.split('\n')[0] ?? '').replace(/:$/, '')}`,
  }));
  return problems.length > 0 ? { problems } : { document, problems };
}

function toValue(document: Document.Parsed, file: string, problems: BundleProblem[]): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml's guard against alias bombs ("Excessive alias count")
    problems.push({ file, path: '', message: `not valid YAML: ${(error as Error).message}` });
    return undefined;
  }
}

function reviewMarks(text: string, file: string): BundleProblem[] {
  return text.split('\n').flatMap((line, index) => {
    const mark = REVIEW_MARK.exec(line);
    if (!mark) return [];
    const comment = line.slice(mark.index).replace(/^#\s*/, '').trim();
    return [
      {
        file,
        path: `line ${index + 1}`,
        message: `REVIEW mark left ("${comment.length > 90 ? `${comment.slice(0, 90)}…` : comment}"): check the item, then delete the mark (or load with --accept-review)`,
      },
    ];
  });
}
