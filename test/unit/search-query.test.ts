import fc from 'fast-check';
import type { EntityModel } from '../../src/domain/types';
import {
  analyseMatch,
  fuzzyEdits,
  matchTier,
  nameSpans,
  rankHits,
  searchTerms,
  toLuceneQuery,
  toSuggestionQuery,
  withinEdits,
} from '../../src/services/search-query';
import { entityModel, eventModel } from '../helpers/models';

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
  it('requires every word, exactly, as a prefix, or within edits (five letters or more) in names and titles', () => {
    const query = toLuceneQuery(['kim', 'putim']) as string;
    expect(query.startsWith('((kim^4 OR kim*^2) AND (putim^4 OR putim*^2 OR name:putim~1 OR ')).toBe(true);
    expect(query).toContain('titleEn:putim~1');
    expect(query).not.toContain('searchParticipants:putim~1');
    expect(query).not.toContain('searchDate:putim');
    expect(toLuceneQuery(['kim', 'putim'], 'any')).toMatch(/^\(\(kim\^4 OR kim\*\^2\) OR \(putim/);
    expect(toLuceneQuery(['krivoruchco'])).toContain('title:krivoruchco~2');
    expect(toLuceneQuery([])).toBeUndefined();
    expect([fuzzyEdits('kim'), fuzzyEdits('rusia'), fuzzyEdits('pyongyan'), fuzzyEdits('krivoruchco')]).toEqual([
      0, 1, 2, 2,
    ]);
  });

  it('matches a run of short name parts as one whole name within edits', () => {
    expect(nameSpans(['kim', 'jong', 'um', 'visit']).map((span) => [span.compact, span.edits])).toEqual([
      ['kimjong', 1],
      ['jongum', 1],
      ['umvisit', 1],
      ['kimjongum', 2],
      ['jongumvisit', 2],
    ]);
    expect(nameSpans(['june', '2024'])).toEqual([]);
    const query = toLuceneQuery(['kim', 'jong', 'um']) as string;
    expect(query).toMatch(/^\(\(kim\^4 OR kim\*\^2\) AND .*\) OR nameVariants:kimjong~1 OR /);
    expect(query).toContain(
      ' OR nameVariants:kimjongum~2 OR searchParticipants:kimjongum~2 OR searchPlaces:kimjongum~2',
    );
  });

  it('suggests from any word of three letters or more', () => {
    expect(toSuggestionQuery(['kremlin', 'of', 'xi'])).toBe('kremlin~2');
    expect(toSuggestionQuery(['xi'])).toBeUndefined();
  });
});

describe('analyseMatch and rankHits', () => {
  const visit = eventModel({
    id: 'visit',
    title: 'Visita de Estado de Vladimir Putin',
    titleEn: "Vladimir Putin's state visit",
  });
  const summit = eventModel({ id: 'summit', title: 'Cúpula em Pyongyang', titleEn: 'Summit in Pyongyang' });
  const visitTexts = {
    title: visit.title,
    titleEn: visit.titleEn,
    searchParticipants: 'vladimir putin kim jong un kimjongun jongun eun kimjongeun',
    searchPlaces: 'pyongyang pionguiangue',
    searchType: 'state visit visita de estado visits visited',
    searchDate: '19 june junho 2024',
  };

  it('says which texts hold each word, whole, as a prefix, with a typo or inside a whole name', () => {
    expect(analyseMatch(visitTexts, ['putin', 'visit', 'pyongyang'])).toEqual({
      matched: 3,
      exact: true,
      fields: ['TITLE', 'PARTICIPANT', 'PLACE', 'TYPE'],
    });
    // A single word's typo is sought in names and titles; participants are reached by whole names.
    expect(analyseMatch(visitTexts, ['junho', 'putim'])).toEqual({
      matched: 2,
      exact: false,
      fields: ['TITLE', 'DATE'],
    });
    expect(analyseMatch(visitTexts, ['kim', 'jong', 'um'])).toMatchObject({ matched: 3, exact: false });
    expect(analyseMatch(visitTexts, ['moscow'])).toEqual({ matched: 0, exact: false, fields: [] });
  });

  it('ranks hits matching every word first, then by words matched, the named entity above its events', () => {
    const putin = entityModel({
      label: 'Person',
      id: 'putin',
      kind: 'PERSON',
      name: 'Vladimir Putin',
      aliases: ['Putin'],
    });
    const ranked = rankHits(
      [
        { node: summit, score: 9, texts: { title: summit.title, titleEn: summit.titleEn, searchPlaces: 'pyongyang' } },
        { node: putin, score: 1, texts: { name: 'Vladimir Putin', aliasText: ' | Putin' } },
        { node: visit, score: 0.5, texts: visitTexts },
      ],
      ['putin', 'visit', 'pyongyang'],
      STOP,
    );
    expect(ranked.map((hit) => hit.node.id)).toEqual(['visit', 'putin', 'summit']);
    expect(ranked[0]!.score).toBeGreaterThan(100);
    const named = rankHits(
      [
        { node: visit, score: 9, texts: visitTexts },
        { node: putin, score: 1, texts: { name: 'Vladimir Putin', aliasText: ' | Putin' } },
      ],
      ['putin'],
      STOP,
    );
    expect(named.map((hit) => [hit.node.id, hit.matchedOn])).toEqual([
      ['putin', ['NAME', 'ALIAS']],
      ['visit', ['TITLE', 'PARTICIPANT']],
    ]);
  });

  it('ranks a hit the same among others as alone (names normalised once per ranking are not shared wrongly)', () => {
    // A small vocabulary, so names, aliases and texts repeat across hits, as a person's do.
    const word = fc.constantFrom('Kim', 'Jong', 'Un', 'Putin', 'Vladimir', 'Moreau', 'Boris', 'de');
    const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
    const hit = fc.record({
      name,
      nameEn: fc.option(name),
      aliases: fc.array(name, { maxLength: 2 }),
      score: fc.nat(20),
    });
    const terms = fc.array(fc.constantFrom('kim', 'jong', 'un', 'putim', 'vlad', 'moreau', 'boris'), {
      minLength: 1,
      maxLength: 3,
    });
    const alone = (hits: Parameters<typeof rankHits>[0], words: string[]) => {
      const together = rankHits(hits, words, STOP);
      const each = hits.map((one) => rankHits([one], words, STOP)[0]);
      expect(together).toHaveLength(each.length);
      expect(together).toEqual(expect.arrayContaining(each));
    };
    fc.assert(
      fc.property(fc.array(hit, { minLength: 1, maxLength: 6 }), terms, (fields, words) =>
        alone(
          fields.map(({ score, ...names }, index) => ({
            node: entityModel({ id: `e${index}`, ...names }),
            score,
            texts: { name: names.name, nameEn: names.nameEn, aliasText: names.aliases.map((a) => ` | ${a}`).join('') },
          })),
          words,
        ),
      ),
      { numRuns: 500 },
    );
  });

  it('counts a transposition as one edit, as Lucene does', () => {
    expect(withinEdits('putin', 'ptuin', 1)).toBe(true);
    expect(withinEdits('putin', 'pitun', 1)).toBe(false);
    expect(withinEdits('kimjongun', 'kimjongeun', 1)).toBe(true);
    expect(withinEdits('a', 'abcd', 2)).toBe(false);
  });

  it('agrees with the full optimal string alignment distance, longer words included', () => {
    // Few letters, so that near words are common; lengths past the table first kept (64).
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 12 });
    // Pairs of long words a few edits apart, so that both answers occur past the kept rows' width.
    const long = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 60, maxLength: 70 });
    const nearLong = fc
      .tuple(long, fc.array(fc.tuple(fc.nat(69), fc.constantFrom('a', 'b', 'c', '')), { maxLength: 4 }))
      .map(
        ([a, edits]) =>
          [a, edits.reduce((word, [at, letter]) => word.slice(0, at) + letter + word.slice(at + 1), a)] as const,
      );
    const edits = fc.integer({ min: 0, max: 3 });
    const agrees = (a: string, b: string, n: number) => withinEdits(a, b, n) === alignmentDistance(a, b) <= n;
    fc.assert(fc.property(word, word, edits, agrees), { numRuns: 3000 });
    fc.assert(
      fc.property(nearLong, edits, ([a, b], n) => agrees(a, b, n)),
      { numRuns: 300 },
    );
  });
});

/** Optimal string alignment distance by the whole table: the definition withinEdits answers for. */
function alignmentDistance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => (table[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i += 1)
    for (let j = 1; j <= b.length; j += 1) {
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      (table[i] as number[])[j] = value;
    }
  return at(a.length, b.length);
}

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

describe('matchTier with romanisation variants', () => {
  it('ranks a variant of the name as an alias', () => {
    const kim = entityModel({ label: 'Person', id: 'kim', kind: 'PERSON', name: 'Kim Jong Un', aliases: [] });
    expect(matchTier(kim, ['kim', 'jong', 'eun'], STOP, 'eun kimjongeun jongun')).toBe(2);
    expect(matchTier(kim, ['kim', 'jong', 'eun'], STOP, null)).toBe(0);
  });
});

describe('nameSpans', () => {
  it('joins only runs with a short name part, which single-word typos cannot reach', () => {
    expect(nameSpans(['petrov', 'visit', 'velmar'])).toEqual([]);
  });
});
