import { pathsOfLength, shortestPathsUpTo, typesAt, typesBetween } from '../../src/repositories/path-query';

const project = (variable: string) => variable;
const shape = {
  length: 2,
  reversed: false,
  period: null,
  chronological: false,
  lastHopTypes: ['PARTICIPATED_IN'],
  seekFarEnd: false,
};

describe('relationship types by the model', () => {
  it('finds no relationship the model allows between two people, so no path of length 1 is looked for', () => {
    expect(typesBetween(['Entity', 'Person'], ['Entity', 'Person'])).toEqual([]);
  });

  it('lists the types between a person and an event, and those a country may have', () => {
    expect(typesBetween(['Entity', 'Person'], ['Event'])).toEqual(['PARTICIPATED_IN', 'CONCERNS']);
    expect(typesBetween(['Event'], ['Entity', 'Person'])).toEqual(['PARTICIPATED_IN', 'CONCERNS']);
    expect(typesAt(['Entity', 'Country'])).toEqual(
      expect.arrayContaining(['PARTICIPATED_IN', 'TOOK_PLACE_IN', 'LED_BY', 'REPRESENTS', 'BORDERS', 'PARTY_TO']),
    );
    expect(typesAt(['Entity', 'Country'])).not.toContain('MEMBER_OF');
  });
});

describe('shortestPathsUpTo', () => {
  it('runs a length only while fewer than k paths were found, shortest first', () => {
    const cypher = shortestPathsUpTo([shape, { ...shape, length: 3 }], project, project);
    expect(cypher.match(/WITH s, found WHERE size\(found\) < \$k/g)).toHaveLength(2);
    expect(cypher.indexOf('(s)-[')).toBeLessThan(cypher.indexOf('(n1)'));
    expect(cypher).toContain('UNWIND found[0..$k] AS p');
  });
});

describe('pathsOfLength', () => {
  it('walks out from the anchor and matches the far end by id alone (a label would let the planner start there)', () => {
    const cypher = pathsOfLength(shape);
    expect(shortestPathsUpTo([shape], project, project)).toMatch(/^MATCH \(s\) WHERE elementId\(s\) = \$anchor/);
    expect(cypher).toMatch(/^MATCH p = \(s\)/);
    expect(cypher).toContain('t.id = $farId');
    expect(cypher).not.toMatch(/t:(Entity|Event)/);
    // Between two ordinary nodes the planner may seek both ends and meet in the middle.
    expect(pathsOfLength({ ...shape, seekFarEnd: true })).toContain('(t:Entity OR t:Event)');
  });

  it('gives the last hop only the types the far end allows, and keeps hubs and sources out of the middle', () => {
    const cypher = pathsOfLength(shape);
    expect(cypher).toContain('-[:PARTICIPATED_IN]-(t)');
    expect(cypher).toContain('NOT n0:Source AND COUNT { (n0)--() } <= $hubDegree');
  });

  it('orders ties by the ids along the path read from `from` to `to`', () => {
    expect(pathsOfLength(shape)).toContain(
      "ORDER BY [x IN nodes(p) | x.id], [r IN relationships(p) | type(r) + ':' + coalesce(r.role, '')]",
    );
    expect(pathsOfLength({ ...shape, reversed: true })).toContain(
      "ORDER BY [x IN reverse(nodes(p)) | x.id], [r IN reverse(relationships(p)) | type(r) + ':' + coalesce(r.role, '')]",
    );
  });

  it('compares event dates in the direction of the walk for a time-respecting path', () => {
    expect(pathsOfLength({ ...shape, chronological: true })).toContain(
      'events[i].dateEarliest <= events[i + 1].dateEarliest',
    );
    expect(pathsOfLength({ ...shape, chronological: true, reversed: true })).toContain(
      'events[i].dateEarliest >= events[i + 1].dateEarliest',
    );
  });
});
