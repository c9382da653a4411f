import { selectionBranches, selectionParams, type TimelineCriteria } from '../../src/repositories/timeline-query';
import { boundedInt, LIMITS } from '../../src/services/limits';
import { toCriteria } from '../../src/services/timeline.service';
import { parseFeedQuery } from '../../src/widgets/feed-query';

const base: TimelineCriteria = {
  entityIds: null,
  entityMatch: 'ANY',
  fromDay: null,
  toDay: null,
  match: 'OVERLAPS',
  types: null,
  placeId: null,
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

describe('selectionBranches', () => {
  const plan = { hub: false, anchorId: null };

  it('reads the date index alone when nothing is filtered', () => {
    expect(selectionBranches(base, plan, [])).toEqual(['MATCH (e:Event) ']);
  });

  it('adds the whole-year and disputed branches to a period that events may overlap, none when within', () => {
    const overlaps = selectionBranches({ ...base, fromDay: '2024-03-01', toDay: '2024-03-31' }, plan, []);
    expect(overlaps).toHaveLength(3);
    expect(overlaps[1]).toContain('e.timelineKey STARTS WITH $yearKey');
    expect(overlaps[2]).toMatch(/^MATCH \(e:Disputed\) WHERE any\(i IN range/);
    const within = selectionBranches(
      { ...base, fromDay: '2024-03-01', toDay: '2024-03-31', match: 'WITHIN' },
      plan,
      [],
    );
    expect(within).toHaveLength(1);
    expect(within[0]).toContain('e.dateEarliest >= date($fromDay) AND e.dateLatest <= date($toDay)');
    expect(selectionParams({ ...base, fromDay: '2024-03-01', match: 'WITHIN' }, plan).keyFloor).toBe('2024-03-01');
    expect(selectionParams({ ...base, fromDay: '2024-03-01' }, plan).keyFloor).toBe('2023-12-01'); // a 92-day interval ending on 1 March starts here;
  });

  it('expands from the entities, or from the least-connected one with ALL, unless they are hubs', () => {
    const any = selectionBranches({ ...base, entityIds: ['a', 'b'] }, plan, []);
    expect(any[0]).toMatch(/^UNWIND \$entityIds AS entityId/);
    const all = selectionBranches(
      { ...base, entityIds: ['a', 'b'], entityMatch: 'ALL' },
      { hub: false, anchorId: 'a' },
      [],
    );
    expect(all[0]).toMatch(/^UNWIND \[\$anchorId\] AS entityId/);
    expect(all[0]).toContain('all(entityId IN $entityIds WHERE');
    const hub = selectionBranches({ ...base, entityIds: ['a'] }, { hub: true, anchorId: null }, [
      'e.timelineKey > $afterKey',
    ]);
    expect(hub[0]).toMatch(/^MATCH \(e:Event\) WHERE e\.timelineKey > \$afterKey AND \(EXISTS/);
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
