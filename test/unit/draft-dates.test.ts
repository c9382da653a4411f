import { parseFuzzyDate, type FuzzyDate } from '../../src/domain/fuzzy-date';
import { findDateMentions } from '../../src/draft/dates';
import type { DraftLanguage } from '../../src/draft/rules';
import { splitSentences } from '../../src/ingest/sentences';

function datesIn(text: string, language: DraftLanguage, published: string) {
  return findDateMentions(text, splitSentences(text), language, parseFuzzyDate(published) as FuzzyDate);
}

describe('date expressions resolved against the publication date', () => {
  it.each([
    ['pt', 'Em 18 de julho, Kim recebeu a delegação.', '2024-07', 'Em 18 de julho', '2024-07-18', 'DAY', true],
    [
      'pt',
      'Mais cedo, em 8 de julho, a delegação visitou a Rússia.',
      '2024-07',
      'em 8 de julho',
      '2024-07-08',
      'DAY',
      true,
    ],
    ['pt', 'Ele destacou a cúpula em junho passado.', '2024-07', 'em junho passado', '2024-06', 'MONTH', true],
    ['pt', 'Ele destacou a cúpula em junho passado.', '2024-06-20', 'em junho passado', '2023-06', 'MONTH', true],
    ['pt', 'A troca de oficiais nos últimos tempos.', '2024-07', 'nos últimos tempos', '2024', 'YEAR', true],
    ['pt', 'O tratado assinado em 2000.', '2024-07', 'em 2000', '2000', 'YEAR', false],
    ['pt', 'Moscovo, 20 de junho de 2024.', '2024-06-20', '20 de junho de 2024', '2024-06-20', 'DAY', false],
    [
      'en',
      'Putin and Kim signed the treaty on Wednesday, TASS reported.',
      '2024-06-19',
      'on Wednesday',
      '2024-06-19',
      'DAY',
      true,
    ],
    ['en', 'Putin and Kim signed the treaty on Wednesday.', '2024-06-21', 'on Wednesday', '2024-06-19', 'DAY', true],
    ['en', 'They met on 19 June 2024 in Pyongyang.', '2024-07', 'on 19 June 2024', '2024-06-19', 'DAY', false],
    ['en', 'PYONGYANG, June 19, 2024 (TASS).', '2024-06-19', 'June 19, 2024', '2024-06-19', 'DAY', false],
    ['en', 'Exchanges have grown recently.', '2024-06-19', 'recently', '2024', 'YEAR', true],
    ['en', 'The treaty Moscow and Pyongyang signed in 2000.', '2024-06-19', 'in 2000', '2000', 'YEAR', false],
    ['en', 'The summit last June was a success.', '2024-07-02', 'last June', '2024-06', 'MONTH', true],
  ] as const)(
    '%s "%s" published %s: "%s" is %s (%s, inferred %s)',
    (language, text, published, quote, iso, precision, inferred) => {
      const date = datesIn(text, language, published).find((found) => found.quote === quote);
      expect(date).toMatchObject({ iso, precision, inferred });
      expect(text.slice(date?.start, date?.end)).toBe(quote);
      if (inferred) expect(date?.note).toEqual(expect.any(String));
    },
  );

  it('dates a day without a year in the year before when it falls after the publication date', () => {
    const [date] = datesIn('Em 28 de dezembro, Kim recebeu a delegação.', 'pt', '2024-01-05');
    expect(date).toMatchObject({ iso: '2023-12-28', inferred: true });
  });

  it('numbers each date by the sentence that holds it', () => {
    const text = 'Em 18 de julho, Kim recebeu a delegação.\nEm 19 de junho, Putin visitou Pyongyang.';
    expect(datesIn(text, 'pt', '2024-07').map((date) => [date.quote, date.sentence])).toEqual([
      ['Em 18 de julho', 0],
      ['Em 19 de junho', 1],
    ]);
  });
});
