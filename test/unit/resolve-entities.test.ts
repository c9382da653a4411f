import { resolveEntities } from '../../src/ingest/resolve-entities';
import { toSourceClaims } from '../../src/ingest/source-claims';
import type { ValidatedBundle } from '../../src/bundle/validate-bundle';

const span = { quote: 'x', start: 0, end: 1, sentence: 0, confidence: 1 };

function bundle(
  sourceId: string,
  entities: { id: string; label?: string; name: string; aliases?: string[]; sameAs?: string }[],
  events: { id: string; sameAs?: string }[] = [],
): ValidatedBundle {
  return {
    file: `${sourceId}.yaml`,
    sourceText: 'x',
    sentences: [],
    coverage: { total: 0, covered: 0, uncovered: [] },
    bundle: {
      source: {
        id: sourceId,
        textFile: 'x.txt',
        language: 'en',
        boilerplate: [],
        evidence: [span],
        published: { iso: '2024-06-19', inferred: false, evidence: [span] },
      },
      entities: entities.map(
        (entity) => ({ label: 'Person', nameEn: entity.name, aliases: [], evidence: [span], ...entity }) as never,
      ),
      events: events.map((event) => ({
        type: 'talks',
        title: event.id,
        titleEn: event.id,
        quotes: [],
        evidence: [span],
        date: { iso: '2024-06-19', inferred: false, evidence: [span] },
        ...event,
      })),
      relationships: [],
    },
  };
}

describe('resolveEntities', () => {
  it('lands a spelling of a stored entity on it, and keeps the bundle id as a redirect', () => {
    const resolution = resolveEntities(
      [bundle('b', [{ id: 'kim-b', name: 'Kim Jong-un' }])],
      [{ id: 'kim-jong-un', label: 'Person', matchKeys: ['kim jong un'] }],
    );
    expect(resolution.resolveId('kim-b')).toBe('kim-jong-un');
    expect(resolution.merged).toEqual([{ file: 'b.yaml', id: 'kim-b', into: 'kim-jong-un', by: 'kim jong un' }]);
    expect(resolution.problems).toEqual([]);
  });

  it('follows stored redirects, sameAs, and never merges two entities of one bundle', () => {
    const resolution = resolveEntities(
      [
        bundle(
          'b',
          [
            { id: 'kim-b', name: 'Kim Jong-un' },
            { id: 'kim-c', name: 'Kim Jong Un' },
          ],
          [{ id: 'talks-b', sameAs: 'talks' }],
        ),
      ],
      [{ id: 'talks', label: 'Event', matchKeys: [] }],
      [{ id: 'old-id', target: 'talks' }],
    );
    expect(resolution.resolveId('old-id')).toBe('talks');
    expect(resolution.resolveId('talks-b')).toBe('talks');
    expect(resolution.resolveId('kim-c')).toBe('kim-c');
    expect(resolution.labelOf('talks-b')).toBe('Event');
    expect(resolution.labelOf('b')).toBe('Source');
    expect(resolution.labelOf('nobody')).toBe('unknown');
  });

  it('refuses an ambiguous name and a label that contradicts the stored one; reports names shared across labels', () => {
    const known = [
      { id: 'georgia-country', label: 'Country' as const, matchKeys: ['georgia'] },
      { id: 'georgia-person', label: 'Person' as const, matchKeys: ['georgia'] },
      { id: 'georgia-person-2', label: 'Person' as const, matchKeys: ['georgia'] },
    ];
    const resolution = resolveEntities(
      [
        bundle('b', [
          { id: 'g', name: 'Georgia' },
          { id: 'georgia-country', name: 'Georgia' },
        ]),
      ],
      known,
    );
    expect(resolution.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/ambiguous: its names match georgia-person and georgia-person-2/),
      '"georgia-country" is already a Country',
    ]);
    expect(resolution.aliasConflicts).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'g', otherId: 'georgia-country', otherLabel: 'Country' })]),
    );
  });
});

describe('toSourceClaims', () => {
  it('keys claims by resolved id and keeps the bundle id and the source rank inputs', () => {
    const validated = bundle('b', [{ id: 'kim-b', name: 'Kim Jong-un' }]);
    const resolution = resolveEntities(
      [validated],
      [{ id: 'kim-jong-un', label: 'Person', matchKeys: ['kim jong un'] }],
    );
    const claims = toSourceClaims(validated, resolution);
    expect([...claims.entities.keys()]).toEqual(['kim-jong-un']);
    expect(claims.entities.get('kim-jong-un')).toMatchObject({
      bundleId: 'kim-b',
      source: { id: 'b', language: 'en', published: '2024-06-19' },
    });
    expect(claims.source.published).toMatchObject({ iso: '2024-06-19', inferred: false });
  });
});
