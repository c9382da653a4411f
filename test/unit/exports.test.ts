import { parseFuzzyDate } from '../../src/domain/fuzzy-date';
import type { FuzzyDateModel } from '../../src/domain/types';
import { dayAfter, eventDays } from '../../src/export/event-days';
import { exportFilename, parseGraphExportQuery } from '../../src/export/export-request';
import { spreadsheetSafe } from '../../src/export/timeline-csv';
import { allDaySpan } from '../../src/export/timeline-ics';
import type { EventModel } from '../../src/domain/types';

/** A stored date from its ISO text, as the repositories give it. */
function stored(iso: string): FuzzyDateModel {
  const parsed = parseFuzzyDate(iso);
  if (!parsed) throw new Error(`not a date: ${iso}`);
  return { ...parsed, inferred: false, note: null };
}

const event = (date: string, endDate: string | null = null) =>
  ({ date: stored(date), endDate: endDate ? stored(endDate) : null }) as EventModel;

describe('the days an export gives an event', () => {
  it.each([
    ['2024-06-19', null, '2024-06-19', '2024-06-20'],
    ['2024-06', null, '2024-06-01', '2024-07-01'],
    ['2024-02', null, '2024-02-01', '2024-03-01'],
    ['2024', null, '2024-01-01', '2025-01-01'],
    ['2024-06-18/2024-06-19', null, '2024-06-18', '2024-06-20'],
    ['2024-12-30/2025-01-02', null, '2024-12-30', '2025-01-03'],
    ['2024-07-15/2024-07-21', '2024-07-21', '2024-07-15', '2024-07-22'],
    ['2024-06-18', '2024-06-21', '2024-06-18', '2024-06-22'],
    // An end date inside the date's own span does not shorten it.
    ['2024-06', '2024-06-10', '2024-06-01', '2024-07-01'],
  ])('%s (end %s) is all day from %s to %s, DTEND exclusive', (date, end, start, endExclusive) => {
    expect(allDaySpan(event(date, end))).toEqual({ start, end: endExclusive });
    expect(eventDays(event(date, end))).toEqual({ first: start, last: expect.any(String) });
    expect(dayAfter(eventDays(event(date, end)).last)).toBe(endExclusive);
  });

  it('steps over month ends, leap days and years', () => {
    expect(['2024-02-28', '2024-02-29', '2023-02-28', '2024-12-31'].map(dayAfter)).toEqual([
      '2024-02-29',
      '2024-03-01',
      '2023-03-01',
      '2025-01-01',
    ]);
  });
});

describe('spreadsheetSafe', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+7 495', `'+7 495`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    ['\n=1+1', `'\n=1+1`],
    ['＝HYPERLINK("http://x","y")', `'＝HYPERLINK("http://x","y")`],
    ['＋1', `'＋1`],
    ['Kim Jong Un, "junho"', 'Kim Jong Un, "junho"'],
    ['2024-06-19', '2024-06-19'],
    ['', ''],
  ])('keeps a spreadsheet from running %j', (text, safe) => {
    expect(spreadsheetSafe(text)).toBe(safe);
  });
});

describe('exportFilename', () => {
  it('names a download after what was asked, in lower-case ASCII words', () => {
    expect(exportFilename(['timeline'], 'csv')).toBe('timeline.csv');
    expect(exportFilename(['timeline', 'kim-jong-un', null, undefined, '', '2024-06'], 'ics')).toBe(
      'timeline-kim-jong-un-2024-06.ics',
    );
    expect(exportFilename(['Rússia', 'São Paulo/../"x"'], 'json')).toBe('russia-sao-paulo-x.json');
    expect(exportFilename(['neighbourhood', 'putin', 'depth', 2], 'gexf')).toBe('neighbourhood-putin-depth-2.gexf');
  });

  it('never gives an empty, hidden or overlong name', () => {
    expect(exportFilename(['///'], 'csv')).toBe('export.csv');
    const long = exportFilename(['timeline', ...Array.from({ length: 30 }, (_, i) => `entity-${i}`)], 'csv');
    expect(long.length).toBeLessThanOrEqual(84);
    expect(long).toMatch(/^timeline-[a-z0-9-]*[a-z0-9]\.csv$/);
  });
});

describe('parseGraphExportQuery', () => {
  it('reads the arguments of neighborhood', () => {
    expect(parseGraphExportQuery({ id: 'kim-jong-un' })).toEqual({ id: 'kim-jong-un', depth: null, limit: null });
    expect(parseGraphExportQuery({ id: 'kim-jong-un', depth: '2', limit: '50' })).toEqual({
      id: 'kim-jong-un',
      depth: 2,
      limit: 50,
    });
  });

  it.each([
    [{}, 'id', /missing parameter id/],
    [{ id: 'x', depth: 'two' }, 'depth', /depth must be a whole number/],
    [{ id: 'x', limit: '-1' }, 'limit', /limit must be a whole number/],
    [{ id: 'x', depth: ['1', '2'] }, 'depth', /invalid parameter depth/],
    [{ id: 'x', node: 'y' }, 'node', /unknown parameter "node"; known: id, depth, limit/],
  ])('refuses %j as BAD_USER_INPUT naming %s', (query, argument, message) => {
    expect(() => parseGraphExportQuery(query)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        details: { argument },
        message: expect.stringMatching(message),
      }),
    );
  });
});
