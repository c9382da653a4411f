import { seedBundleInputs } from '../../src/ingest/seed-loader';
import { snapshotGraph } from '../helpers/graph';
import { startSeededTestServer, type TestServer } from '../helpers/server';

const TEXT = 'MOSCOW, June 20, 2024 - Vladimir Putin visited North Korea on June 19.';

/** Evidence for a quote of `text` (one sentence). */
const quoteIn = (text: string) => (quote: string) => {
  const start = text.indexOf(quote);
  return { quote, start, end: start + quote.length, sentence: 0 };
};

/** A wire report of the state visit under an id of its own, typed "visit", naming only Putin. */
function visitReport(): unknown {
  const at = quoteIn(TEXT);
  return {
    source: { id: 'test-wire-visit', language: 'en', title: 'Putin visits North Korea (test)', text: TEXT },
    entities: [
      { id: 'vladimir-putin', label: 'Person', name: 'Vladimir Putin', evidence: [at('Vladimir Putin')] },
      { id: 'north-korea', label: 'Country', name: 'North Korea', evidence: [at('North Korea')] },
    ],
    events: [
      {
        id: 'putin-in-pyongyang-wire',
        type: 'visit',
        title: 'Putin visits North Korea',
        date: { iso: '2024-06-19', inferred: false, evidence: [at('June 19')] },
        evidence: [at('Vladimir Putin visited North Korea on June 19')],
      },
    ],
    relationships: [
      {
        type: 'PARTICIPATED_IN',
        from: 'vladimir-putin',
        to: 'putin-in-pyongyang-wire',
        role: 'visitor',
        evidence: [at('Vladimir Putin visited')],
      },
      {
        type: 'TOOK_PLACE_IN',
        from: 'putin-in-pyongyang-wire',
        to: 'north-korea',
        evidence: [at('visited North Korea')],
      },
    ],
  };
}

describe('likely duplicates across type variants', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSeededTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a "visit" on the state visit\'s day, with one shared participant and the same place, is reported', async () => {
    const before = await snapshotGraph(server.database);
    const report = await seedBundleInputs(server.database, [{ file: 'wire', content: visitReport() }], {
      dryRun: true,
    });
    expect(report.files[0]?.change.likelyDuplicates).toEqual([
      {
        id: 'putin-in-pyongyang-wire',
        existingId: '2024-06-19-putin-state-visit-to-north-korea',
        sharedParticipants: ['vladimir-putin'],
        samePlace: 'north-korea',
      },
    ]);
    expect(await snapshotGraph(server.database)).toEqual(before);
  });

  it('a sameAs onto a signing of other agreements is loaded and reported as a conflict', async () => {
    const text = 'SEOUL, June 20, 2024 - Putin and Kim signed the partnership treaty on June 19.';
    const at = quoteIn(text);
    const bundle = {
      source: { id: 'test-wrong-merge', language: 'en', title: 'A wrong merge (test)', text },
      events: [
        {
          id: 'treaty-signing-wire',
          sameAs: '2024-06-19-cooperation-agreements-signing',
          type: 'signing',
          title: 'Putin and Kim sign the treaty',
          date: { iso: '2024-06-19', inferred: false, evidence: [at('June 19')] },
          evidence: [at('Putin and Kim signed the partnership treaty on June 19')],
        },
      ],
      relationships: [
        {
          type: 'PRODUCED',
          from: 'treaty-signing-wire',
          to: 'comprehensive-strategic-partnership-treaty',
          evidence: [at('signed the partnership treaty')],
        },
      ],
    };
    const report = await seedBundleInputs(server.database, [{ file: 'wrong', content: bundle }], { dryRun: true });
    expect(report.files[0]?.change.linkConflicts).toEqual([
      {
        eventId: '2024-06-19-cooperation-agreements-signing',
        relation: 'PRODUCED',
        ours: ['comprehensive-strategic-partnership-treaty'],
        theirs: [
          'health-care-cooperation-agreement',
          'medical-education-cooperation-agreement',
          'science-cooperation-agreement',
          'tumannaya-road-bridge-agreement',
        ],
      },
    ]);
  });
});
