import { readFileSync } from 'node:fs';
import { draftBundle } from './src/draft/draft-bundle';
import { knownNodesFromBundles, readBundles } from './src/draft/known-nodes';
const known = knownNodesFromBundles(readBundles(['seed/000_4ba673f477d783a2.yaml']).map((b) => b.bundle));
const text = readFileSync('test/fixtures/eval/dev/09-kim-vladivostok-2019.txt', 'utf8');
const d = draftBundle(text, { sourceId: 'x', textFile: 'x', language: 'en', known });
for (const e of d.events) console.log(e.type, e.date.iso, e.triggers.map((t) => t.quote + '@' + t.sentence));
