import type { EntityModel } from '../../src/domain/types';
import { fuzzyEdits, matchTier, searchTerms, toLuceneQuery, toSuggestionQuery } from '../../src/services/search-query';
import { entityModel } from '../helpers/models';

const STOP = new Set(['on', 'and', 'the', 'of', 'a']);

const entity = (name: string, aliases: string[] = []): EntityModel =>
  entityModel({ label: 'Agreement', id: 'x', kind: 'AGREEMENT', name, aliases });

describe('searchTerms', () => {
  it("normalises and drops the analyzer's stop words", () => {
    expect(searchTerms('Treaty on Comprehensive Strategic Partnership', STOP)).toEqual([
      'treaty',
      'comprehensive',
      'strategic',
      'partnership',
    ]);
    expect(searchTerms('Kim Jong-un', STOP)).toEqual(['kim', 'jong', 'un']);
    expect(searchTerms('"); DROP *:* OR (x', STOP)).toEqual(['drop', 'or', 'x']);
    expect(searchTerms('the and of', STOP)).toEqual([]);
  });

  it('refuses more than eight words instead of dropping them', () => {
    expect(() => searchTerms('one two three four five six seven eight nine', STOP)).toThrow(/limited to 8 words/);
    expect(searchTerms('one and two and three and four and five and six and seven and eight', STOP)).toHaveLength(8);
    expect(() => searchTerms('x'.repeat(201), STOP)).toThrow(/200 characters/);
  });
});

describe('toLuceneQuery', () => {
  it('requires every word, exactly, as a prefix, or within edits for words of five letters or more', () => {
    expect(toLuceneQuery(['kim', 'putim'])).toBe('(kim^4 OR kim*^2) AND (putim^4 OR putim*^2 OR putim~1)');
    expect(toLuceneQuery(['krivoruchco'])).toBe('(krivoruchco^4 OR krivoruchco*^2 OR krivoruchco~2)');
    expect(toLuceneQuery([])).toBeUndefined();
    expect([fuzzyEdits('kim'), fuzzyEdits('rusia'), fuzzyEdits('pyongyan'), fuzzyEdits('krivoruchco')]).toEqual([
      0, 1, 2, 2,
    ]);
  });

  it('suggests from any word of three letters or more', () => {
    expect(toSuggestionQuery(['kremlin', 'of', 'xi'])).toBe('kremlin~2');
    expect(toSuggestionQuery(['xi'])).toBeUndefined();
  });
});

describe('matchTier', () => {
  const treaty = entity('Treaty on Comprehensive Strategic Partnership', [
    'Comprehensive Strategic Partnership Treaty',
  ]);
  it('ranks the name above an alias above all words above a typo, stop words aside', () => {
    expect(matchTier(treaty, searchTerms('treaty on comprehensive strategic partnership', STOP), STOP)).toBe(3);
    expect(matchTier(treaty, searchTerms('Comprehensive Strategic Partnership Treaty', STOP), STOP)).toBe(2);
    expect(matchTier(treaty, searchTerms('strategic treat', STOP), STOP)).toBe(1);
    expect(matchTier(treaty, searchTerms('strategic treety', STOP), STOP)).toBe(0);
  });
});
