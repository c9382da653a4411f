import path from 'node:path';

/** A file shipped inside an npm package, found even when the package's `exports` do not list it. */
export function packageFile(packageName: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file);
}
