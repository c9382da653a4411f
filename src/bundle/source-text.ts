import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where a bundle's source text may come from. */
export interface SourceTextFields {
  /** The text inline (`source.text`). */
  readonly text?: unknown;
  /** A file next to the bundle (`source.textFile`). */
  readonly textFile?: unknown;
}

/**
 * A bundle's source text, by one rule for the loader, seed:locate and `seed --sentences`: the
 * text given beside the bundle (the API's `text` field), else `source.text`, else the file
 * `source.textFile` names next to the bundle (unless files may not be read: bundles from the
 * network). The text is given exactly once; what is wrong comes back as a problem at its path.
 */
export function resolveSourceText(
  file: string,
  source: SourceTextFields,
  options: { readonly given?: string; readonly readFiles?: boolean } = {},
): { text: string } | { path: string; message: string } {
  const inline = typeof source.text === 'string' ? source.text : undefined;
  const textFile = typeof source.textFile === 'string' ? source.textFile : undefined;
  if (inline !== undefined && (textFile !== undefined || options.given !== undefined))
    return {
      path: 'source.text',
      message: 'the source text is given twice: keep either text (inline) or textFile (or the text field)',
    };
  if (options.given !== undefined) return { text: options.given };
  if (inline !== undefined) return { text: inline };
  if (textFile === undefined)
    return {
      path: 'source.textFile',
      message: 'the source text is missing: name its file in textFile, or give it inline as text',
    };
  if (options.readFiles === false)
    return {
      path: 'source.text',
      message: 'send the source text inline (source.text, or the text field); files are not read here',
    };
  const textPath = path.resolve(path.dirname(file), textFile);
  if (!existsSync(textPath)) return { path: 'source.textFile', message: `source text not found at ${textFile}` };
  return { text: readFileSync(textPath, 'utf8') };
}
