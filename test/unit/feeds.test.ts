import type { EntityModel, EventModel, FuzzyDateModel } from '../../src/domain/types';
import type { FeedSelection } from '../../src/services/feed.service';
import { toTimelineJs } from '../../src/feeds/timelinejs';
import { toVisTimeline } from '../../src/feeds/vis-timeline';
import { entityModel } from '../helpers/models';

const date = (
  iso: string,
  precision: FuzzyDateModel['precision'],
  earliest: string,
  latest: string,
): FuzzyDateModel => {
  const [year, month, day] = iso.split('-').map(Number);
  return {
    iso,
    year: year as number,
    month: month ?? null,
    day: day ?? null,
    precision,
    inferred: true,
    earliest,
    latest,
    note: null,
  };
};

const event = (id: string, fuzzy: FuzzyDateModel, title = id, claimedDates = [fuzzy.iso]): EventModel => ({
  label: 'Event',
  id,
  title,
  titleEn: null,
  type: 'visit',
  cameo: '042',
  description: null,
  date: fuzzy,
  endDate: null,
  reported: null,
  timelineKey: `${fuzzy.earliest}|0|${id}`,
  evidence: [
    { sourceId: 's', quote: 'a <quoted> "sentence"', start: 0, end: 5, sentence: 0, confidence: 1, note: null },
  ],
  disputed: new Set(claimedDates).size > 1,
  claimedDates,
  quotes: [],
  redirectIds: [],
});

const person = (id: string, name: string): EntityModel => entityModel({ id, name });

const selection: FeedSelection = {
  events: [
    {
      event: event('y', date('2024', 'YEAR', '2024-01-01', '2024-12-31')),
      details: { participants: [], place: null, agreements: [], agreementSummaries: [], related: [] },
    },
    {
      event: event('m', date('2024-07', 'MONTH', '2024-07-01', '2024-07-31')),
      details: {
        participants: [{ role: 'visitor', title: null, entity: person('p', 'Ana') }],
        place: null,
        agreements: [],
        agreementSummaries: [],
        related: [],
      },
    },
    {
      event: event('d', date('2024-07-18', 'DAY', '2024-07-18', '2024-07-18'), 'Meeting <b>'),
      details: {
        participants: [
          { role: 'host', title: null, entity: person('k', 'Kim') },
          { role: 'guest', title: null, entity: person('p', 'Ana') },
        ],
        place: person('x', 'Pyongyang'),
        agreements: [],
        agreementSummaries: [{ id: 't', name: 'Treaty', signatories: ['Ana', 'Kim'], parties: ['Norland'] }],
        related: [],
      },
    },
  ],
  sources: new Map([
    [
      's',
      {
        id: 's',
        url: 'https://example.org/a',
        title: 'Article',
        titleEn: null,
        publisher: null,
        language: 'pt',
        published: null,
      },
    ],
  ]),
  truncated: false,
  totalCount: 3,
};

describe('TimelineJS3 feed', () => {
  const feed = toTimelineJs(selection, 'Title & more');

  it('carries only the date parts the precision knows', () => {
    expect(feed.events.map((slide) => slide.start_date)).toEqual([
      expect.not.objectContaining({ month: expect.anything() }),
      expect.objectContaining({ year: 2024, month: 7 }),
      expect.objectContaining({ year: 2024, month: 7, day: 18 }),
    ]);
    expect(feed.events[1]?.start_date).not.toHaveProperty('day');
  });

  it('draws a year or a month as a span over it, a day as a point, each worded as it is known', () => {
    expect(feed.events.map((slide) => slide.end_date)).toEqual([
      { year: 2024, month: 12, day: 31 },
      { year: 2024, month: 7, day: 31 },
      undefined,
    ]);
    expect(feed.events.map((slide) => slide.display_date)).toEqual([
      '2024 (year inferred)',
      'July 2024 (year inferred)',
      '18 July 2024 (year inferred)',
    ]);
  });

  it('escapes text, links the evidence to its source, and names tracks by readable type', () => {
    expect(feed.title.text.headline).toBe('Title &amp; more');
    expect(feed.events[2]?.text.headline).toBe('Meeting &lt;b&gt;');
    expect(feed.events[2]?.text.text).toContain('<blockquote>a &lt;quoted&gt; &quot;sentence&quot;</blockquote>');
    expect(feed.events[2]?.text.text).toContain('<a href="https://example.org/a"');
    expect(feed.events[2]?.text.text).toContain(
      '<p><strong>Agreement:</strong> Treaty (signed by Ana, Kim; parties: Norland)</p>',
    );
    expect(feed.events.map((slide) => [slide.unique_id, slide.group])).toEqual([
      ['y', 'Visit'],
      ['m', 'Visit'],
      ['d', 'Visit'],
    ]);
    // TimelineJS3 draws era labels over its axis; the slides' dates say the precision instead.
    expect(feed.eras).toEqual([]);
  });

  it('words dates as readers write them, in English or Portuguese', () => {
    expect(feed.events.map((slide) => slide.start_date?.display_date)).toEqual([
      '2024 (year inferred)',
      'July 2024 (year inferred)',
      '18 July 2024 (year inferred)',
    ]);
    const pt = toTimelineJs(selection, 'Título', { language: 'pt', titles: 'source' });
    expect(pt.events.map((slide) => [slide.group, slide.start_date?.display_date])).toEqual([
      ['Visita', '2024 (ano inferido)'],
      ['Visita', 'julho de 2024 (ano inferido)'],
      ['Visita', '18 de julho de 2024 (ano inferido)'],
    ]);
  });
});

describe('vis-timeline feed', () => {
  it('draws a day as a point and a month or year as a range over its uncertainty (end exclusive)', () => {
    const feed = toVisTimeline(selection, 'type');
    expect(feed.items.map((item) => [item.id, item.type, item.start, item.end])).toEqual([
      ['y', 'range', '2024-01-01', '2025-01-01'],
      ['m', 'range', '2024-07-01', '2024-08-01'],
      ['d', 'point', '2024-07-18', undefined],
    ]);
    expect(feed.groups).toEqual([{ id: 'visit', content: 'Visit' }]);
    // A year-long range would dictate the zoom: the first view is fitted to the others.
    expect(feed.items.map((item) => item.informative)).toEqual([false, true, true]);
  });

  it('groups by entity with one item per participant', () => {
    const feed = toVisTimeline(selection, 'entity');
    expect(feed.items.map((item) => [item.id, item.group])).toEqual([
      ['y@(none)', '(none)'],
      ['m@p', 'p'],
      ['d@k', 'k'],
      ['d@p', 'p'],
    ]);
    expect(feed.groups.map((group) => group.content)).toEqual(['Ana', 'Kim', 'no participant named']);
  });
});
