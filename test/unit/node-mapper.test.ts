import neo4j from 'neo4j-driver';
import { toEntityModel, toEventModel, toRelationshipModel } from '../../src/repositories/node-mapper';

const evidence = JSON.stringify({ source: 's', quote: 'q', start: 0, end: 1, sentence: 0, confidence: 1 });

describe('node mapper', () => {
  it('maps an event row with driver integers and dates to plain values', () => {
    const event = toEventModel({
      labels: ['Event', 'Disputed'],
      id: 'e',
      title: 'T',
      type: 'signing',
      dateIso: '2024-06-19',
      dateYear: neo4j.int(2024),
      dateMonth: neo4j.int(6),
      dateDay: neo4j.int(19),
      datePrecision: 'DAY',
      dateEarliest: new neo4j.types.Date(2024, 6, 19),
      dateLatest: new neo4j.types.Date(2024, 6, 19),
      dateInferred: false,
      timelineKey: '2024-06-19|0|e',
      evidence: [evidence],
      disputed: true,
      claimedDates: ['2024-06-19', '2024-06-18'],
      quotes: [
        JSON.stringify({ source: 's', quote: 'words', start: 0, end: 5, sentence: 0, confidence: 1, speaker: 'p' }),
      ],
      claims: null,
    });
    expect(event).toMatchObject({
      id: 'e',
      date: {
        iso: '2024-06-19',
        year: 2024,
        month: 6,
        day: 19,
        precision: 'DAY',
        earliest: '2024-06-19',
        latest: '2024-06-19',
        inferred: false,
        note: null,
      },
      endDate: null,
      disputed: true,
      claimedDates: ['2024-06-19', '2024-06-18'],
      quotes: [{ speakerId: 'p', evidence: { quote: 'words', sourceId: 's' } }],
      evidence: [{ sourceId: 's', quote: 'q', start: 0, end: 1, sentence: 0, confidence: 1, note: null }],
      redirectIds: [],
    });
  });

  it('maps an entity by its label and refuses a node that is neither entity nor event', () => {
    expect(
      toEntityModel({
        labels: ['Entity', 'Country'],
        id: 'russia',
        kind: 'COUNTRY',
        name: 'Rússia',
        aliases: ['Russia'],
        redirectIds: ['russian-federation'],
      }),
    ).toMatchObject({
      label: 'Country',
      name: 'Rússia',
      aliases: ['Russia'],
      redirectIds: ['russian-federation'],
      evidence: [],
    });
    expect(() => toEntityModel({ labels: ['Day'], id: '2024-06-19' })).toThrow(/no entity or event label/);
    expect(() => toEventModel({ labels: ['Entity', 'Person'], id: 'p', name: 'P', kind: 'PERSON' })).toThrow(
      /expected an event/,
    );
  });

  it('maps a relationship with its role key and titles', () => {
    expect(
      toRelationshipModel({
        type: 'LED_BY',
        from: 'russia',
        to: 'putin',
        role: 'head_of_state',
        titles: ['President', 'presidente'],
        evidence: [evidence],
      }),
    ).toEqual({
      type: 'LED_BY',
      from: 'russia',
      to: 'putin',
      role: 'head_of_state',
      titles: ['President', 'presidente'],
      evidence: [{ sourceId: 's', quote: 'q', start: 0, end: 1, sentence: 0, confidence: 1, note: null }],
    });
  });
});
