import { typesAt, typesBetween } from '../../src/repositories/path-query';

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
