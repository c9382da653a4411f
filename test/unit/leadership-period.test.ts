import fc from 'fast-check';
import { resolveRelationship, type RelationshipClaim } from '../../src/domain/claims';
import { parseFuzzyDate } from '../../src/domain/fuzzy-date';

const claim = (source: string, period: { since?: string; until?: string }): RelationshipClaim => ({
  source: { id: source, language: 'en', published: null },
  title: 'President',
  ...period,
  note: null,
  evidence: [{ quote: 'led by', start: 0, end: 6, sentence: 0, confidence: 1 }],
});

describe("a leadership's period, resolved from its sources' claims", () => {
  it('is open on both sides when no source gives one', () => {
    expect(resolveRelationship([claim('a', {})])).toMatchObject({ since: null, until: null });
  });

  it('runs from the first day of its start to the last day of its end, as precisely as known', () => {
    expect(resolveRelationship([claim('a', { since: '2011-12', until: '2024' })])).toMatchObject({
      since: '2011-12-01',
      until: '2024-12-31',
    });
  });

  it('spans every source: the earliest start, the latest end; a side one source leaves open stays open', () => {
    expect(
      resolveRelationship([
        claim('a', { since: '2012-05-07', until: '2018' }),
        claim('b', { since: '2000', until: '2008-05-07' }),
      ]),
    ).toMatchObject({ since: '2000-01-01', until: '2018-12-31' });
    expect(resolveRelationship([claim('a', { since: '2012' }), claim('b', { until: '2008' })])).toMatchObject({
      since: null,
      until: null,
    });
  });

  it('is not opened by a source that names the leader without a period', () => {
    expect(resolveRelationship([claim('report', {}), claim('curated', { since: '2000-05-07' })])).toMatchObject({
      since: '2000-05-07',
      until: null,
    });
  });

  it('does not depend on the order of the claims, and covers every claimed period', () => {
    const iso = fc.constantFrom('2000', '2004-03', '2008-05-07', '2012', '2018-11', '2024-06-19');
    const period = fc.record({ since: fc.option(iso, { nil: undefined }), until: fc.option(iso, { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(period, { minLength: 1, maxLength: 4 }), (periods) => {
        const claims = periods.map((p, index) =>
          claim(`s${index}`, {
            ...(p.since !== undefined ? { since: p.since } : {}),
            ...(p.until !== undefined ? { until: p.until } : {}),
          }),
        );
        const resolved = resolveRelationship(claims);
        expect(resolveRelationship([...claims].reverse())).toMatchObject({
          since: resolved.since,
          until: resolved.until,
        });
        if (periods.every((p) => p.since === undefined && p.until === undefined))
          expect(resolved).toMatchObject({ since: null, until: null });
        for (const p of periods) {
          if (p.since !== undefined && resolved.since !== null)
            expect(resolved.since <= (parseFuzzyDate(p.since)?.earliest ?? '')).toBe(true);
          if (p.until !== undefined && resolved.until !== null)
            expect(resolved.until >= (parseFuzzyDate(p.until)?.latest ?? '')).toBe(true);
          // A side is open when a claim giving a period leaves it open, or when no claim gives one.
          const dated = p.since !== undefined || p.until !== undefined;
          if (dated && p.since === undefined) expect(resolved.since).toBeNull();
          if (dated && p.until === undefined) expect(resolved.until).toBeNull();
        }
      }),
    );
  });
});
