import { matchKey } from '../../src/domain/normalize';
import { splitSentences } from '../../src/ingest/sentences';

describe('matchKey', () => {
  it('ignores case, accents, hyphens and spacing', () => {
    expect(matchKey('Kim Jong-un')).toBe(matchKey('Kim Jong Un'));
    expect(matchKey('Rússia')).toBe('russia');
    expect(matchKey('  Coreia   do Norte ')).toBe('coreia do norte');
    expect(matchKey('Agência Central de Notícias da Coreia (KCNA)')).toBe('agencia central de noticias da coreia kcna');
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
