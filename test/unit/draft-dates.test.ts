import { parseFuzzyDate, type FuzzyDate } from '../../src/domain/fuzzy-date';
import { findDateMentions, findPublication } from '../../src/draft/dates';
import type { DraftLanguage } from '../../src/draft/rules';
import { splitSentences } from '../../src/bundle/sentences';

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

describe('intervals, weeks and dates counted from another date', () => {
  it.each([
    ['en', 'Shoigu was in North Korea on July 25-27.', '2023-07-28', 'on July 25-27', '2023-07-25/2023-07-27'],
    ['en', 'Putin visited on June 18-19.', '2024-06-20', 'on June 18-19', '2024-06-18/2024-06-19'],
    ['pt', 'A visita decorre de 15 a 17 de janeiro.', '2024-01-17', 'de 15 a 17 de janeiro', '2024-01-15/2024-01-17'],
    ['pt', 'A votação, entre 15 e 17 de março.', '2024-03-19', 'entre 15 e 17 de março', '2024-03-15/2024-03-17'],
    // a week: Monday to Sunday of the week before publication (Friday 26 July 2024)
    ['en', 'Diplomats met last week.', '2024-07-26', 'last week', '2024-07-15/2024-07-21'],
    ['en', 'They met two weeks ago.', '2024-07-26', 'two weeks ago', '2024-07-08/2024-07-14'],
    ['pt', 'Há duas semanas, reuniram-se.', '2024-08-16', 'Há duas semanas', '2024-07-29/2024-08-04'],
    ['en', 'Earlier this month, a delegation visited.', '2024-07-26', 'Earlier this month', '2024-07-01/2024-07-25'],
    ['en', 'They signed it on Thursday night.', '2024-07-26', 'on Thursday night', '2024-07-25'],
  ] as const)('%s "%s" (published %s): "%s" is %s', (language, text, published, quote, iso) => {
    const found = datesIn(text, language, published);
    expect(found).toContainEqual(expect.objectContaining({ quote, iso, inferred: true }));
  });

  it('counts "a day earlier", "na véspera" and "three days later" from the last day given, a day before an interval', () => {
    const en = datesIn(
      'The parade was on Thursday. He was there on July 25-27. A day earlier, Kim showed him weapons. Three days later he left.',
      'en',
      '2023-07-28',
    );
    expect(en.map((date) => [date.quote, date.iso])).toEqual([
      ['on Thursday', '2023-07-27'],
      ['on July 25-27', '2023-07-25/2023-07-27'],
      ['A day earlier', '2023-07-26'],
      ['Three days later', '2023-07-29'],
    ]);
    const pt = datesIn('Chegou nesta quinta-feira. Na véspera, assinou o tratado.', 'pt', '2024-06-20');
    expect(pt.map((date) => [date.quote, date.iso])).toEqual([
      ['quinta-feira', '2024-06-20'],
      ['Na véspera', '2024-06-19'],
    ]);
  });

  it('counts "one month earlier" to the month', () => {
    const found = datesIn('They arrived on February 9. The governor came one month earlier.', 'en', '2024-02-13');
    expect(found.find((date) => date.quote === 'one month earlier')).toMatchObject({
      iso: '2024-01',
      precision: 'MONTH',
    });
  });
});

describe('the publication date the page states', () => {
  const publication = (text: string, language: DraftLanguage) => findPublication(text, splitSentences(text), language);

  it.each([
    [
      'en',
      'Headline\nBy Staff\nPublished: September 14, 2023\nVOSTOCHNY – Kim met Putin.',
      '2023-09-14',
      'publication line',
    ],
    [
      'en',
      'Headline\nBy Regional Staff | Updated Nov 20, 2024\nPYONGYANG, Nov 19 – Text.',
      '2024-11-20',
      'publication line',
    ],
    ['pt', 'Título\nPor Ana Ribeiro\n30/11/2024 às 10h05\nO ministro chegou.', '2024-11-30', 'date line'],
    ['en', 'Headline\nFeb 13, 2024\nA group flew.', '2024-02-13', 'date line'],
    ['pt', 'Título\nPyongyang, 19 de outubro de 2023 – O ministro chegou.', '2023-10-19', 'dateline'],
  ] as const)('%s: %j is %s from its %s', (language, text, iso, how) => {
    expect(publication(text, language)).toMatchObject({ iso, how });
  });

  it('takes no date from a sentence of the story', () => {
    expect(publication('Kim met Putin on September 13, 2023 in the Far East.\nThey talked.', 'en')).toBeUndefined();
  });
});
