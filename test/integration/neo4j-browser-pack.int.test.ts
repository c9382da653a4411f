import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CALENDAR_LABELS, ENTITY_LABELS } from '../../src/domain/model';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const PACK_DIR = path.resolve(__dirname, '../../src/widgets/neo4j-browser');
const guide = readFileSync(path.join(PACK_DIR, 'guide.html'), 'utf8');
const style = readFileSync(path.join(PACK_DIR, 'style.grass'), 'utf8');

/** The text of every runnable block of the guide, as Browser puts it in its editor. */
function runnableBlocks(html: string): string[] {
  return [...html.matchAll(/<pre\b[^>]*class="[^"]*\brunnable\b[^"]*"[^>]*>([\s\S]*?)<\/pre>/g)].map((match) =>
    (match[1] as string).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim(),
  );
}

/** Browser commands (`:style`, `:play`) are not Cypher. */
const queries = runnableBlocks(guide).filter((block) => !block.startsWith(':'));
const overview = queries.find((query) => query.startsWith('MATCH (n:Entity|Event)')) as string;

/** Test names: the query's place in the guide and its first line. */
const named = queries.map((query, index) => [`${index + 1}. ${query.split('\n')[0]}`, query]);

/** GQL statuses 00xxx are successful completions; warnings (01), no data (02) and informational notes (03) are not. */
function warnings(summary: {
  notifications: { code: string; description: string }[];
  gqlStatusObjects: { gqlStatus: string; statusDescription: string }[];
}): string[] {
  return [
    ...summary.notifications.map((notification) => `${notification.code}: ${notification.description}`),
    ...summary.gqlStatusObjects
      .filter((status) => !status.gqlStatus.startsWith('00'))
      .map((status) => `${status.gqlStatus}: ${status.statusDescription}`),
  ];
}

describe('the Neo4j Browser pack', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSeededTestServer();
  });
  afterAll(async () => server?.close());

  it('has a guide with an overview query, the one README shows, and the others', () => {
    expect(queries.length).toBeGreaterThanOrEqual(7);
    expect(overview).toBeDefined();
    expect(readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8')).toContain(overview);
  });

  it.each(named)('plans %s without any notification', async (_name, query) => {
    const { summary } = await server.driver.executeQuery(`EXPLAIN ${query}`);
    expect(warnings(summary)).toEqual([]);
  });

  it.each(named)('runs %s on the seeded graph: some rows, no notification', async (_name, query) => {
    const { records, summary } = await server.driver.executeQuery(query);
    expect(records.length).toBeGreaterThan(0);
    expect(warnings(summary)).toEqual([]);
  });

  it('draws every entity and event in the overview, and no calendar, source, redirect or data-version node', async () => {
    const { records } = await server.driver.executeQuery(
      `CALL () { ${overview} } RETURN collect(DISTINCT n.id) AS starts, collect(DISTINCT labels(m)) AS ends`,
    );
    const starts = records[0]?.get('starts') as string[];
    expect(starts).toEqual(
      expect.arrayContaining(['vladimir-putin', 'russia', 'kcna', 'pyongyang', '2024-06-19-putin-kim-talks']),
    );
    const { records: labelled } = await server.driver.executeQuery(
      `CALL () { ${overview} } UNWIND [n, m] AS node WITH DISTINCT node WHERE node IS NOT NULL
       UNWIND labels(node) AS label RETURN collect(DISTINCT label) AS labels`,
    );
    const labels = labelled[0]?.get('labels') as string[];
    for (const left of [...CALENDAR_LABELS, 'Source', 'Redirect', 'DataVersion']) expect(labels).not.toContain(left);
    expect(labels).toEqual(expect.arrayContaining([...ENTITY_LABELS, 'Event']));
  });

  it('serves the guide with the style URL on its first slide, and the style', async () => {
    const response = await fetch(`${server.base}/neo4j-browser/guide.html`);
    const html = await response.text();
    const firstSlide = html.split('</slide>')[0] as string;
    expect(runnableBlocks(firstSlide)).toContain(`:style ${server.base}/neo4j-browser/style.grass`);
    expect(html).not.toContain('{{');
    const grass = await fetch(`${server.base}/neo4j-browser/style.grass`);
    expect(await grass.text()).toBe(style);
  });

  it('captions every node of the seeded graph: each property a caption names is on every node of its label', async () => {
    const captions = [...style.matchAll(/node\.(\w+) \{[^}]*caption: '\{(\w+)\}';/g)].map(([, label, property]) => ({
      label: label as string,
      property: property as string,
    }));
    expect(captions.map((caption) => caption.label)).toEqual(expect.arrayContaining([...ENTITY_LABELS]));
    for (const { label, property } of captions) {
      if (![...ENTITY_LABELS, 'Event'].includes(label)) continue;
      const { records } = await server.driver.executeQuery(
        `MATCH (n) WHERE $label IN labels(n) AND n[$property] IS NULL RETURN collect(n.id) AS uncaptioned`,
        { label, property },
      );
      expect({ label, property, uncaptioned: records[0]?.get('uncaptioned') }).toEqual({
        label,
        property,
        uncaptioned: [],
      });
    }
  });

  it('shows a long organisation name by its short name, and any other by its English name', async () => {
    const { body } = await server.graphql(
      '{ kcna: entity(id: "kcna") { name shortName } russia: entity(id: "russia") { nameEn shortName } }',
    );
    expect(body.data?.kcna).toEqual({ name: 'Agência Central de Notícias da Coreia', shortName: 'KCNA' });
    expect(body.data?.russia).toEqual({ nameEn: 'Russia', shortName: 'Russia' });
    expect(style).toMatch(/node\.Organization \{[^}]*caption: '\{shortName\}';/);
  });

  it('gives every label of the model a caption of its own in the style', () => {
    for (const label of [...ENTITY_LABELS, 'Event', 'Source', ...CALENDAR_LABELS, 'Redirect', 'DataVersion']) {
      expect(style).toMatch(new RegExp(`node\\.${label} \\{[^}]*caption: '[^']+';[^}]*\\}`));
    }
  });
});
