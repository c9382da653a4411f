import { startSeededTestServer, type TestServer } from '../helpers/server';

/** Links to the widget pages as newsletters and social networks pass them on. */
describe('widget pages open from any link', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startSeededTestServer();
  });
  afterAll(async () => server?.close());

  const page = async (url: string) => {
    const response = await fetch(`${server.base}${url}`);
    return { status: response.status, type: response.headers.get('content-type') ?? '', html: await response.text() };
  };
  const alerts = (html: string) =>
    [...html.matchAll(/<p class="page-notice" role="alert"[^>]*>([^<]*)<\/p>/g)].map((m) => m[1]);
  /** The query string the page's script asks its feed with. */
  const feedQuery = (html: string) => (/data-query="([^"]*)"/.exec(html)?.[1] ?? '').replace(/&amp;/g, '&');

  const TRACKED = 'utm_source=newsletter&utm_medium=email&fbclid=IwAR0x&gclid=Cj0&mc_cid=1&mc_eid=2&igshid=3&ref=share';

  it.each(['/widget/timeline', '/widget/timelinejs', '/widget/explore'])(
    '%s ignores tracking parameters, and its feed answers the selection the link made',
    async (path) => {
      const { status, type, html } = await page(`${path}?entity=kim-jong-un&${TRACKED}`);
      expect(status).toBe(200);
      expect(type).toContain('text/html');
      expect(alerts(html)).toEqual([]);
      expect(html).not.toContain('page-note');
      expect(feedQuery(html)).toBe('?entity=kim-jong-un');
      const feed = await fetch(`${server.base}/feeds/vis-timeline.json${feedQuery(html)}`);
      expect(feed.status).toBe(200);
      const { body } = await server.graphql('{ timeline(filter: {entityIds: ["kim-jong-un"]}) { totalCount } }');
      expect(((await feed.json()) as { totalCount: number }).totalCount).toBe(body.data?.timeline.totalCount);
    },
  );

  it.each([
    ['/widget/timeline?lang=fr', 'lang=“fr” was ignored: lang takes en or pt'],
    ['/widget/timeline?groupBy=place', 'groupBy takes type or entity'],
    ['/widget/timelinejs?from=2024-13', 'from=“2024-13” is not a date'],
    ['/widget/explore?to=2024-02-30', 'to=“2024-02-30” is not a date'],
    ['/widget/explore?focus=%3Cscript%3E', 'focus=“&lt;script&gt;” was ignored'],
    ['/widget/explore?event=a,b&lang=xx', 'event=“a,b” was ignored'],
  ])('%s is the page with an alert saying what was wrong, not a JSON error', async (url, expected) => {
    const { status, type, html } = await page(url);
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    expect(alerts(html).join(' ')).toContain(expected);
    expect(html).not.toMatch(/at \w+ \(|"errors"/); // no stack, no JSON body
  });

  it('names an unknown parameter in a quiet note, while the feeds stay strict', async () => {
    const { html } = await page('/widget/timeline?entities=russia');
    expect(html).toMatch(
      /<p class="page-notice page-note" role="status" data-parameter="entities">The parameter “entities” is not one/,
    );
    expect((await fetch(`${server.base}/feeds/vis-timeline.json?fbclid=1`)).status).toBe(400);
  });
});
