import fc from 'fast-check';
import type { BundleInput } from '../../src/bundle/validate-bundle';

/**
 * Random bundles about a small shared world, so that any two of them overlap: the same event ids,
 * the same entities under the same or other ids, spellings that resolve to one another ("Kim
 * Jong Un" / "Kim Jong-un"), dates that agree or dispute, roles with each source's own title.
 * Every bundle defines every node its relationships use, so it loads on its own.
 */

const WORLD = [
  { id: 'kim-jong-un', label: 'Person', spellings: ['Kim Jong Un', 'Kim Jong-un', 'KIM Jong Un'] },
  { id: 'vladimir-putin', label: 'Person', spellings: ['Vladimir Putin', 'Vladímir Putin'] },
  { id: 'alexei-krivoruchko', label: 'Person', spellings: ['Alexei Krivoruchko', 'Aleksey Krivoruchko'] },
  { id: 'russia', label: 'Country', spellings: ['Rússia', 'Russia'] },
  { id: 'north-korea', label: 'Country', spellings: ['Coreia do Norte', 'North Korea'] },
  { id: 'tumen-river', label: 'Place', spellings: ['Tumen River', 'Rio Tumen'] },
] as const;
const EVENT_IDS = ['ev-summit', 'ev-signing', 'ev-visit'];
const DATES = [
  '2024',
  '2024-06',
  '2024-06-18',
  '2024-06-19',
  '2024-06-18/2024-06-19',
  '2024-06-17/2024-06-23',
  '2024-07',
];
const TYPES = ['signing', 'talks', 'summit'];
const ROLES = ['host', 'guest', 'participant'];
const TITLES = ['anfitrião', 'host', 'convidado', 'guest'];
const PUBLISHED = ['2024-06-19', '2024-06-20', '2024-07'];

/** A wording rank, usually left out (normal). */
const rank = fc.option(fc.constantFrom('preferred', 'normal', 'deprecated'), { freq: 2, nil: undefined });

const entityChoice = fc.record({
  rank,
  variantId: fc.boolean(),
  name: fc.nat(2),
  aliases: fc.subarray([0, 1, 2]),
  description: fc.option(fc.constantFrom('Um líder.', 'A leader.'), { nil: undefined }),
});
const eventChoice = fc.record({
  rank,
  date: fc.constantFrom(...DATES),
  type: fc.constantFrom(...TYPES),
  titleVariant: fc.nat(1),
});
const participation = fc.record({
  role: fc.constantFrom(...ROLES),
  title: fc.option(fc.constantFrom(...TITLES), { nil: undefined }),
});

const bundleShape = fc.record({
  language: fc.constantFrom('pt', 'en'),
  published: fc.option(fc.constantFrom(...PUBLISHED), { nil: undefined }),
  entities: fc.array(fc.option(entityChoice, { nil: undefined }), { minLength: WORLD.length, maxLength: WORLD.length }),
  events: fc.array(fc.option(eventChoice, { nil: undefined }), {
    minLength: EVENT_IDS.length,
    maxLength: EVENT_IDS.length,
  }),
  participations: fc.array(fc.option(participation, { freq: 2, nil: undefined }), {
    minLength: WORLD.length * EVENT_IDS.length,
    maxLength: WORLD.length * EVENT_IDS.length,
  }),
  leadership: fc.option(fc.constantFrom('presidente', 'President', 'líder'), { nil: undefined }),
  /** The leadership's period as the source gives it, if it does (sides left out are open). */
  leadershipPeriod: fc.option(
    fc.constantFrom(
      { since: '2011-12' },
      { since: '2024-06-19' },
      { until: '2024-06-18' },
      { since: '2012', until: '2024-06' },
    ),
    { freq: 2, nil: undefined },
  ),
});

/** A bundle of source `sourceId`; its text holds one line per quote. */
export function bundleArbitrary(sourceId: string): fc.Arbitrary<BundleInput> {
  return bundleShape.map((shape) => {
    const lines: string[] = [];
    const quote = (text: string) => {
      const start = lines.reduce((offset, line) => offset + line.length + 1, 0);
      lines.push(text);
      return { quote: text, start, end: start + text.length, sentence: lines.length - 1 };
    };
    const source = {
      id: sourceId,
      textFile: `${sourceId}.txt`,
      language: shape.language,
      ...(shape.published
        ? { published: { iso: shape.published, inferred: false, evidence: [quote(`Published ${shape.published}`)] } }
        : {}),
      evidence: [quote(`Report ${sourceId}`)],
    };
    const entities = WORLD.flatMap((item, index) => {
      const choice = shape.entities[index];
      if (!choice) return [];
      const name = item.spellings[choice.name % item.spellings.length] as string;
      return [
        {
          id: choice.variantId ? `${item.id}-in-${sourceId}` : item.id,
          world: item.id,
          label: item.label,
          name,
          nameEn: item.spellings[1] as string,
          aliases: choice.aliases.map((alias) => item.spellings[alias % item.spellings.length] as string),
          ...(choice.description ? { description: choice.description } : {}),
          ...(choice.rank ? { rank: choice.rank } : {}),
          evidence: [quote(name)],
        },
      ];
    });
    const events = EVENT_IDS.flatMap((id, index) => {
      const choice = shape.events[index];
      if (!choice) return [];
      const title = `${choice.titleVariant === 0 ? 'Encontro' : 'Meeting'} ${id} ${sourceId}`;
      return [
        {
          id,
          type: choice.type,
          title,
          titleEn: `Meeting ${id}`,
          ...(choice.rank ? { rank: choice.rank } : {}),
          date: {
            iso: choice.date,
            inferred: true,
            note: `As ${sourceId} dates it`,
            evidence: [quote(`On ${choice.date}`)],
          },
          evidence: [quote(title)],
        },
      ];
    });
    const relationships = entities.flatMap((entity, e) =>
      events.flatMap((event, v) => {
        const choice = shape.participations[e * EVENT_IDS.length + v];
        if (!choice) return [];
        return [
          {
            type: 'PARTICIPATED_IN',
            from: entity.id,
            to: event.id,
            role: choice.role,
            ...(choice.title ? { title: choice.title } : {}),
            evidence: [quote(`${entity.name} at ${event.id}`)],
          },
        ];
      }),
    );
    const country = entities.find((entity) => entity.label === 'Country');
    const person = entities.find((entity) => entity.label === 'Person');
    if (shape.leadership && country && person) {
      relationships.push({
        type: 'LED_BY',
        from: country.id,
        to: person.id,
        role: 'head_of_state',
        title: shape.leadership,
        ...shape.leadershipPeriod,
        evidence: [quote(`${country.name} led by ${person.name}`)],
      });
    }
    const content = { source, entities: entities.map(({ world: _world, ...entity }) => entity), events, relationships };
    return { file: `${sourceId}.yaml`, content, sourceText: lines.join('\n') };
  });
}

/**
 * A snapshot with merged nodes named alike: whichever bundle loaded first names a merged node (the
 * others' ids redirect to it), so the order law compares graphs after renaming each merged node to
 * the least of its ids. Ids are swapped everywhere they occur: nodes, redirects, relationship ends,
 * timeline keys and each source's record of what it claims.
 */
export function withCanonicalIds<
  T extends {
    nodes: { labels: string[]; props: Record<string, unknown> }[];
    relationships: { from: string; to: string; props: Record<string, unknown> }[];
  },
>(raw: T): T {
  const swap = new Map<string, string>();
  for (const node of raw.nodes) {
    const id = String(node.props.id);
    const redirects = (node.props.redirectIds as string[] | undefined) ?? [];
    const least = [id, ...redirects].sort()[0] as string;
    if (least !== id) {
      swap.set(id, least);
      swap.set(least, id);
    }
  }
  const rename = (id: string) => swap.get(id) ?? id;
  const renameKey = (key: string) => {
    const [type, from, to, role] = key.split('|') as [string, string, string, string];
    return [type, rename(from), rename(to), role].join('|');
  };
  return {
    ...raw,
    nodes: raw.nodes.map((node) => {
      const props: Record<string, unknown> = { ...node.props, id: rename(String(node.props.id)) };
      if (Array.isArray(props.redirectIds)) props.redirectIds = (props.redirectIds as string[]).map(rename).sort();
      if (typeof props.timelineKey === 'string')
        props.timelineKey = props.timelineKey.replace(/[^|]+$/, (id: string) => rename(id));
      if (Array.isArray(props.nodeIds)) props.nodeIds = (props.nodeIds as string[]).map(rename).sort();
      if (Array.isArray(props.relationshipKeys))
        props.relationshipKeys = (props.relationshipKeys as string[]).map(renameKey).sort();
      return { ...node, props };
    }),
    relationships: raw.relationships.map((relationship) => ({
      ...relationship,
      from: rename(relationship.from),
      to: rename(relationship.to),
    })),
  };
}
