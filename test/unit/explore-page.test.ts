import { explorePageBody } from '../../src/widgets/explore-page';

const NO_FILTER = { entityIds: null, entityMatch: null, from: null, to: null, match: null, types: null, placeId: null };
const valueOf = (html: string, id: string) => new RegExp(`id="${id}" type="date" value="([^"]*)"`).exec(html)?.[1];

describe('the explorer page body', () => {
  it('shows a filter period in the date inputs, a month or year widened to its first and last day', () => {
    const cases: [string | null, string | null, string, string][] = [
      ['2024-07-01', '2024-07-31', '2024-07-01', '2024-07-31'],
      ['2024-07', '2024-02', '2024-07-01', '2024-02-29'],
      ['2023', '2024', '2023-01-01', '2024-12-31'],
      [null, null, '', ''],
      ['June', '2024-13-40', '', ''],
    ];
    for (const [from, to, shownFrom, shownTo] of cases) {
      const html = explorePageBody('Events', { ...NO_FILTER, from, to }, 'en');
      expect([valueOf(html, 'filter-from'), valueOf(html, 'filter-to')]).toEqual([shownFrom, shownTo]);
    }
  });

  it('lists every event type, in the page language, the filtered ones checked', () => {
    const html = explorePageBody('Events', { ...NO_FILTER, types: ['visit'] }, 'pt');
    expect(html).toContain('<input type="checkbox" name="type" value="visit" checked> Visita</label>');
    expect(html).toContain('<input type="checkbox" name="type" value="meeting"> Reunião</label>');
    expect(html).toContain('Event types (1)');
  });

  it('escapes the title', () => {
    expect(explorePageBody('<b>x</b>', NO_FILTER, 'en')).toContain('<h1>&lt;b&gt;x&lt;/b&gt;</h1>');
  });
});
