import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');

/** Every .ts file under src. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return name.endsWith('.ts') ? [file] : [];
  });
}

/** The src folder a file belongs to; a file at the top (main, app, config, errors…) is a unit of its own. */
function folderOf(file: string): string {
  const relative = path.relative(SRC, file);
  return relative.includes(path.sep) ? (relative.split(path.sep)[0] as string) : path.basename(relative, '.ts');
}

/** Folder → the folders its files import from (relative imports only). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles()) {
    const from = folderOf(file);
    const imports = [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)'/gms)].map(
      (match) => match[1] as string,
    );
    for (const specifier of imports) {
      const to = folderOf(path.resolve(path.dirname(file), specifier));
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

describe('architecture', () => {
  const graph = folderGraph();

  it('has no import cycle between src folders', () => {
    const cycles: string[] = [];
    const visit = (folder: string, trail: string[]) => {
      for (const next of graph.get(folder) ?? []) {
        if (trail.includes(next)) cycles.push([...trail.slice(trail.indexOf(next)), next].join(' → '));
        else visit(next, [...trail, next]);
      }
    };
    for (const folder of graph.keys()) visit(folder, [folder]);
    expect([...new Set(cycles)]).toEqual([]);
  });

  it.each([
    ['domain', ['errors']],
    ['tracing', ['config']],
    ['neo4j', ['errors', 'config', 'logger', 'domain', 'tracing']],
    ['repositories', ['errors', 'domain', 'neo4j']],
    ['services', ['errors', 'domain', 'neo4j', 'repositories']],
    ['bundle', ['domain']],
    [
      'ingest',
      ['errors', 'config', 'logger', 'paths', 'domain', 'neo4j', 'repositories', 'localdb', 'bundle', 'tracing'],
    ],
    ['feeds', ['errors', 'domain', 'repositories', 'services']],
    ['export', ['errors', 'domain', 'repositories', 'services', 'feeds']],
    ['author', ['errors', 'domain', 'neo4j', 'repositories', 'bundle', 'draft', 'ingest']],
  ])('keeps %s below the layers above it (imports only %j)', (folder, allowed) => {
    const imported = [...(graph.get(folder) ?? [])].filter((to) => !allowed.includes(to));
    expect(imported).toEqual([]);
  });
});
