import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page, Request } from 'playwright-core';
import { BENCH_NEO4J_DEFAULTS, readToolConfig } from '../src/config';
import { draftBundle, type Draft, type DraftBundle } from '../src/draft/draft-bundle';
import { renderDraftYaml } from '../src/draft/draft-yaml';
import { readEvalSet, type EvalText, type Gold } from '../src/draft/evaluation';
import { findKnownNodesAround } from '../src/draft/known-from-graph';
import { slugify } from '../src/draft/text-search';
import { createLocalNeo4j } from '../src/localdb/create';
import { findFreePort } from '../src/localdb/ports';
import { launchChromium } from '../test/helpers/chromium';
import { selectWords } from '../test/helpers/select-words';
import { startSeededTestServer, type TestServer } from '../test/helpers/server';
import { ROOT } from './lib/service';

/**
 * How long an author takes from a pasted text to a correct load, in the workbench and in a text
 * editor, on held-out texts of the drafter's evaluation set. A scripted author who knows the
 * text's gold annotation works the real page in Chromium (clicks, selections, typing; the state it
 * reads is what the page shows), loads, and the graph is checked against the gold. The editor's
 * work is the edit that turns the draft's YAML into the same bundle's YAML (a line diff). Both are
 * turned into minutes by the keystroke-level model (Card, Moran & Newell), since no person was
 * timed: the figures compare the two ways of working, they are not a stopwatch.
 *
 *   npm run bench:authoring [-- --texts 01-vostochny-summit,02-lavrov-pyongyang] [--out docs/bench/authoring.json]
 */

const KEY = 'bench-authoring-key-0123456789abcdef01';
const HELDOUT = path.join(ROOT, 'test/fixtures/eval/heldout');
const DEFAULT_TEXTS = ['01-vostochny-summit', '02-lavrov-pyongyang', '03-choe-in-moscow', '04-shoigu-pyongyang'];

/** Keystroke-level model operators, seconds (Card, Moran & Newell 1980; K for a 40 wpm typist). */
const KLM = { keystroke: 0.28, point: 1.1, click: 0.2, home: 0.4, mental: 1.35 };
/** Careful reading speed, words per minute: both ways of working read the text once. */
const READING_WPM = 200;

interface Counts {
  decisions: number;
  clicks: number;
  keystrokes: number;
  /** Fields typed into (each costs a hand move from mouse to keyboard). */
  typedFields: number;
  /** Wall time of the draft, dry run and load answers, seconds. */
  serverSeconds: number;
}

interface TextResult {
  text: string;
  words: number;
  correct: boolean;
  mismatches: string[];
  workbench: Counts & { minutes: number };
  editor: { reviewMarks: number; hunks: number; typedCharacters: number; deletedLines: number; minutes: number };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { texts: { type: 'string' }, out: { type: 'string', default: 'docs/bench/authoring.json' } },
  });
  const names = values.texts ? values.texts.split(',') : DEFAULT_TEXTS;
  const texts = readEvalSet(HELDOUT).filter((item) => names.includes(item.name));
  if (texts.length !== names.length)
    throw new UsageError(
      `unknown text among ${names.join(', ')}: the held-out texts are in ${path.relative(process.cwd(), HELDOUT)}`,
    );

  const config = readToolConfig(BENCH_NEO4J_DEFAULTS);
  const neo4j = createLocalNeo4j(config, {
    name: 'bench-authoring',
    boltPort: await findFreePort(),
    httpPort: await findFreePort(),
  });
  await neo4j.start();
  const server = await startSeededTestServer({
    NEO4J_URI: neo4j.boltUri,
    NEO4J_USER: config.neo4j.user,
    ...(config.neo4j.password ? { NEO4J_PASSWORD: config.neo4j.password } : {}),
    INGEST_API_KEYS: `bench:${KEY}`,
  });
  const browser = await launchChromium();
  const results: TextResult[] = [];
  try {
    for (const item of texts) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        results.push(await authorOne(page, server, item));
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await neo4j.stop();
  }
  printTable(results);
  mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify({ klm: KLM, readingWpm: READING_WPM, results }, null, 2)}\n`);
}

/** One text, paste to correct load, in the workbench; then the same bundle reached in an editor. */
async function authorOne(page: Page, server: TestServer, item: EvalText): Promise<TextResult> {
  const counts: Counts = { decisions: 0, clicks: 0, keystrokes: 0, typedFields: 0, serverSeconds: 0 };
  const click = async (selector: string) => {
    counts.clicks += 1;
    await page.click(selector);
  };
  const type = async (selector: string, value: string) => {
    counts.typedFields += 1;
    counts.keystrokes += value.length + 1; // and Tab
    await page.fill(selector, value);
    await page.press(selector, 'Tab');
  };
  const choose = async (selector: string, value: string | { index: number }) => {
    counts.clicks += 2; // open the menu, pick
    await page.locator(selector).selectOption(value);
  };
  const timed = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const result = await work();
    counts.serverSeconds += (performance.now() - started) / 1000;
    return result;
  };

  await page.goto(`${server.base}/author`);
  await page.fill('#key', KEY);
  await page.press('#key', 'Tab');
  await page.fill('#text', item.text); // a paste
  counts.keystrokes += 1;
  await timed(async () => {
    await click('#draft-button');
    await page.locator('#review:not([hidden])').waitFor();
  });

  const gold = item.gold;
  const goldIds = goldEntityIds(gold);
  const state = () =>
    page.evaluate(() => JSON.parse(localStorage.getItem('author-workbench') ?? 'null')) as Promise<PageState>;
  const selectItem = (key: string) => click(`#items li[data-key="${key}"]`);
  const decide = async (key: string, decision: 'accept' | 'reject') => {
    await selectItem(key);
    await click(`#editor button[data-action="${decision}"]`);
  };

  // Entities and the source: keep what the gold names (with its label), reject the rest.
  for (const entry of (await state()).items) {
    if (entry.kind === 'source' && entry.decision === 'pending') await decide(entry.key, 'accept');
    if (entry.kind !== 'entity') continue;
    const label = goldIds.get(entry.data.id);
    if (label === undefined) {
      await decide(entry.key, 'reject');
      continue;
    }
    if (label !== 'known' && label !== entry.data.label) {
      await selectItem(entry.key);
      await choose('#editor select[data-field="label"]', label);
    } else if (entry.decision === 'pending') await decide(entry.key, 'accept');
  }

  // Events: each gold event takes the drafted event of its type nearest in the text; the rest go.
  const drafted = (await state()).items.filter((entry) => entry.kind === 'event');
  const matched = new Map<string, Gold['events'][number]>();
  for (const event of gold.events) {
    const candidate = drafted.find((entry) => entry.data.type === event.type && !matched.has(entry.data.id));
    if (candidate) matched.set(candidate.data.id, event);
  }
  for (const entry of drafted) {
    const event = matched.get(entry.data.id);
    if (!event) {
      await decide(entry.key, 'reject');
      continue;
    }
    await selectItem(entry.key);
    const title = titleOf(event, gold);
    await type('#editor [data-field="title"]', title.pt);
    await type('#editor [data-field="titleEn"]', title.en);
    if (entry.data.date.iso !== event.date) {
      const doc = (await state()).doc;
      const index = doc.dates.findIndex((date) => date.iso === event.date);
      if (index >= 0) await choose('#editor select[data-field="date"]', String(index));
      else await type('#editor [data-field="dateIso"]', event.date);
    }
  }

  // A gold event the draft missed: its date's words selected in the text, added as an event of its type.
  const found = new Set(matched.values());
  for (const event of gold.events.filter((candidate) => !found.has(candidate))) {
    const quote = gold.dates.find((date) => date.iso === event.date)?.quote;
    if (quote === undefined) throw new Error(`${item.name}: no words of the text date the missed ${event.type}`);
    counts.clicks += 1; // the drag that selects the words
    await selectWords(page, quote);
    await choose('#selection-type', event.type);
    await click('#add-event');
    const id = (await page.getAttribute('#items li.selected', 'data-id')) as string;
    matched.set(id, event);
    const title = titleOf(event, gold);
    await type('#editor [data-field="title"]', title.pt);
    await type('#editor [data-field="titleEn"]', title.en);
  }

  // Links: keep the drafted ones the gold confirms, reject the others, add what is missing.
  const entities = (await state()).items.filter((entry) => entry.kind === 'entity' && entry.decision !== 'rejected');
  const present = new Set<string>();
  for (const entry of (await state()).items) {
    if (entry.kind !== 'relationship') continue;
    const event = matched.get(entry.data.to) ?? matched.get(entry.data.from);
    const ends = [entry.data.from, entry.data.to];
    if (!event || entities.every((entity) => !ends.includes(entity.data.id))) continue; // dropped with its end
    const eventId = matched.has(entry.data.to) ? entry.data.to : entry.data.from;
    const wanted =
      entry.data.type === 'TOOK_PLACE_IN'
        ? event.place === entry.data.to
        : event.participants[entry.data.from] === entry.data.role ||
          (entry.data.role === 'host' && event.place === entry.data.from);
    if (wanted) {
      present.add(`${eventId}|${entry.data.type === 'TOOK_PLACE_IN' ? 'place' : entry.data.from}`);
      if (entry.decision === 'pending') await decide(entry.key, 'accept');
    } else await decide(entry.key, 'reject');
  }
  for (const entry of (await state()).items.filter((candidate) => candidate.kind === 'event')) {
    const event = matched.get(entry.data.id);
    if (!event) continue;
    const missing = Object.entries(event.participants).filter(([id]) => !present.has(`${entry.data.id}|${id}`));
    const placeMissing =
      event.place !== undefined &&
      !present.has(`${entry.data.id}|place`) &&
      !present.has(`${entry.data.id}|${event.place}`);
    if (missing.length === 0 && !placeMissing) continue;
    await selectItem(entry.key);
    for (const [id, role] of missing) await addLink(id, 'PARTICIPATED_IN', role);
    if (placeMissing) await addLink(event.place as string, 'TOOK_PLACE_IN');
  }
  async function addLink(entityId: string, type: string, role?: string) {
    await choose('#editor select[data-field="link-entity"]', entityId);
    await choose('#editor select[data-field="link-type"]', type);
    if (role) await choose('#editor select[data-field="link-role"]', role);
    await click('#editor button[data-action="add-link"]');
  }

  const pending = await page.locator('#items li.pending').count();
  if (pending > 0) throw new Error(`${item.name}: ${pending} item(s) left undecided by the scripted author`);
  await timed(async () => {
    await click('#dry-run-button');
    await page.locator('#dry-run-status.ok, #dry-run-status.error').waitFor();
  });
  if (await page.locator('#dry-run-status.error').count())
    throw new Error(
      `${item.name}: dry run refused: ${await page.textContent('#dry-run-status')} ${await page.textContent('#items')}`,
    );
  const [load] = await Promise.all([
    page.waitForRequest((request: Request) => request.url().endsWith('/bundles') && request.method() === 'POST'),
    timed(async () => {
      await click('#load-button');
      await page.locator('#load-status.ok, #load-status.error').waitFor();
    }),
  ]);
  const status = await page.textContent('#load-status');
  if (!status?.startsWith('Loaded')) throw new Error(`${item.name}: load refused: ${status}`);
  counts.decisions = await decisionsShown(page);

  const bundle = (JSON.parse(load.postData() ?? '{}') as { bundle: DraftBundle & { source: { text?: string } } })
    .bundle;
  const mismatches = await checkAgainstGold(server, bundle, gold, matched);
  await fetch(`${server.base}/bundles/${bundle.source.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${KEY}` },
  });

  const editor = await editorWork(server, item, bundle);
  const words = item.text.split(/\s+/).filter(Boolean).length;
  const reading = (words / READING_WPM) * 60;
  const workbenchSeconds =
    reading +
    counts.decisions * KLM.mental +
    counts.clicks * (KLM.point + KLM.click) +
    counts.keystrokes * KLM.keystroke +
    counts.typedFields * 2 * KLM.home +
    counts.serverSeconds;
  return {
    text: item.name,
    words,
    correct: mismatches.length === 0,
    mismatches,
    workbench: { ...counts, minutes: round(workbenchSeconds / 60) },
    editor: { ...editor, minutes: round((reading + editor.seconds) / 60) },
  };
}

/** The decisions the page counted (its progress line; the load has cleared its storage). */
async function decisionsShown(page: Page): Promise<number> {
  const progress = (await page.textContent('#progress')) ?? '';
  return Number(/(\d+) decision/.exec(progress)?.[1] ?? 0);
}

/** The bundle the page sent to load: the loader's format, the text inline. */
type LoadedBundle = Omit<DraftBundle, 'source'> & {
  source: Omit<DraftBundle['source'], 'textFile'> & { text?: string; textFile?: string };
};

interface PageState {
  doc: { dates: { iso: string }[] };
  items: {
    key: string;
    kind: string;
    decision: string;
    data: { id: string; label: string; type: string; from: string; to: string; role?: string; date: { iso: string } };
  }[];
}

/** Gold entity ids: the known ones, and the new ones by the slug of their names, with their labels. */
function goldEntityIds(gold: Gold): Map<string, string> {
  const ids = new Map<string, string>();
  for (const known of gold.known) ids.set(known.id, 'known');
  for (const fresh of gold.new) ids.set(slugify(fresh.name), fresh.label);
  return ids;
}

/** A title an author would write: the type and who took part (about the length of real titles). */
function titleOf(event: Gold['events'][number], gold: Gold): { pt: string; en: string } {
  const names = Object.keys(event.participants).map(
    (id) =>
      gold.new.find((fresh) => slugify(fresh.name) === id)?.name ??
      id
        .split('-')
        .map((word) => word[0]?.toUpperCase() + word.slice(1))
        .join(' '),
  );
  return { pt: `${event.type} — ${names.join(' e ')}`, en: `${event.type} — ${names.join(' and ')}` };
}

/** What the loaded graph says of each gold event, against the gold: empty when it is right. */
async function checkAgainstGold(
  server: TestServer,
  bundle: LoadedBundle,
  gold: Gold,
  matched: Map<string, Gold['events'][number]>,
): Promise<string[]> {
  const problems: string[] = [];
  if (bundle.events.length !== gold.events.length)
    problems.push(`${bundle.events.length} events loaded, gold has ${gold.events.length}`);
  for (const [id, event] of matched) {
    const { body } = await server.graphql(
      `query ($id: ID!) { event(id: $id) { type date { iso } place { id } participants { entity { id } role } } }`,
      { id },
    );
    const stored = body.data?.event as {
      type: string;
      date: { iso: string };
      place: { id: string } | null;
      participants: { entity: { id: string }; role: string }[];
    } | null;
    if (!stored) {
      problems.push(`${id}: not in the graph`);
      continue;
    }
    if (stored.type !== event.type || stored.date.iso !== event.date)
      problems.push(`${id}: ${stored.type} ${stored.date.iso}, gold ${event.type} ${event.date}`);
    const roles = Object.fromEntries(
      stored.participants.map((participant) => [participant.entity.id, participant.role]),
    );
    for (const [entity, role] of Object.entries(event.participants))
      if (roles[entity] !== role) problems.push(`${id}: ${entity} is ${roles[entity] ?? 'absent'}, gold ${role}`);
    const place =
      stored.place?.id ?? Object.keys(roles).find((entity) => roles[entity] === 'host' && entity === event.place);
    if (event.place !== undefined && place !== event.place)
      problems.push(`${id}: place ${place ?? 'none'}, gold ${event.place}`);
  }
  return problems;
}

/**
 * The editor's work to turn the draft's YAML into the loaded bundle's YAML: each changed place
 * (hunk) is found (point, click, think), its new lines typed, its old lines selected and deleted.
 */
async function editorWork(server: TestServer, item: EvalText, bundle: LoadedBundle) {
  const known = await findKnownNodesAround(server.database, bundle.source.published?.iso);
  const options = { sourceId: bundle.source.id, textFile: `${item.name}.txt`, known };
  const draft: Draft = draftBundle(item.text, options);
  const { text: _text, textFile: _file, id, ...source } = bundle.source;
  const final = renderDraftYaml({
    ...draft,
    bundle: { ...bundle, source: { id, textFile: options.textFile, ...source } } as never,
    notes: new Map(),
  });
  const hunks = lineDiff(renderDraftYaml(draft).split('\n'), final.split('\n'));
  const reviewMarks = [...draft.notes.values()].flat().filter((line) => line.startsWith('REVIEW')).length;
  const typedCharacters = hunks.reduce((sum, hunk) => sum + typedIn(hunk), 0);
  const deletedLines = hunks.reduce((sum, hunk) => sum + hunk.deleted.length, 0);
  const seconds =
    hunks.length * (KLM.mental + KLM.point + KLM.click) +
    hunks.filter((hunk) => hunk.deleted.length > 0).length * (KLM.point + KLM.click + KLM.keystroke) +
    typedCharacters * KLM.keystroke +
    // offsets worked out by `npm run seed:locate`, then a dry run: two commands typed and read
    2 * (KLM.mental + 45 * KLM.keystroke);
  return { reviewMarks, hunks: hunks.length, typedCharacters, deletedLines, seconds };
}

/** Characters typed to make a hunk's new lines: a changed line costs only what differs from the old one. */
function typedIn(hunk: { deleted: string[]; added: string[] }): number {
  return hunk.added.reduce((sum, line, index) => {
    const old = hunk.deleted[index];
    if (old === undefined) return sum + line.trim().length + 1;
    let prefix = 0;
    while (prefix < line.length && line[prefix] === old[prefix]) prefix++;
    let suffix = 0;
    while (suffix < line.length - prefix && line[line.length - 1 - suffix] === old[old.length - 1 - suffix]) suffix++;
    return sum + line.length - prefix - suffix;
  }, 0);
}

/** Hunks of a line diff (longest common subsequence): the lines deleted and added at each place. */
function lineDiff(before: readonly string[], after: readonly string[]): { deleted: string[]; added: string[] }[] {
  const rows = before.length;
  const cols = after.length;
  const lcs: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--)
    for (let j = cols - 1; j >= 0; j--)
      (lcs[i] as number[])[j] =
        before[i] === after[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, lcs[i]?.[j + 1] ?? 0);
  const hunks: { deleted: string[]; added: string[] }[] = [];
  let current: { deleted: string[]; added: string[] } | undefined;
  let i = 0;
  let j = 0;
  while (i < rows || j < cols) {
    if (i < rows && j < cols && before[i] === after[j]) {
      current = undefined;
      i++;
      j++;
      continue;
    }
    current ??= hunks[hunks.push({ deleted: [], added: [] }) - 1];
    if (j < cols && (i === rows || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0)))
      current?.added.push(after[j++] as string);
    else current?.deleted.push(before[i++] as string);
  }
  return hunks;
}

function printTable(results: readonly TextResult[]): void {
  console.log(
    '| text | words | correct load | workbench: decisions · clicks · keystrokes | workbench min | editor: REVIEW marks · places edited · characters typed · lines deleted | editor min | ratio |',
  );
  console.log('| --- | ---: | --- | --- | ---: | --- | ---: | ---: |');
  for (const result of results) {
    const { workbench: w, editor: e } = result;
    console.log(
      `| ${result.text} | ${result.words} | ${result.correct ? 'yes' : `no: ${result.mismatches.join('; ')}`} | ${w.decisions} · ${w.clicks} · ${w.keystrokes} | ${w.minutes} | ${e.reviewMarks} · ${e.hunks} · ${e.typedCharacters} · ${e.deletedLines} | ${e.minutes} | ${round(e.minutes / w.minutes)}× |`,
    );
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A wrong flag or text name: said in a line with the usage, not as a stack trace. */
class UsageError extends Error {}

const USAGE = 'usage: npm run bench:authoring [-- --texts 01-vostochny-summit,02-lavrov-pyongyang] [--out file.json]';

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    console.error(usage ? `${(error as Error).message}\n${USAGE}` : error);
    process.exit(1);
  },
);
