import { AppError } from '../../src/errors';
import { parseFeedQuery } from '../../src/feeds/feed-query';
import { parsePageQuery } from '../../src/feeds/page-query';
import { timelineFilename } from '../../src/export/export-request';

describe('asOf: the feeds, the exports and the pages read the graph as of a publication day', () => {
  it.each([
    ['2024-06-20', '2024-06-20'],
    ['2024-06', '2024-06-30'],
    ['2024-02', '2024-02-29'],
    ['2024', '2024-12-31'],
  ])('reads asOf=%s as the day %s (a month or year means its last day)', (given, day) => {
    const query = parseFeedQuery({ entity: 'russia', asOf: given });
    expect(query.asOf).toBe(day);
    expect(query.filter.asOf).toBe(day);
    expect(query.filter.entityIds).toEqual(['russia']);
  });

  it('reads no asOf as the current view', () => {
    expect(parseFeedQuery({}).asOf).toBeNull();
    expect(parseFeedQuery({}).filter.asOf).toBeNull();
  });

  it.each(['2024-13', '2024-02-30', 'yesterday', '20-06-2024', '2024-06-18/2024-06-19', ''])(
    'refuses asOf=%j as BAD_USER_INPUT naming asOf (the feeds answer 400)',
    (given) => {
      const error = (() => {
        try {
          parseFeedQuery({ asOf: given });
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('BAD_USER_INPUT');
      expect((error as AppError).details).toEqual({ argument: 'asOf' });
    },
  );

  it('refuses asOf given twice, naming it', () => {
    expect(() => parseFeedQuery({ asOf: ['2024-06-19', '2024-06-20'] })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argument: 'asOf' } }),
    );
  });

  it('keeps a good asOf in the page’s feed query', () => {
    const query = parsePageQuery({ entity: 'russia', asOf: '2024-06' });
    expect(query.notices).toEqual([]);
    expect(query.asOf).toBe('2024-06-30');
    expect(query.feedSearch).toBe('?entity=russia&asOf=2024-06');
  });

  it.each(['2024-13-01', 'last week', ['2024-06-19', '2024-06-20']])(
    'drops a bad asOf=%j from a page with an alert naming asOf, and shows the current view',
    (given) => {
      const query = parsePageQuery({ entity: 'russia', asOf: given });
      expect(query.notices).toEqual([expect.objectContaining({ parameter: 'asOf', severity: 'alert' })]);
      expect(query.notices[0]?.message).toContain('asOf');
      expect(query.feedSearch).toBe('?entity=russia');
      expect(query.asOf).toBeNull();
      expect(query.filter.asOf).toBeNull();
    },
  );

  it('names the day in an export’s file name', () => {
    expect(timelineFilename(parseFeedQuery({ entity: 'russia', asOf: '2024-06-20' }), 'csv')).toBe(
      'timeline-russia-as-of-2024-06-20.csv',
    );
    expect(timelineFilename(parseFeedQuery({ entity: 'russia' }), 'csv')).toBe('timeline-russia.csv');
  });
});

describe('parsePageQuery: a widget page follows any link it is given', () => {
  it('ignores tracking parameters without a word and keeps the selection', () => {
    const query = parsePageQuery({
      entity: 'kim-jong-un',
      utm_source: 'newsletter',
      utm_campaign: 'june',
      fbclid: 'IwAR0abc',
      gclid: 'x',
      mc_cid: '1',
      mc_eid: '2',
      igshid: '3',
      ref: 'twitter',
    });
    expect(query.notices).toEqual([]);
    expect(query.filter.entityIds).toEqual(['kim-jong-un']);
    expect(query.feedSearch).toBe('?entity=kim-jong-un');
  });

  it('ignores another unknown parameter with a note naming it (a misspelt one would widen the selection)', () => {
    const query = parsePageQuery({ entities: 'russia' });
    expect(query.notices).toEqual([expect.objectContaining({ parameter: 'entities', severity: 'note' })]);
    expect(query.notices[0]?.message).toContain('“entities”');
    expect(query.filter.entityIds).toBeNull();
    expect(query.feedSearch).toBe('');
  });

  it.each([
    ['lang', { lang: 'fr' }, 'en or pt'],
    ['groupBy', { groupBy: 'place' }, 'type or entity'],
    ['lang given twice', { lang: ['en', 'pt'] }, 'en or pt'],
    ['from', { from: '2024-13' }, 'YYYY, YYYY-MM or YYYY-MM-DD'],
    ['to', { to: 'yesterday' }, 'YYYY, YYYY-MM or YYYY-MM-DD'],
    ['an inverted period', { from: '2024-08', to: '2024-06' }, 'the period is inverted'],
  ])('drops a bad %s with an alert saying what it takes, and keeps the rest', (_, bad, expected) => {
    const query = parsePageQuery({ entity: 'russia', ...bad });
    expect(query.notices).toHaveLength(1);
    expect(query.notices[0]).toMatchObject({ severity: 'alert' });
    expect(query.notices[0]?.message).toContain(expected);
    expect(query.feedSearch).toBe('?entity=russia');
    expect(query.wording.language).toBe('en');
    expect(query.groupBy).toBe('type');
    expect(query.filter.from).toBeNull();
  });

  it("checks the explorer's own parameters only where the page has them", () => {
    const query = parsePageQuery({ focus: 'kim-jong-un', event: 'Nobody <b>', connect: 'a,b' }, [
      'focus',
      'event',
      'connect',
    ]);
    expect(query.own).toEqual({ focus: 'kim-jong-un', connect: 'a,b' });
    expect(query.notices).toEqual([expect.objectContaining({ parameter: 'event', severity: 'alert' })]);
    expect(parsePageQuery({ focus: 'kim-jong-un' }).notices).toEqual([
      expect.objectContaining({ parameter: 'focus', severity: 'note' }),
    ]);
  });

  it('keeps every valid parameter in the feed query, repeated ones included', () => {
    const query = parsePageQuery({ entity: ['kim-jong-un', 'russia'], from: '2024-06', lang: 'pt', groupBy: 'entity' });
    expect(query.notices).toEqual([]);
    expect(new URLSearchParams(query.feedSearch).getAll('entity')).toEqual(['kim-jong-un', 'russia']);
    expect(query.wording.language).toBe('pt');
    expect(query.groupBy).toBe('entity');
  });
});
