import fc from 'fast-check';
import { matchKey } from '../../src/domain/normalize';
import { splitSentences } from '../../src/bundle/sentences';

describe('matchKey', () => {
  it('ignores case, accents, hyphens and spacing', () => {
    expect(matchKey('Kim Jong-un')).toBe(matchKey('Kim Jong Un'));
    expect(matchKey('Rússia')).toBe('russia');
    expect(matchKey('  Coreia   do Norte ')).toBe('coreia do norte');
    expect(matchKey('Agência Central de Notícias da Coreia (KCNA)')).toBe('agencia central de noticias da coreia kcna');
  });

  it('gives plain ASCII the same key as the Unicode path does', () => {
    const unicodeKey = (name: string) =>
      name
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((code) => String.fromCharCode(code)) });
    fc.assert(
      fc.property(ascii, (name) => matchKey(name) === unicodeKey(name)),
      { numRuns: 2000 },
    );
    expect(matchKey('Kim Jong-un (KCNA), 2024!')).toBe('kim jong un kcna 2024');
  });

  it('keeps different names apart', () => {
    expect(matchKey('Kim Jong Un')).not.toBe(matchKey('Kim Jong Il'));
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends and line breaks, with offsets into the text', () => {
    const text = 'Em 18 de julho, Kim recebeu. (Fonte: KCNA) |\nFonte: https://example.org/a.html\n';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'Em 18 de julho, Kim recebeu.',
      '(Fonte: KCNA) |',
      'Fonte: https://example.org/a.html',
    ]);
    for (const sentence of sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });
});

describe('splitSentences keeps together what is one sentence', () => {
  const texts = (text: string) => splitSentences(text).map((sentence) => sentence.text);

  it('keeps quoted speech with its frame, and ends a sentence that a quote closes', () => {
    expect(
      texts('"The talks were more challenging. Against all odds, we agreed," Putin said. The bridge follows.'),
    ).toEqual(['"The talks were more challenging. Against all odds, we agreed," Putin said.', 'The bridge follows.']);
    expect(texts('Ele disse: “Foi difícil. Mas assinámos.” Depois partiu.')).toEqual([
      'Ele disse: “Foi difícil. Mas assinámos.”',
      'Depois partiu.',
    ]);
    expect(texts('"Yes!" he said. Then he left.')).toEqual(['"Yes!" he said.', 'Then he left.']);
  });

  it('does not end a sentence after an abbreviation or initials', () => {
    expect(texts('O Sr. Silva e a Dra. Costa chegaram. The U.S. envoy met Mr. Kim. J. Smith left.')).toEqual([
      'O Sr. Silva e a Dra. Costa chegaram.',
      'The U.S. envoy met Mr. Kim.',
      'J. Smith left.',
    ]);
  });

  it('does not end a sentence before a word in lower case', () => {
    expect(texts('It lasted approx. ten hours, i.e. all day. Done.')).toEqual([
      'It lasted approx. ten hours, i.e. all day.',
      'Done.',
    ]);
  });

  it('splits a line whose quote stays open (it closes in a later paragraph) as if it had none', () => {
    expect(texts('He said "it was hard. Really.\nNext line.')).toEqual([
      'He said "it was hard.',
      'Really.',
      'Next line.',
    ]);
  });

  it('does not end a sentence after an abbreviated month before a number, and does elsewhere', () => {
    expect(texts('Talks began on Jan. 5 in Moscow. They ended in Jan. The ministers left.')).toEqual([
      'Talks began on Jan. 5 in Moscow.',
      'They ended in Jan.',
      'The ministers left.',
    ]);
  });
});
