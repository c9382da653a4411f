import { entityFieldsOf } from '../../src/domain/entity-fields';
import fc from 'fast-check';
import {
  decodeEntityClaim,
  encodeClaim,
  rankClaims,
  resolveDate,
  resolveEntity,
  resolveEvent,
  resolveRelationship,
  type ClaimSource,
  type EntityClaim,
  type EventClaim,
} from '../../src/domain/claims';

const span = (quote: string) => ({ quote, start: 0, end: quote.length, sentence: 0, confidence: 1 });
const source = (id: string, published: string | null, language = 'pt'): ClaimSource => ({ id, language, published });
const dated = (id: string, iso: string, published: string | null = null, inferred = true) => ({
  source: source(id, published),
  date: { iso, inferred, note: inferred ? `note of ${id}` : null, evidence: [span(iso)] },
});

function entityClaim(
  sourceId: string,
  published: string | null,
  name: string,
  language = 'pt',
  extra: Partial<EntityClaim> = {},
): EntityClaim {
  return {
    source: source(sourceId, published, language),
    bundleId: `${sourceId}-id`,
    label: 'Person',
    name,
    nameEn: `${name} (en)`,
    aliases: [],
    ...entityFieldsOf({}),
    evidence: [span(name)],
    ...extra,
  };
}

function eventClaim(
  sourceId: string,
  published: string | null,
  iso: string,
  title = `title of ${sourceId}`,
): EventClaim {
  return {
    source: source(sourceId, published),
    bundleId: 'e',
    type: 'signing',
    title,
    titleEn: `${title} (en)`,
    description: null,
    date: { iso, inferred: true, note: null, evidence: [span(iso)] },
    endDate: null,
    reported: published ? { iso: published, inferred: false, note: null } : null,
    quotes: [],
    evidence: [span(title)],
  };
}

describe('rankClaims', () => {
  it('puts the earliest-published source first, unknown publication last, ties by source id', () => {
    const ranked = rankClaims([
      dated('c', '2024'),
      dated('b', '2024', '2024-07-01'),
      dated('a', '2024', '2024-07-01'),
      dated('d', '2024', '2024-06-19'),
    ]);
    expect(ranked.map((claim) => claim.source.id)).toEqual(['d', 'a', 'b', 'c']);
  });
});

describe('resolveDate', () => {
  it('shows the most precise date that overlapping claims agree on', () => {
    const { date, disputed } = resolveDate([dated('a', '2024'), dated('b', '2024-06'), dated('c', '2024-06-19')]);
    expect(disputed).toBe(false);
    expect(date).toMatchObject({ iso: '2024-06-19', precision: 'DAY', inferred: true, note: 'note of c' });
  });

  it('is not inferred when one source of the shown date states its year', () => {
    const { date } = resolveDate([dated('a', '2024-06-19'), dated('b', '2024-06-19', null, false)]);
    expect(date).toMatchObject({ iso: '2024-06-19', inferred: false, note: null });
  });

  it('disputes dates that do not overlap and shows the best-supported one', () => {
    const { date, disputed } = resolveDate([
      dated('a', '2024-06-19', '2024-07-01'),
      dated('b', '2024-06-19', '2024-06-19'),
      dated('c', '2024-06-18', '2024-06-20'),
    ]);
    expect(disputed).toBe(true);
    expect(date.iso).toBe('2024-06-19');
  });

  it('prefers the claim most others overlap: a month between two days', () => {
    const { date, disputed } = resolveDate([dated('a', '2024-06-19'), dated('b', '2024-06-18'), dated('c', '2024-06')]);
    expect(disputed).toBe(true);
    expect(date.iso).toBe('2024-06');
  });

  it('breaks a tie of support and precision by the earliest publication', () => {
    expect(resolveDate([dated('a', '2024-06-19', '2024-07-01'), dated('b', '2024-06-18', '2024-06-20')]).date.iso).toBe(
      '2024-06-18',
    );
    expect(resolveDate([dated('a', '2024-06-19', '2024-06-01'), dated('b', '2024-06-18', '2024-06-20')]).date.iso).toBe(
      '2024-06-19',
    );
  });

  const dayOrCoarser = fc
    .tuple(
      fc.integer({ min: 2022, max: 2025 }),
      fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
      fc.integer({ min: 1, max: 28 }),
      fc.boolean(),
    )
    .map(([year, month, day, withDay]) =>
      month === undefined
        ? String(year)
        : withDay
          ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
          : `${year}-${String(month).padStart(2, '0')}`,
    );
  // An interval of 2 to 8 days inside one month.
  const interval = fc
    .tuple(
      fc.integer({ min: 2022, max: 2025 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 7 }),
    )
    .map(([year, month, day, length]) => {
      const at = (d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      return `${at(day)}/${at(day + length)}`;
    });
  const isoDate = fc.oneof(dayOrCoarser, interval);
  const claims = fc.uniqueArray(
    fc.tuple(
      fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      isoDate,
      fc.option(fc.constantFrom('2024-06-19', '2024-07-01'), { nil: null }),
    ),
    {
      minLength: 1,
      maxLength: 5,
      selector: ([id]) => id,
    },
  );

  it('does not depend on the order of the claims (property)', () => {
    fc.assert(
      fc.property(claims, fc.nat(), (list, seed) => {
        const input = list.map(([id, iso, published]) => dated(id, iso, published));
        const shuffled = [...input].sort(
          (x, y) => ((x.source.id.charCodeAt(0) * 31 + seed) % 7) - ((y.source.id.charCodeAt(0) * 31 + seed) % 7),
        );
        expect(resolveDate(shuffled)).toEqual(resolveDate(input));
      }),
    );
  });

  it('shows one of the claimed dates, and is disputed exactly when two claims do not overlap (property)', () => {
    fc.assert(
      fc.property(claims, (list) => {
        const input = list.map(([id, iso, published]) => dated(id, iso, published));
        const { date, disputed } = resolveDate(input);
        expect(list.map(([, iso]) => iso)).toContain(date.iso);
        const bounds = input.map((claim) => resolveDate([claim]).date);
        const overlapping = bounds.every((a) => bounds.every((b) => a.earliest <= b.latest && b.earliest <= a.latest));
        expect(disputed).toBe(!overlapping);
        // Calendar dates nest (a day in its month, in its year): undisputed, the shown one lies in
        // every claim. Intervals of days need not nest ("1-2 April", "2-3 April"): it overlaps them.
        const nested = bounds.every((bound) => bound.precision !== 'RANGE');
        if (!disputed)
          for (const other of bounds)
            expect(
              nested
                ? other.earliest <= date.earliest && date.latest <= other.latest
                : other.earliest <= date.latest && date.earliest <= other.latest,
            ).toBe(true);
      }),
    );
  });
});

describe('resolveEntity', () => {
  it('takes the name from the earliest source and the English name from the earliest English source', () => {
    const resolved = resolveEntity('kim', [
      entityClaim('pt-article', '2024-07-01', 'Kim Jong Un', 'pt', {
        aliases: ['Kim Jong-un'],
        description: 'Líder norte-coreano.',
      }),
      entityClaim('en-report', '2024-06-19', 'Kim Jong-un', 'en', {
        description: null,
        descriptionEn: 'Leader of North Korea.',
      }),
      entityClaim('pt-earliest', '2024-06-01', 'Kim Jong Un', 'pt', { nameEn: 'Kim Jong Un' }),
    ]);
    expect(resolved).toMatchObject({
      name: 'Kim Jong Un',
      nameEn: 'Kim Jong-un (en)',
      description: 'Líder norte-coreano.',
      descriptionEn: 'Leader of North Korea.',
      sourceIds: ['en-report', 'pt-article', 'pt-earliest'],
      redirectIds: ['en-report-id', 'pt-article-id', 'pt-earliest-id'],
    });
    expect(resolved.aliases).toEqual(['Kim Jong Un', 'Kim Jong-un', 'Kim Jong-un (en)', 'Kim Jong Un (en)']);
    expect(resolved.matchKeys).toContain('kim jong un');
    // Stored claims are ordered by source id, so equal claim sets are equal property values.
    expect(resolved.claims.map((text) => decodeEntityClaim(text).source.id)).toEqual([
      'en-report',
      'pt-article',
      'pt-earliest',
    ]);
  });

  it('does not depend on the order of the claims', () => {
    const claims = [
      entityClaim('a', '2024-07-01', 'A'),
      entityClaim('b', null, 'B', 'en'),
      entityClaim('c', '2024-06-01', 'C'),
    ];
    expect(resolveEntity('x', [...claims].reverse())).toEqual(resolveEntity('x', claims));
  });
});

describe('resolveEvent', () => {
  it('orders and links a disputed event by its resolved date, one calendar link per claimed date', () => {
    const event = resolveEvent('signing', [
      eventClaim('a', '2024-07-01', '2024-06-19'),
      eventClaim('b', '2024-06-19', '2024-06-19'),
      eventClaim('c', '2024-06-20', '2024-06-18'),
    ]);
    expect(event).toMatchObject({ title: 'title of b', disputed: true, timelineKey: '2024-06-19|0|signing' });
    expect(event.reported?.iso).toBe('2024-06-19');
    expect(event.claimedDates.map((claimed) => [claimed.sourceId, claimed.date.iso])).toEqual([
      ['b', '2024-06-19'],
      ['c', '2024-06-18'],
      ['a', '2024-06-19'],
    ]);
    expect(event.calendar.map((link) => [link.date.iso, link.sourceIds])).toEqual([
      ['2024-06-19', ['a', 'b']],
      ['2024-06-18', ['c']],
    ]);
  });
});

describe('resolveRelationship', () => {
  it("keeps every source's title, in rank order, without repeats", () => {
    const claim = (id: string, published: string, title: string | null) => ({
      source: source(id, published),
      title,
      note: null,
      evidence: [span(id)],
    });
    const resolved = resolveRelationship([
      claim('pt', '2024-07-01', 'presidente'),
      claim('en', '2024-06-19', 'President'),
      claim('pt2', '2024-08-01', 'presidente'),
    ]);
    expect(resolved.titles).toEqual(['President', 'presidente']);
    expect(resolved.evidence.map((text) => JSON.parse(text).source)).toEqual(['en', 'pt', 'pt2']);
  });
});

describe('encodeClaim', () => {
  it('writes equal claims as equal strings whatever order their keys were built in', () => {
    const claim = entityClaim('a', null, 'A');
    const reordered = Object.fromEntries(Object.entries(claim).reverse()) as unknown as EntityClaim;
    expect(encodeClaim(reordered)).toBe(encodeClaim(claim));
  });
});

describe('claim ranks (preferred · normal · deprecated)', () => {
  const curated = {
    ...eventClaim('article', '2024-07-01', '2024-06-19', 'Visita de Estado de Putin'),
    rank: 'preferred' as const,
  };
  const report = {
    ...eventClaim('wire', '2024-06-19', '2024-06-18/2024-06-19', 'Putin arrives in Pyongyang'),
    source: source('wire', '2024-06-19', 'en'),
  };

  it('a preferred wording wins over an earlier-published report, in both languages; the date still follows every claim', () => {
    const event = resolveEvent('visit', [report, curated]);
    expect(event.title).toBe('Visita de Estado de Putin');
    expect(event.titleEn).toBe('Visita de Estado de Putin (en)');
    expect(event.date.iso).toBe('2024-06-19');
    expect(event.reported?.iso).toBe('2024-06-19');
  });

  it('without ranks, the earliest-published source words it, English fields from the English source', () => {
    const event = resolveEvent('visit', [report, { ...curated, rank: undefined }]);
    expect(event.title).toBe('Putin arrives in Pyongyang');
    expect(event.titleEn).toBe('Putin arrives in Pyongyang (en)');
  });

  it('a deprecated wording is shown only when nothing else words the node', () => {
    const old = entityClaim('a', '2024-01-01', 'Kim Jong-il', 'pt', { rank: 'deprecated' });
    const fresh = entityClaim('b', '2024-06-01', 'Kim Jong Un');
    expect(resolveEntity('kim', [old, fresh]).name).toBe('Kim Jong Un');
    expect(resolveEntity('kim', [old]).name).toBe('Kim Jong-il');
    expect(resolveEntity('kim', [old, fresh]).aliases).toContain('Kim Jong-il');
  });

  it('resolution with ranks does not depend on the order of claims (property)', () => {
    const rank = fc.constantFrom(undefined, 'preferred' as const, 'normal' as const, 'deprecated' as const);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), rank), { minLength: 1, maxLength: 4 }),
        (items) => {
          const claims = [
            ...new Map(
              items.map(([id, r]) => [id, { ...entityClaim(id, '2024-01-01', `name ${id}`), rank: r }]),
            ).values(),
          ];
          expect(resolveEntity('x', [...claims].reverse())).toEqual(resolveEntity('x', claims));
        },
      ),
    );
  });
});
