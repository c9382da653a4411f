import { parseFuzzyDate, readableDate } from '../../src/domain/fuzzy-date';
import { resolveDate } from '../../src/domain/claims';

describe('parseFuzzyDate', () => {
  it.each([
    ['2024-07-18', 'DAY', '2024-07-18', '2024-07-18'],
    ['2024-07', 'MONTH', '2024-07-01', '2024-07-31'],
    ['2024-02', 'MONTH', '2024-02-01', '2024-02-29'],
    ['2023-02', 'MONTH', '2023-02-01', '2023-02-28'],
    ['2024', 'YEAR', '2024-01-01', '2024-12-31'],
    ['2024-06-18/2024-06-19', 'RANGE', '2024-06-18', '2024-06-19'],
    ['2024-07-29/2024-08-04', 'RANGE', '2024-07-29', '2024-08-04'],
    ['2023-12-28/2024-01-03', 'RANGE', '2023-12-28', '2024-01-03'],
  ])('%s has precision %s and spans %s to %s', (iso, precision, earliest, latest) => {
    expect(parseFuzzyDate(iso)).toMatchObject({ iso, precision, earliest, latest });
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00',
    '0000',
    '24-07-18',
    '2024-7-18',
    '2024-07-18T00:00',
    '',
    'july',
    '2024-06-19/2024-06-18',
    '2024-06-18/2024-06-18',
    '2024-06/2024-07',
    '2024-06-18/',
    '/2024-06-18',
    '2024-06-18/2024-06-19/2024-06-20',
    '2024-01-01/2024-12-31',
    '2024-06-18/2024-02-30',
  ])('refuses %p', (text) => {
    expect(parseFuzzyDate(text)).toBeUndefined();
  });
});

describe('intervals of days', () => {
  it.each([
    ['2024-06-18/2024-06-19', 'en', '18–19 June 2024'],
    ['2024-06-18/2024-06-19', 'pt', '18 a 19 de junho de 2024'],
    ['2024-07-29/2024-08-04', 'en', '29 July – 4 August 2024'],
    ['2024-07-29/2024-08-04', 'pt', '29 de julho a 4 de agosto de 2024'],
    ['2023-12-28/2024-01-03', 'en', '28 December 2023 – 3 January 2024'],
  ] as const)('%s reads %s as "%s"', (iso, language, text) => {
    expect(readableDate(parseFuzzyDate(iso)!, language)).toBe(text);
  });

  const claim = (iso: string, id: string, published: string) => ({
    source: { id, published, language: 'en' },
    date: { iso, inferred: false, note: null, evidence: [] },
  });

  it('a day inside a range agrees with it: the day is shown, nothing is disputed', () => {
    const resolved = resolveDate([
      claim('2024-06-18/2024-06-19', 'a', '2024-06-20'),
      claim('2024-06-19', 'b', '2024-06-21'),
    ]);
    expect(resolved).toMatchObject({ disputed: false, date: { iso: '2024-06-19', precision: 'DAY' } });
  });

  it('a range is more precise than the month around it, and a day outside it disputes it', () => {
    expect(
      resolveDate([claim('2024-06', 'a', '2024-06-20'), claim('2024-06-18/2024-06-19', 'b', '2024-06-21')]),
    ).toMatchObject({ disputed: false, date: { iso: '2024-06-18/2024-06-19' } });
    expect(
      resolveDate([claim('2024-06-18/2024-06-19', 'a', '2024-06-20'), claim('2024-06-21', 'b', '2024-06-21')]),
    ).toMatchObject({ disputed: true });
  });
});
