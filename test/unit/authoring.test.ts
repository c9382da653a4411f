import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { locateQuotes } from '../../src/bundle/locate-quotes';
import { BundleValidationError, validateBundleInputs } from '../../src/bundle/validate-bundle';

const TEXT = 'Em 18 de julho, o líder Kim Jong Un recebeu uma delegação. A reunião durou horas.\n';

describe('seed:locate', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'locate-'));
    writeFileSync(path.join(folder, 'article.txt'), TEXT);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const bundleWith = (evidence: string) => {
    const file = path.join(folder, 'bundle.yaml');
    writeFileSync(
      file,
      `source:\n  id: test-source\n  textFile: article.txt\n  language: pt\nentities:\n  - id: kim-jong-un\n    label: Person\n    name: Kim Jong Un\n    nameEn: Kim Jong Un\n    evidence:\n      - ${evidence}\n`,
    );
    return file;
  };
  const refusal = (file: string) => {
    const before = readFileSync(file, 'utf8');
    let caught: unknown;
    try {
      locateQuotes(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BundleValidationError);
    expect(readFileSync(file, 'utf8')).toBe(before);
    return (caught as BundleValidationError).problems;
  };

  it('fills in the offsets and the sentence of a quote', () => {
    const file = bundleWith('{ quote: o líder Kim Jong Un }');
    expect(locateQuotes(file)).toBe(1);
    expect(readFileSync(file, 'utf8')).toContain('{ quote: o líder Kim Jong Un, start: 16, end: 35, sentence: 0 }');
  });

  it('refuses a quote cut short by an unquoted comma, naming the stray field', () => {
    const problems = refusal(bundleWith('{ quote: Em 18 de julho, o líder Kim Jong Un, sentence: 0 }'));
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'entities[0].evidence[0]',
        message: expect.stringMatching(/unknown field\(s\) o líder Kim Jong Un .*double quotes/),
      }),
    ]);
  });

  it('refuses a quote that runs over a sentence boundary instead of writing sentence -1', () => {
    const problems = refusal(bundleWith('{ quote: "uma delegação. A reunião" }'));
    expect(problems[0]?.message).toMatch(/runs over a sentence boundary \(sentences 0, 1\)/);
  });

  it('refuses a quote the text does not hold, and a sentence that does not exist', () => {
    expect(refusal(bundleWith('{ quote: Putin }'))[0]?.message).toMatch(/quote not found: "Putin"/);
    expect(refusal(bundleWith('{ quote: Kim Jong Un, sentence: 7 }'))[0]?.message).toMatch(
      /sentence 7 does not exist \(the text has 2/,
    );
  });
});

describe('bundle fields that are optional', () => {
  const evidence = [{ quote: 'Kim Jong Un', start: 24, end: 35, sentence: 0 }];
  const content = (language: string, entity: Record<string, unknown>) => ({
    source: { id: 'test-source', textFile: 'article.txt', language, published: { iso: '2024-07', inferred: false } },
    entities: [{ id: 'kim-jong-un', label: 'Person', name: 'Kim Jong Un', evidence, ...entity }],
  });
  const validate = (value: unknown) =>
    validateBundleInputs([{ file: 'bundle.yaml', content: value, sourceText: TEXT }]);

  it('lets an English source leave out nameEn, the source evidence and the publication evidence', () => {
    const { bundles } = validate(content('en', {}));
    expect(bundles[0]?.bundle.entities[0]?.nameEn).toBe('Kim Jong Un');
    expect(bundles[0]?.bundle.source.evidence).toEqual([]);
  });

  it('asks a Portuguese source for the English name', () => {
    expect(() => validate(content('pt', {}))).toThrow(/entities\[0\]\.nameEn: nameEn is required in a "pt" source/);
  });

  it('takes the source text inline, once', () => {
    const inline = content('en', {});
    const { textFile: _file, ...source } = inline.source;
    const withText = { ...inline, source: { ...source, text: TEXT } };
    expect(validateBundleInputs([{ file: 'bundle.yaml', content: withText }]).bundles[0]?.sourceText).toBe(TEXT);
    expect(() => validate(withText)).toThrow(/source\.text: the source text is given twice/);
    expect(() => validateBundleInputs([{ file: 'bundle.yaml', content: { ...inline, source } }])).toThrow(
      /source\.textFile: the source text is missing/,
    );
    expect(() => validateBundleInputs([{ file: 'bundle.yaml', content: inline, readFiles: false }])).toThrow(
      /source\.text: send the source text inline/,
    );
  });

  it('refuses a draft that still has its draft line', () => {
    expect(() => validate({ draft: 'review', ...content('en', {}) })).toThrow(/draft: this is a draft .* REVIEW/);
  });
});
