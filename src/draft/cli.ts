import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config';
import { BundleValidationError } from '../bundle/bundle-problems';
import { defaultBundleFiles } from '../ingest/seed-loader';
import { projectRoot } from '../paths';
import { DraftError, draftBundle, type Draft } from './draft-bundle';
import { renderDraftYaml } from './draft-yaml';
import { loadKnownNodesFromGraph } from './known-from-graph';
import { knownNodesFromBundles, mergeKnownNodes, readBundles, type KnownNodes } from './known-nodes';
import { correctionsOf, EVAL_CATEGORIES, evaluateText, formatEvalTable, readEvalSet, sumScores } from './evaluation';
import { draftAndMeasure, formatQualityTable } from './quality';
import { slugify } from './text-search';

/** The evaluation set: the dev half rules may be tuned on, the held-out half they never are. */
const EVAL_DIR = 'test/fixtures/eval';
const EVAL_SETS = ['dev', 'heldout'] as const;

const USAGE = `usage:
  npm run draft -- <article.txt> [--published 2024-07-19] [--language pt|en] [--out file.yaml] [--seed dir]
  npm run draft -- --quality <hand-made bundle.yaml> [--published …] [--out file.yaml] [--seed dir]
  npm run draft -- --quality [--verbose]   the evaluation set: dev and held-out figures side by side`;

/**
 * `npm run draft`: drafts a bundle from an article's text (to --out, else to standard output),
 * reusing the entities and events of the seed bundles and, when NEO4J_URI is set, of the graph.
 * With --quality, drafts the text of a hand-made bundle and prints how the draft compares.
 * Exit codes: 0 done, 1 bad arguments or input, 2 any other failure.
 */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      published: { type: 'string' },
      language: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      quality: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || positionals.length > 1 || (positionals.length === 0 && !values.quality)) {
    console.error(USAGE);
    return values.help ? 0 : 1;
  }
  const seedDir = path.resolve(values.seed ?? path.join(projectRoot(), 'seed'));
  const seedBundles = readBundles(defaultBundleFiles(seedDir)).map((item) => item.bundle);

  if (values.quality && positionals.length === 0) {
    printEvaluation(knownNodesFromBundles(seedBundles), values.verbose === true);
    return 0;
  }
  if (values.quality) {
    const handFile = path.resolve(positionals[0] as string);
    const [hand] = readBundles([handFile]).map((item) => item.bundle);
    if (!hand) throw new DraftError(`no bundle in ${handFile}`);
    // A bundle names its text as a file next to it, or holds it inline.
    const textPath = path.resolve(path.dirname(handFile), hand.source.textFile ?? path.basename(handFile));
    const text = hand.source.text ?? readFileSync(textPath, 'utf8');
    const { draft, rows } = draftAndMeasure(hand, text, seedBundles, {
      textFile: relativeTextFile(textPath, values.out),
      ...(values.published ? { published: values.published } : {}),
      ...(values.language ? { language: values.language } : {}),
    });
    if (values.out !== undefined) write(draft, values.out);
    console.log(
      `Draft of ${path.relative(process.cwd(), textPath)} against ${path.relative(process.cwd(), handFile)}:`,
    );
    console.log(formatQualityTable(rows));
    for (const row of rows) for (const missed of row.missed) console.log(`  missed ${row.category}: ${missed}`);
    return 0;
  }

  const textPath = path.resolve(positionals[0] as string);
  if (!existsSync(textPath)) throw new DraftError(`no such file: ${textPath}`);
  let known: KnownNodes = knownNodesFromBundles(seedBundles);
  const fromGraph = await loadKnownNodesFromGraph(values.published);
  if (fromGraph) known = mergeKnownNodes(known, fromGraph);
  const draft = draftBundle(readFileSync(textPath, 'utf8'), {
    sourceId: slugify(path.basename(textPath).replace(/\.[^.]+$/, '')) || 'source',
    textFile: relativeTextFile(textPath, values.out),
    ...(values.language ? { language: values.language } : {}),
    ...(values.published ? { published: values.published } : {}),
    known,
  });
  if (values.out === undefined) process.stdout.write(renderDraftYaml(draft));
  else write(draft, values.out);
  return 0;
}

/** Drafts every text of the evaluation set and prints the dev and held-out figures side by side. */
function printEvaluation(known: KnownNodes, verbose: boolean): void {
  const sets = EVAL_SETS.map((name) => {
    const items = readEvalSet(path.join(projectRoot(), EVAL_DIR, name));
    const scores = items.map((item) => ({ item, score: evaluateText(item, known).score }));
    return { name, scores, score: sumScores(scores.map(({ score }) => score)) };
  });
  console.log(`Drafts of ${EVAL_DIR}/{${EVAL_SETS.join(',')}} against their gold annotations:`);
  console.log(formatEvalTable(sets));
  for (const set of sets) {
    console.log(`\n${set.name}: corrections per text (misses and wrong items)`);
    for (const { item, score } of set.scores) {
      console.log(`  ${item.name}: ${correctionsOf(score)}`);
      if (verbose)
        for (const category of EVAL_CATEGORIES)
          for (const miss of score[category].misses) console.log(`    ${category}: ${miss}`);
    }
  }
}

/** The text's path as the bundle names it: relative to the folder the draft is written to (else the working folder). */
function relativeTextFile(textPath: string, out: string | undefined): string {
  const folder = out === undefined ? process.cwd() : path.dirname(path.resolve(out));
  return path.relative(folder, textPath).split(path.sep).join('/');
}

function write(draft: Draft, out: string): void {
  writeFileSync(out, renderDraftYaml(draft));
  const review = [...draft.notes.values()].flat().filter((line) => line.startsWith('REVIEW')).length;
  console.error(
    `Wrote ${out}: ${draft.bundle.entities.length} entities (${draft.candidates.length} new), ${draft.bundle.events.length} events (${draft.sameAs.size} sameAs), ${draft.bundle.relationships.length} relationships, ${draft.dates.length} dates; ${review} REVIEW marks.`,
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof BundleValidationError) {
      console.error(error.message);
      process.exit(1);
    }
    if (
      error instanceof DraftError ||
      error instanceof ConfigError ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      console.error(`${(error as Error).message}\n${USAGE}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(2);
  },
);
