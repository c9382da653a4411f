import fc from 'fast-check';
import { resolveEvent, type ClaimSource, type EntityClaim, type EventClaim } from '../../src/domain/claims';
import { entityFieldsOf } from '../../src/domain/entity-fields';
import {
  diffStates,
  entityHistory,
  eventChange,
  eventHistory,
  eventStateAsOf,
  type EventHistoryInput,
  type EventLink,
} from '../../src/domain/history';

const span = (quote: string) => ({ quote, start: 0, end: quote.length, sentence: 0, confidence: 1 });
const source = (id: string, published: string | null, language = 'pt'): ClaimSource => ({ id, language, published });

function eventClaim(
  sourceId: string,
  published: string | null,
  iso: string,
  extra: Partial<EventClaim> = {},
  language = 'pt',
): EventClaim {
  const title = `title of ${sourceId}`;
  return {
    source: source(sourceId, published, language),
    bundleId: 'e',
    type: 'signing',
    title,
    titleEn: `${title} (en)`,
    description: null,
    date: { iso, inferred: true, note: null, evidence: [span(iso)] },
    endDate: null,
    reported: null,
    quotes: [],
    evidence: [span(title)],
    ...extra,
  };
}

function link(
  entityId: string,
  role: string | null,
  sources: readonly [string, string | null][],
  options: { country?: boolean; knownFrom?: string | null } = {},
): EventLink {
  return {
    entityId,
    role,
    country: options.country ?? false,
    entityKnownFrom: options.knownFrom === undefined ? '1990-01-01' : options.knownFrom,
    claims: sources.map(([id, published]) => ({
      source: source(id, published),
      title: null,
      note: null,
      evidence: [],
    })),
  };
}

/** The signing as the fixtures report it: TASS 19 June, a report of 20 June saying 18 June, the article (preferred) 19 June. */
const signing: EventHistoryInput = {
  id: 'signing',
  claims: [
    eventClaim('tass', '2024-06-19', '2024-06-19', { title: 'Treaty signed' }, 'en'),
    eventClaim('june-18', '2024-06-20', '2024-06-18'),
    eventClaim('article', '2024-07-01', '2024-06-19', { title: 'Assinatura do tratado', rank: 'preferred' }),
  ],
  participations: [
    link('putin', 'signatory', [
      ['tass', '2024-06-19'],
      ['june-18', '2024-06-20'],
    ]),
    link('kim', 'signatory', [['june-18', '2024-06-20']]),
  ],
  places: [
    link('russia-country', null, [['article', '2024-07-01']], { country: true }),
    link('pyongyang', null, [['article', '2024-07-01']]),
  ],
};

const fields = (entry: { changes: readonly { field: string }[] }) => entry.changes.map((change) => change.field);

describe('eventHistory', () => {
  it('lists one entry per source that changed the view, in publication order, the first creating the event', () => {
    const history = eventHistory(signing);
    expect(history.map((entry) => [entry.sourceId, entry.day])).toEqual([
      ['tass', '2024-06-19'],
      ['june-18', '2024-06-20'],
      ['article', '2024-07-01'],
    ]);
    expect(history[0]!.changes[0]).toEqual({
      field: 'created',
      before: null,
      after: 'signing',
      added: [],
      removed: [],
    });
    expect(history[0]!.changes).toContainEqual({
      field: 'date',
      before: null,
      after: '2024-06-19',
      added: [],
      removed: [],
    });
    expect(history[0]!.changes).toContainEqual({
      field: 'participants',
      before: null,
      after: 'putin (signatory)',
      added: ['putin (signatory)'],
      removed: [],
    });
  });

  it('shows the dispute the 18 June report opens: 18 against 19 June, the date shown unchanged', () => {
    const june18 = eventHistory(signing)[1]!;
    expect(june18.changes).toEqual([
      { field: 'disputed', before: 'false', after: 'true', added: [], removed: [] },
      {
        field: 'claimedDates',
        before: '2024-06-19',
        after: '2024-06-18; 2024-06-19',
        added: ['2024-06-18'],
        removed: [],
      },
      {
        field: 'participants',
        before: 'putin (signatory)',
        after: 'kim (signatory); putin (signatory)',
        added: ['kim (signatory)'],
        removed: [],
      },
    ]);
  });

  it('gives the preferred title and the places, the city before the country, to the article', () => {
    const article = eventHistory(signing)[2]!;
    expect(article.changes).toContainEqual({
      field: 'title',
      before: 'Treaty signed',
      after: 'Assinatura do tratado',
      added: [],
      removed: [],
    });
    expect(article.changes).toContainEqual({
      field: 'place',
      before: null,
      after: 'pyongyang; russia-country',
      added: ['pyongyang', 'russia-country'],
      removed: [],
    });
  });

  it('leaves out a source that changed nothing the event shows', () => {
    const agreeing = { ...signing, claims: [...signing.claims, eventClaim('echo', '2024-06-21', '2024-06-19')] };
    expect(eventHistory(agreeing).map((entry) => entry.sourceId)).toEqual(['tass', 'june-18', 'article']);
  });

  it('lists an undated source last, so that the last state is the current view', () => {
    const undated = {
      ...signing,
      claims: [...signing.claims, eventClaim('undated', null, '2024-05-30')],
    };
    const history = eventHistory(undated);
    expect(history.at(-1)).toMatchObject({ sourceId: 'undated', day: null });
    expect(history.at(-1)!.changes).toContainEqual(
      expect.objectContaining({ field: 'claimedDates', added: ['2024-05-30'] }),
    );
    // Not in any day's view: as of any day, the undated source is absent.
    expect(eventHistory(undated, '2099-12-31').map((entry) => entry.sourceId)).toEqual(['tass', 'june-18', 'article']);
  });

  it('stops at asOf', () => {
    expect(eventHistory(signing, '2024-06-19').map((entry) => entry.sourceId)).toEqual(['tass']);
    expect(eventHistory(signing, '2024-06-18')).toEqual([]);
  });

  it('creates the event with the first source that claims it, a participation claimed earlier included', () => {
    const early = {
      ...signing,
      claims: signing.claims.filter((claim) => claim.source.id !== 'tass'),
    };
    const history = eventHistory(early);
    expect(history[0]!.sourceId).toBe('june-18');
    expect(history[0]!.changes).toContainEqual(
      expect.objectContaining({ field: 'participants', after: 'kim (signatory); putin (signatory)' }),
    );
  });

  it('counts a participant only once its entity is known, as the as-of reads do', () => {
    const late = {
      ...signing,
      participations: [link('kim', 'signatory', [['tass', '2024-06-19']], { knownFrom: '2024-06-20' })],
    };
    const history = eventHistory(late);
    expect(history[0]!.changes).not.toContainEqual(expect.objectContaining({ field: 'participants' }));
    expect(history[1]!.changes).toContainEqual(
      expect.objectContaining({ field: 'participants', after: 'kim (signatory)' }),
    );
  });

  it("ends in the current view's title, type, date and dispute whatever the claims (property)", () => {
    const claimArbitrary = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      published: fc.option(fc.constantFrom('2024-06-19', '2024-06-20', '2024-07-01'), { nil: null }),
      iso: fc.constantFrom('2024', '2024-06', '2024-06-18', '2024-06-19', '2024-07'),
      preferred: fc.boolean(),
      type: fc.constantFrom('signing', 'summit'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(claimArbitrary, { minLength: 1, maxLength: 5, selector: (claim) => claim.id }),
        (drawn) => {
          const claims = drawn.map((claim) =>
            eventClaim(claim.id, claim.published, claim.iso, {
              type: claim.type as EventClaim['type'],
              rank: claim.preferred ? 'preferred' : 'normal',
            }),
          );
          const input = { id: 'x', claims, participations: [], places: [] };
          const history = eventHistory(input);
          const last = new Map<string, string | null>();
          for (const entry of history) for (const change of entry.changes) last.set(change.field, change.after);
          const view = resolveEvent('x', claims);
          expect(last.get('title')).toBe(view.title);
          expect(last.get('type')).toBe(view.type);
          expect(last.get('date')).toBe(view.date.iso);
          expect(last.get('disputed') ?? 'false').toBe(String(view.disputed));
          // Each entry's source really changed something, and days never go back.
          const days = history.map((entry) => entry.day ?? '9999-12-31');
          expect([...days].sort()).toEqual(days);
          expect(history.every((entry) => entry.changes.length > 0)).toBe(true);
        },
      ),
    );
  });
});

describe('eventChange', () => {
  it('finds the dispute the 18 June report opened between 19 and 20 June', () => {
    expect(eventChange(signing, '2024-06-19', '2024-06-20')).toEqual({
      kind: 'DISPUTE_OPENED',
      changes: eventHistory(signing)[1]!.changes,
      revisions: [eventHistory(signing)[1]],
    });
  });

  it('calls an event first known in the range new, and unknown by its end null', () => {
    expect(eventChange(signing, '2024-06-01', '2024-06-30')?.kind).toBe('NEW_EVENT');
    expect(eventChange(signing, '2024-06-01', '2024-06-30')?.changes[0]).toMatchObject({ field: 'created' });
    expect(eventChange(signing, '2024-06-01', '2024-06-10')).toBeNull();
  });

  it('tells a revision from a settled dispute and from a source that only agrees', () => {
    expect(eventChange(signing, '2024-06-30', '2024-07-31')?.kind).toBe('REVISED');
    const settled = {
      ...signing,
      claims: [
        eventClaim('tass', '2024-06-19', '2024-06-19'),
        eventClaim('june-18', '2024-06-20', '2024-06-18'),
        eventClaim('month', '2024-06-25', '2024-06'),
      ],
    };
    // A later correction of the 18 June report cannot retract it; a wider date does not settle it either.
    expect(eventChange(settled, '2024-06-20', '2024-06-30')?.kind).toBe('REVISED');
    const agreeing = { ...signing, claims: [...signing.claims, eventClaim('echo', '2024-08-01', '2024-06-19')] };
    expect(eventChange(agreeing, '2024-07-31', '2024-08-31')).toEqual({
      kind: 'CONFIRMED',
      changes: [],
      revisions: [],
    });
  });

  it('compares the views as of the two days', () => {
    const before = eventStateAsOf(signing, '2024-06-19');
    const after = eventStateAsOf(signing, '2024-07-01');
    expect(eventChange(signing, '2024-06-19', '2024-07-01')?.changes).toEqual(diffStates('signing', before, after!));
    expect(eventChange(signing, '2024-06-19', '2024-07-01')?.revisions.map((entry) => entry.sourceId)).toEqual([
      'june-18',
      'article',
    ]);
  });
});

describe('entityHistory', () => {
  const claim = (
    id: string,
    published: string | null,
    name: string,
    extra: Partial<EntityClaim> = {},
  ): EntityClaim => ({
    source: source(id, published),
    bundleId: id,
    label: 'Person',
    name,
    nameEn: name,
    aliases: [],
    ...entityFieldsOf({}),
    evidence: [span(name)],
    ...extra,
  });

  it('lists names, aliases and descriptions as they changed, source by source', () => {
    const history = entityHistory({
      id: 'kim-jong-un',
      claims: [
        claim('article', '2024-07-01', 'Kim Jong Un', { rank: 'preferred', description: 'líder norte-coreano' }),
        claim('tass', '2024-06-19', 'Kim Jong-un'),
        claim('echo', '2024-07-02', 'Kim Jong Un'),
      ],
    });
    expect(history.map((entry) => entry.sourceId)).toEqual(['tass', 'article']);
    expect(history[0]!.changes.map((change) => change.field)).toEqual([
      'created',
      'name',
      'nameEn',
      'aliases',
      'shortName',
    ]);
    expect(history[1]!.changes).toEqual([
      { field: 'name', before: 'Kim Jong-un', after: 'Kim Jong Un', added: [], removed: [] },
      { field: 'nameEn', before: 'Kim Jong-un', after: 'Kim Jong Un', added: [], removed: [] },
      {
        field: 'aliases',
        before: 'Kim Jong-un',
        after: 'Kim Jong-un; Kim Jong Un',
        added: ['Kim Jong Un'],
        removed: [],
      },
      { field: 'shortName', before: 'Kim Jong-un', after: 'Kim Jong Un', added: [], removed: [] },
      { field: 'description', before: null, after: 'líder norte-coreano', added: [], removed: [] },
    ]);
    expect(fields(history[1]!)).not.toContain('created');
  });
});
