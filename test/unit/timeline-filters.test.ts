import type { TimelineCriteria } from '../../src/repositories/timeline-query';
import { boundedInt, LIMITS } from '../../src/services/limits';
import { toCriteria } from '../../src/services/timeline.service';
import { parseFeedQuery } from '../../src/feeds/feed-query';

const base: TimelineCriteria = {
  entityIds: null,
  entityMatch: 'ANY',
  fromDay: null,
  toDay: null,
  match: 'OVERLAPS',
  types: null,
  placeId: null,
  asOf: null,
};

describe('toCriteria', () => {
  it('turns a period of any precision into the days it spans, with the defaults of the design', () => {
    expect(toCriteria({ from: '2024', to: '2024-06' })).toEqual({
      ...base,
      fromDay: '2024-01-01',
      toDay: '2024-06-30',
    });
    expect(toCriteria({ from: '2024-02', entityIds: ['a'], entityMatch: 'ALL', match: 'WITHIN' })).toEqual({
      ...base,
      fromDay: '2024-02-01',
      entityIds: ['a'],
      entityMatch: 'ALL',
      match: 'WITHIN',
    });
  });

  it.each([
    [{ from: '2024-02-30' }, /not a real date|real date/],
    [{ from: '2024-08', to: '2024-07-31' }, /inverted/],
    [{ types: ['meetings'] }, /unknown event type "meetings"; one of meeting/],
    [{ entityIds: Array.from({ length: 101 }, (_, i) => `e${i}`) }, /at most 100/],
  ])('refuses %j with BAD_USER_INPUT', (filter, message) => {
    expect(() => toCriteria(filter)).toThrow(message);
  });
});

describe('limits', () => {
  it('defaults, accepts 1…max, refuses the rest', () => {
    expect(boundedInt(undefined, LIMITS.timeline, 'first')).toBe(20);
    expect(boundedInt(100, LIMITS.timeline, 'first')).toBe(100);
    for (const bad of [0, -1, 101, 1.5])
      expect(() => boundedInt(bad, LIMITS.timeline, 'first')).toThrow(/integer from 1 to 100/);
  });
});

describe('feed parameters', () => {
  it('takes lists as a,b or repeated, and the filter options', () => {
    expect(parseFeedQuery({ entity: ['a,b', 'c'], match: 'within', entityMatch: 'all', order: 'desc' })).toMatchObject({
      filter: { entityIds: ['a', 'b', 'c'], match: 'WITHIN', entityMatch: 'ALL' },
      order: 'DESC',
    });
  });

  it('names an unknown parameter instead of ignoring it', () => {
    expect(() => parseFeedQuery({ entities: 'russia' })).toThrow(/unknown parameter "entities"; known: entity/);
  });
});
