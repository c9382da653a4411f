import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { convert } from 'xmlbuilder2';
import { validateXML } from 'xmllint-wasm';
import { retractSource, seedBundles } from '../../src/ingest/seed-loader';
import { FIXTURES_DIR } from '../helpers/graph';
import { startSeededTestServer, startTestServer, type TestServer } from '../helpers/server';

const RANGE_REPORT = path.join(FIXTURES_DIR, 'range-report.yaml');
const XSD_DIR = path.join(FIXTURES_DIR, 'xsd');
const DAY_EVENT = '2024-06-19-putin-state-visit-to-north-korea';
const MONTH_EVENT = '2024-06-north-korea-russia-summit';
const YEAR_EVENT = '2024-exchange-of-senior-officers';
const RANGE_EVENT = '2024-07-russia-north-korea-consultations';

interface TimelineEvent {
  id: string;
  title: string;
  date: { iso: string; precision: string; earliest: string; latest: string; note: string | null };
  endDate: { iso: string; latest: string } | null;
  evidence: { quote: string; source: { id: string; url: string | null } }[];
}

/** The day after an ISO day. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const lastDay = (event: TimelineEvent) =>
  event.endDate && event.endDate.latest > event.date.latest ? event.endDate.latest : event.date.latest;

/** The exports of a timeline selection and of a neighbourhood, each read by a program that consumes that format. */
describe('exports', () => {
  let server: TestServer;
  let limited: TestServer;

  beforeAll(async () => {
    server = await startSeededTestServer();
    await seedBundles(server.database, [RANGE_REPORT]);
    limited = await startTestServer({ EXPORT_MAX_EVENTS: '3' });
  });
  afterAll(async () => {
    await retractSource(server.database, 'test-range-report').catch(() => undefined);
    await limited?.close();
    await server?.close();
  });

  /** The whole selection through Query.timeline, page by page, with its totalCount. */
  async function timeline(filter: Record<string, unknown> = {}, order = 'ASC') {
    const events: TimelineEvent[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const { body } = await server.graphql(
        `query ($filter: TimelineFilter, $after: String, $order: SortOrder) {
          timeline(filter: $filter, first: 100, after: $after, order: $order) {
            totalCount pageInfo { hasNextPage endCursor }
            nodes { id title date { iso precision earliest latest note } endDate { iso latest }
              evidence { quote source { id url } } }
          } }`,
        { filter, after, order },
      );
      expect(body.errors).toBeUndefined();
      const page = body.data?.timeline;
      events.push(...(page.nodes as TimelineEvent[]));
      totalCount = page.totalCount as number;
      if (!page.pageInfo.hasNextPage) return { events, totalCount };
      after = page.pageInfo.endCursor as string;
    }
  }

  async function download(url: string) {
    const response = await fetch(`${server.base}${url}`);
    expect(response.status).toBe(200);
    return { response, text: await response.text() };
  }

  describe('CSV', () => {
    it('has a header row and one row per event of the timeline, in its order, read back by csv-parse', async () => {
      const expected = await timeline();
      const { response, text } = await download('/export/timeline.csv');
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="timeline.csv"');
      expect(response.headers.get('x-total-count')).toBe(String(expected.totalCount));
      // fetch's text() drops a leading byte order mark: look at the bytes.
      const bytes = new Uint8Array(await (await fetch(`${server.base}/export/timeline.csv`)).arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(text, { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
      expect(rows.map((row) => row.id)).toEqual(expected.events.map((event) => event.id));
      expect(rows).toHaveLength(expected.totalCount);
      expect(expected.totalCount).toBeGreaterThanOrEqual(10);
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const event of expected.events) {
        const row = byId.get(event.id) as Record<string, string>;
        expect(row).toMatchObject({
          title: event.title,
          date: event.date.iso,
          precision: event.date.precision,
          first_day: event.date.earliest,
          last_day: lastDay(event),
          date_note: event.date.note ?? '',
          quotes: event.evidence.map((evidence) => evidence.quote).join('\n'),
          sources: event.evidence.map((evidence) => evidence.source.url ?? evidence.source.id).join('\n'),
        });
      }
    });

    it('quotes fields holding commas, double quotes and line breaks (RFC 4180) and reads them back intact', async () => {
      const { text } = await download('/export/timeline.csv');
      const rows = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
      const values = rows.flatMap((row) => Object.values(row));
      const withComma = values.find((value) => value.includes(','));
      const withQuote = values.find((value) => value.includes('"'));
      const withBreak = values.find((value) => value.includes('\n'));
      // The data hold all three (a quote's commas, the note's "junho passado", several quotes of one event).
      expect([withComma, withQuote, withBreak].every(Boolean)).toBe(true);
      // Every such field is quoted, its quotes doubled (a bare line feed too, which strict readers split on).
      for (const value of values.filter((candidate) => /[",\r\n]/.test(candidate)))
        expect(text).toContain(`"${value.replace(/"/g, '""')}"`);
      // Outside quoted fields, the only line breaks are the CRLFs that end records.
      expect(text.replace(/"(?:[^"]|"")*"/g, '').match(/\r?\n/g)).toEqual(Array(rows.length + 1).fill('\r\n'));
      // Records end with CRLF; a line break inside a quoted field stays what it is.
      expect(text.endsWith('\r\n')).toBe(true);
    });

    it('exports a filtered, descending selection as Query.timeline answers it, named after it', async () => {
      const expected = await timeline({ entityIds: ['kim-jong-un'], from: '2024-06', to: '2024-07' }, 'DESC');
      const { response, text } = await download(
        '/export/timeline.csv?entity=kim-jong-un&from=2024-06&to=2024-07&order=desc',
      );
      const rows = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.map((row) => row.id)).toEqual(expected.events.map((event) => event.id));
      expect(response.headers.get('x-total-count')).toBe(String(expected.totalCount));
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="timeline-kim-jong-un-2024-06-2024-07.csv"',
      );
    });
  });

  describe('iCalendar', () => {
    async function calendar(url = '/export/timeline.ics') {
      const { response, text } = await download(url);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="timeline.*\.ics"$/);
      return new ICAL.Component(ICAL.parse(text) as unknown[]);
    }

    it('parses with ical.js: one all-day VEVENT per event, in order, each spanning the days its date may mean', async () => {
      const expected = await timeline();
      const vevents = (await calendar()).getAllSubcomponents('vevent');
      expect(vevents.map((vevent) => vevent.getFirstPropertyValue('uid'))).toEqual(
        expected.events.map((event) => `${event.id}@event-timeline-graph`),
      );
      for (const [index, event] of expected.events.entries()) {
        const start = vevents[index]?.getFirstPropertyValue('dtstart') as ICAL.Time;
        const end = vevents[index]?.getFirstPropertyValue('dtend') as ICAL.Time;
        expect({
          id: event.id,
          start: start.toString(),
          end: end.toString(),
          date: start.isDate && end.isDate,
        }).toEqual({
          id: event.id,
          start: event.date.earliest,
          end: dayAfter(lastDay(event)),
          date: true,
        });
      }
    });

    it('keeps a title with line breaks, semicolons and commas inside the calendar name: no line of its own', async () => {
      const title = 'Kim; Putin, 2024\r\nBEGIN:VEVENT\r\nUID:forged\r\nEND:VEVENT';
      const { text } = await download(`/export/timeline.ics?entity=kim-jong-un&title=${encodeURIComponent(title)}`);
      expect(text.split('\r\n')).not.toContain('UID:forged');
      const parsed = new ICAL.Component(ICAL.parse(text) as unknown[]);
      const expected = await timeline({ entityIds: ['kim-jong-un'] });
      expect(parsed.getAllSubcomponents('vevent')).toHaveLength(expected.events.length);
      // RFC 5545 TEXT, escaped (ical.js reads NAME and X-WR-CALNAME as they are written).
      const escaped = 'Kim\\; Putin\\, 2024\\nBEGIN:VEVENT\\nUID:forged\\nEND:VEVENT';
      expect(parsed.getFirstPropertyValue('name')).toBe(escaped);
      expect(parsed.getFirstPropertyValue('x-wr-calname')).toBe(escaped);
    });

    it('spans a day, a month, a year and a reported interval of days as all-day events (DTEND exclusive)', async () => {
      const vevents = (await calendar()).getAllSubcomponents('vevent');
      const span = (id: string) => {
        const vevent = vevents.find(
          (candidate) => candidate.getFirstPropertyValue('uid') === `${id}@event-timeline-graph`,
        );
        return [
          (vevent?.getFirstPropertyValue('dtstart') as ICAL.Time).toString(),
          (vevent?.getFirstPropertyValue('dtend') as ICAL.Time).toString(),
        ];
      };
      expect(span(DAY_EVENT)).toEqual(['2024-06-19', '2024-06-20']);
      expect(span(MONTH_EVENT)).toEqual(['2024-06-01', '2024-07-01']);
      expect(span(YEAR_EVENT)).toEqual(['2024-01-01', '2025-01-01']);
      expect(span(RANGE_EVENT)).toEqual(['2024-07-15', '2024-07-22']);
    });

    it('puts each evidence quote and its source link in the DESCRIPTION, and keeps UIDs from one export to the next', async () => {
      const expected = await timeline();
      const first = (await calendar()).getAllSubcomponents('vevent');
      const second = (await calendar()).getAllSubcomponents('vevent');
      expect(second.map((vevent) => vevent.getFirstPropertyValue('uid'))).toEqual(
        first.map((vevent) => vevent.getFirstPropertyValue('uid')),
      );
      for (const [index, event] of expected.events.entries()) {
        const description = String(first[index]?.getFirstPropertyValue('description'));
        for (const evidence of event.evidence) {
          expect(description).toContain(`“${evidence.quote}”`);
          if (evidence.source.url) expect(description).toContain(evidence.source.url);
        }
        expect(first[index]?.getFirstPropertyValue('summary')).toBe(event.title);
      }
    });
  });

  describe('JSON-LD', () => {
    it('is a schema.org ItemList of Events in timeline order, numberOfItems the totalCount', async () => {
      const expected = await timeline({ types: ['state_visit', 'talks', 'summit', 'exchange'] });
      const { response, text } = await download('/export/timeline.json?type=state_visit,talks,summit,exchange');
      expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
      const list = JSON.parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(list['@context'][0]).toBe('https://schema.org');
      expect(list).toMatchObject({ '@type': 'ItemList', numberOfItems: expected.totalCount });
      const items = list.itemListElement as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(items.map((item) => item.identifier)).toEqual(expected.events.map((event) => event.id));
      expect(items.every((item) => item['@type'] === 'Event')).toBe(true);
      const byId = new Map(items.map((item) => [item.identifier as string, item]));
      expect(byId.get(DAY_EVENT)).toMatchObject({ startDate: '2024-06-19', datePrecision: 'DAY' });
      expect(byId.get(MONTH_EVENT)).toMatchObject({ startDate: '2024-06', datePrecision: 'MONTH' });
      expect(byId.get(YEAR_EVENT)).toMatchObject({ startDate: '2024', datePrecision: 'YEAR' });
      expect(byId.get(RANGE_EVENT)).toMatchObject({
        startDate: '2024-07-15',
        endDate: '2024-07-21',
        datePrecision: 'RANGE',
        firstDay: '2024-07-15',
        lastDay: '2024-07-21',
      });
      const visit = byId.get(DAY_EVENT) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(visit.location).toMatchObject({
        '@type': expect.stringMatching(/^(Place|Country)$/),
        name: expect.any(String),
      });
      type Role = Record<string, unknown>;
      const roles = ['organizer', 'performer', 'attendee'].flatMap((property) =>
        ((visit[property] ?? []) as Role[]).map((role): [string, Role] => [property, role]),
      );
      expect(roles.length).toBeGreaterThan(0);
      for (const [property, role] of roles) {
        expect(role['@type']).toBe('Role');
        expect(role.roleName).toEqual(expect.any(String));
        expect(role[property]).toMatchObject({ identifier: expect.any(String), name: expect.any(String) });
      }
      const event = expected.events.find((candidate) => candidate.id === DAY_EVENT) as TimelineEvent;
      expect(visit.citation).toEqual(
        event.evidence.map((evidence) =>
          expect.objectContaining({
            '@type': 'Quotation',
            text: evidence.quote,
            isPartOf: expect.objectContaining({ '@type': 'NewsArticle', identifier: evidence.source.id }),
          }),
        ),
      );
    });

    it('is well-formed JSON with an empty list for an empty selection', async () => {
      const { text } = await download('/export/timeline.json?from=1990&to=1990');
      expect(JSON.parse(text)).toMatchObject({ numberOfItems: 0, itemListElement: [] });
    });
  });

  describe('graphs for Gephi', () => {
    async function neighborhood(id: string, depth: number) {
      const { body } = await server.graphql(
        'query ($id: ID!, $depth: Int) { neighborhood(id: $id, depth: $depth) { nodes { id } relationships { type from to } } }',
        { id, depth },
      );
      expect(body.errors).toBeUndefined();
      return body.data?.neighborhood as {
        nodes: { id: string }[];
        relationships: { type: string; from: string; to: string }[];
      };
    }

    const xsd = (name: string) => ({ fileName: name, contents: readFileSync(path.join(XSD_DIR, name), 'utf8') });

    /** Elements named `name` anywhere in a document converted to an object tree by xmlbuilder2's parser. */
    function elements(tree: unknown, name: string): Record<string, string>[] {
      if (Array.isArray(tree)) return tree.flatMap((item) => elements(item, name));
      if (!tree || typeof tree !== 'object') return [];
      return Object.entries(tree).flatMap(([key, value]) => {
        const own = key === name ? (Array.isArray(value) ? value : [value]) : [];
        return [...(own as Record<string, string>[]), ...elements(value, name)];
      });
    }

    it('GraphML validates against the GraphML 1.0 schema and holds the neighbourhood, node for node', async () => {
      const expected = await neighborhood('kim-jong-un', 2);
      const { response, text } = await download('/export/graph.graphml?id=kim-jong-un&depth=2');
      expect(response.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="neighbourhood-kim-jong-un-depth-2.graphml"',
      );
      const result = await validateXML({
        xml: { fileName: 'neighbourhood.graphml', contents: text },
        schema: xsd('graphml.xsd'),
        preload: [xsd('xlink.xsd')],
      });
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
      const tree = convert(text, { format: 'object' });
      const nodes = elements(tree, 'node');
      const edges = elements(tree, 'edge');
      expect(nodes.map((node) => node['@id']).sort()).toEqual(expected.nodes.map((node) => node.id).sort());
      expect(edges.map((edge) => `${edge['@source']}>${edge['@target']}`).sort()).toEqual(
        expected.relationships.map((relationship) => `${relationship.from}>${relationship.to}`).sort(),
      );
    });

    it('a schema-valid GraphML is not a formality: the validator refuses a node without its id', async () => {
      const { text } = await download('/export/graph.graphml?id=kim-jong-un');
      const broken = text.replace(/<node id="[^"]+"/, '<node');
      const result = await validateXML({
        xml: { fileName: 'broken.graphml', contents: broken },
        schema: xsd('graphml.xsd'),
        preload: [xsd('xlink.xsd')],
      });
      expect(result.valid).toBe(false);
    });

    it('GEXF validates against the GEXF 1.2 schema and holds as many nodes and edges as the neighbourhood', async () => {
      const expected = await neighborhood('2024-06-19-partnership-treaty-signing', 1);
      const { response, text } = await download('/export/graph.gexf?id=2024-06-19-partnership-treaty-signing');
      expect(response.headers.get('content-type')).toBe('application/gexf+xml; charset=utf-8');
      const result = await validateXML({
        xml: { fileName: 'neighbourhood.gexf', contents: text },
        schema: xsd('gexf.xsd'),
        preload: [xsd('viz.xsd')],
      });
      expect(result.errors).toEqual([]);
      const tree = convert(text, { format: 'object' });
      const nodes = elements(tree, 'node');
      expect(nodes).toHaveLength(expected.nodes.length);
      expect(elements(tree, 'edge')).toHaveLength(expected.relationships.length);
      // The event lives on its day in Gephi's timeline; its neighbours have no interval.
      const signing = nodes.find((node) => node['@id'] === '2024-06-19-partnership-treaty-signing');
      expect(signing).toMatchObject({ '@start': '2024-06-19', '@end': '2024-06-19' });
    });
  });

  it("README's export examples answer with a named file of their media type", async () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const urls = [...readme.matchAll(/curl -OJ 'http:\/\/127\.0\.0\.1:4000(\/export\/[^']+)'/g)].map(
      (match) => match[1] as string,
    );
    expect(urls).toHaveLength(5);
    for (const url of urls) {
      const response = await fetch(`${server.base}${url}`);
      await response.arrayBuffer();
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="[a-z0-9-]+\.(csv|ics|json|graphml|gexf)"$/,
      );
    }
  });

  describe('refusals', () => {
    async function refusal(url: string, base = server.base) {
      const response = await fetch(`${base}${url}`);
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] },
      };
    }

    it.each(['/export/timeline.csv', '/export/timeline.ics', '/export/timeline.json'])(
      '%s refuses a bad parameter with the same coded 400 as the feeds',
      async (url) => {
        for (const query of ['?entities=kim-jong-un', '?from=2024-13', '?type=picnic', '?order=sideways']) {
          const exported = await refusal(`${url}${query}`);
          const feed = await refusal(`/feeds/vis-timeline.json${query}`);
          expect(exported.status).toBe(400);
          expect(exported.type).toMatch(/^application\/json/);
          expect(exported.body).toEqual(feed.body);
          expect(exported.body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
        }
      },
    );

    it('names unknown entity ids as the timeline does (404 NOT_FOUND)', async () => {
      const { status, body } = await refusal('/export/timeline.csv?entity=nobody-at-all');
      expect(status).toBe(404);
      expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
    });

    it('refuses a selection larger than EXPORT_MAX_EVENTS before writing anything', async () => {
      const { status, body } = await refusal('/export/timeline.json', limited.base);
      expect(status).toBe(400);
      expect(body.errors[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'selection',
        maxEvents: 3,
        totalCount: expect.any(Number),
      });
      expect(body.errors[0]?.message).toMatch(/more than the 3 an export carries/);
      // A narrower selection passes.
      const narrow = await fetch(`${limited.base}/export/timeline.json?entity=alexei-krivoruchko&to=2024-07-10`);
      expect(narrow.status).toBe(200);
    });

    it('refuses a graph export of an unknown node (404), beyond its limits or without an id (400)', async () => {
      const unknown = await refusal('/export/graph.graphml?id=nobody-at-all');
      expect(unknown.status).toBe(404);
      expect(unknown.body.errors[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'nobody-at-all' });
      for (const query of [
        '?id=kim-jong-un&limit=501',
        '?id=kim-jong-un&depth=4',
        '?id=kim-jong-un&depth=two',
        '',
        '?node=kim-jong-un',
      ]) {
        const { status, body } = await refusal(`/export/graph.gexf${query}`);
        expect({ query, status, code: body.errors[0]?.extensions.code }).toEqual({
          query,
          status: 400,
          code: 'BAD_USER_INPUT',
        });
      }
    });

    it('answers an unknown format as an unknown route', async () => {
      const { status, body } = await refusal('/export/timeline.xlsx');
      expect(status).toBe(404);
      expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
    });
  });
});
