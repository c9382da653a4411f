import { parseFuzzyDate } from '../../src/domain/fuzzy-date';

describe('parseFuzzyDate', () => {
  it.each([
    ['2024-07-18', 'DAY', '2024-07-18', '2024-07-18'],
    ['2024-07', 'MONTH', '2024-07-01', '2024-07-31'],
    ['2024-02', 'MONTH', '2024-02-01', '2024-02-29'],
    ['2023-02', 'MONTH', '2023-02-01', '2023-02-28'],
    ['2024', 'YEAR', '2024-01-01', '2024-12-31'],
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
  ])('refuses %p', (text) => {
    expect(parseFuzzyDate(text)).toBeUndefined();
  });
});
