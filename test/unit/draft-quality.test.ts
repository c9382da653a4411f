import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DRAFT_INSTRUCTION } from '../../src/draft/draft-bundle';
import { renderDraftYaml } from '../../src/draft/draft-yaml';
import { knownNodesFromBundles, readBundles } from '../../src/draft/known-nodes';
import { defaultBundleFiles } from '../../src/ingest/seed-loader';
import { draftAndMeasure, precisionOf, recallOf, type QualityRow } from '../../src/draft/quality';
import { draftBundle } from '../../src/draft/draft-bundle';
import { validateBundleInputs } from '../../src/bundle/validate-bundle';
import { reviewDraft } from '../helpers/review-draft';

const ROOT = path.resolve(__dirname, '../..');
const seedBundles = readBundles(defaultBundleFiles(path.join(ROOT, 'seed'))).map((item) => item.bundle);
const articleFile = path.join(ROOT, 'seed/000_4ba673f477d783a2.yaml');
const [article] = readBundles([articleFile]).map((item) => item.bundle);
const articleText = readFileSync(path.join(ROOT, 'seed/sources/000_4ba673f477d783a2.txt'), 'utf8');

/** The draft as a person loads it after review: no `draft:` line, titles written. */
function reviewed(yamlText: string): unknown {
  return reviewDraft(parse(yamlText) as Record<string, unknown>);
}

/** The draft minus only its `draft:` line: its drafted titles are still the clauses. */
function draftLineDeleted(yamlText: string): unknown {
  const { draft: _mark, ...content } = parse(yamlText) as Record<string, unknown>;
  return content;
}

describe('a draft of the first article, measured against its hand-made bundle', () => {
  if (!article) throw new Error('the seed bundle is missing');
  const { draft, rows } = draftAndMeasure(article, articleText, seedBundles, {
    textFile: 'sources/000_4ba673f477d783a2.txt',
    published: '2024-07',
    language: 'pt',
  });
  const row = (category: QualityRow['category']) => rows.find((item) => item.category === category) as QualityRow;

  // Measured: mentions 26/26 found, 35/38 confirmed; dates 8/9, 6/6; events 8/9, 8/10.
  it.each([
    ['known-entity mentions', 0.9, 0.85],
    ['dates', 0.8, 0.9],
    ['events', 0.6, 0.7],
  ] as const)('finds %s with recall ≥ %d and precision ≥ %d', (category, recall, precision) => {
    expect(recallOf(row(category))).toBeGreaterThanOrEqual(recall);
    expect(precisionOf(row(category))).toBeGreaterThanOrEqual(precision);
  });

  it('is YAML that is refused until its drafted titles are written, then passes the bundle validation', () => {
    const yamlText = renderDraftYaml(draft);
    expect(parse(yamlText).draft).toBe(DRAFT_INSTRUCTION);
    expect(yamlText).toContain('# [4] Kim Jong Un destacou');
    expect(yamlText).toContain('REVIEW');
    expect(() =>
      validateBundleInputs([{ file: 'draft.yaml', content: draftLineDeleted(yamlText), sourceText: articleText }]),
    ).toThrow(/events\[0\]\.title: a drafted title/);
    expect(() =>
      validateBundleInputs([{ file: 'draft.yaml', content: reviewed(yamlText), sourceText: articleText }]),
    ).not.toThrow();
  });

  it('proposes no sameAs when the article’s own events are withheld', () => {
    expect(draft.sameAs.size).toBe(0);
  });
});

describe('a draft of the English TASS report', () => {
  const text = readFileSync(path.join(ROOT, 'test/fixtures/sources/tass-treaty-report.txt'), 'utf8');
  const draft = draftBundle(text, {
    sourceId: 'tass-report-draft',
    textFile: 'sources/tass-treaty-report.txt',
    known: knownNodesFromBundles(seedBundles),
  });

  it('detects English and takes the publication date from the dateline', () => {
    expect(draft.language).toBe('en');
    expect(draft.bundle.source.published).toMatchObject({ iso: '2024-06-19', inferred: false });
  });

  it('resolves "on Wednesday" against the dateline, June 19, 2024', () => {
    expect(draft.dates.find((date) => date.quote === 'on Wednesday')).toMatchObject({
      iso: '2024-06-19',
      precision: 'DAY',
      inferred: true,
    });
  });

  it('calls its signing the same as the article’s, and finds its talks and Putin’s statement', () => {
    const signing = draft.bundle.events.find((event) => event.type === 'signing' && event.date.iso === '2024-06-19');
    expect(signing?.sameAs).toBe('2024-06-19-partnership-treaty-signing');
    expect(draft.bundle.events.map((event) => `${event.type} ${event.date.iso}`)).toEqual(
      expect.arrayContaining(['talks 2024-06-19', 'statement 2024-06-19']),
    );
    expect(draft.bundle.relationships).toContainEqual(
      expect.objectContaining({ type: 'PARTICIPATED_IN', from: 'vladimir-putin', role: 'speaker' }),
    );
  });

  it('passes the bundle validation once its draft line is deleted and its titles written', () => {
    const content = reviewed(renderDraftYaml(draft));
    expect(() => validateBundleInputs([{ file: 'draft.yaml', content, sourceText: text }])).not.toThrow();
  });
});
