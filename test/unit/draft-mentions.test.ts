import { draftBundle } from '../../src/draft/draft-bundle';
import { findCandidateEntities } from '../../src/draft/candidates';
import { findKnownMentions } from '../../src/draft/mentions';
import type { KnownEntity } from '../../src/draft/known-nodes';
import { detectLanguage } from '../../src/draft/language';
import { splitSentences } from '../../src/bundle/sentences';

const entity = (id: string, label: KnownEntity['label'], names: string[], areas: string[] = []): KnownEntity => ({
  id,
  label,
  name: names[0] as string,
  nameEn: names[0] as string,
  aliases: names,
  areas,
});

const KNOWN: KnownEntity[] = [
  entity('kim-jong-un', 'Person', ['Kim Jong Un', 'Kim Jong-un']),
  entity('russia', 'Country', ['Rússia', 'Russia']),
  entity('tumannaya-river', 'Place', ['Rio Tumannaya', 'Tumannaya', 'Tumen River']),
  entity('bridge-agreement', 'Agreement', ['acordo para construir uma ponte sobre o Rio Tumannaya']),
  entity('treaty', 'Agreement', ['tratado de parceria estratégica abrangente']),
  entity('science-agreement', 'Agreement', ['acordo de cooperação em ciência'], ['ciência']),
  entity('defence-ministry', 'Organization', ['Ministério da Defesa da Rússia']),
];

function mentionsIn(text: string, language: 'pt' | 'en' = 'pt') {
  return findKnownMentions(text, splitSentences(text), KNOWN, language);
}

describe('language detection', () => {
  it.each([
    ['Em 18 de julho, o líder norte-coreano Kim Jong Un recebeu uma delegação militar russa em Pyongyang.', 'pt'],
    ['Putin e Kim assinaram um tratado em Pyongyang.', 'pt'],
    ['Russian President Vladimir Putin and Kim Jong-un signed the treaty on Wednesday, TASS reported.', 'en'],
  ])('"%s" is %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('cannot tell from too little text', () => {
    expect(detectLanguage('Kim')).toBeUndefined();
  });
});

describe('mentions of known entities', () => {
  it('finds every spelling, case-, accent- and hyphen-insensitively, at its exact offsets', () => {
    const text = 'KIM JONG-UN visitou a RUSSIA. Depois, Kim Jong Un voltou da rússia.';
    const found = mentionsIn(text);
    expect(found.map((mention) => [mention.entityId, mention.quote])).toEqual([
      ['kim-jong-un', 'KIM JONG-UN'],
      ['russia', 'RUSSIA'],
      ['kim-jong-un', 'Kim Jong Un'],
      ['russia', 'rússia'],
    ]);
    for (const mention of found) expect(text.slice(mention.start, mention.end)).toBe(mention.quote);
  });

  it('numbers each mention by its sentence', () => {
    const found = mentionsIn('Kim Jong Un chegou.\nA Rússia recebeu-o.');
    expect(found.map((mention) => mention.sentence)).toEqual([0, 1]);
  });

  it('takes the longest name where names overlap, keeping a nested name of another entity', () => {
    const found = mentionsIn('Assinaram um acordo para construir uma ponte sobre o Rio Tumannaya.');
    expect(found.map((mention) => [mention.entityId, mention.quote, mention.nested])).toEqual([
      ['bridge-agreement', 'acordo para construir uma ponte sobre o Rio Tumannaya', false],
      ['tumannaya-river', 'Rio Tumannaya', true],
    ]);
  });

  it('matches whole words only', () => {
    expect(mentionsIn('Os russianos e a Tumannayana.')).toEqual([]);
  });

  it('finds agreements by area, ministries by a minister’s title and "o tratado" by the treaty last named', () => {
    const text =
      'O vice-ministro da Defesa russo chegou.\nO ministro da Defesa norte-coreano também.\nAssinaram um tratado de parceria estratégica abrangente.\nO tratado define tudo.\nAssinaram acordos de cooperação em ciência.';
    const indirect = mentionsIn(text).filter((mention) => mention.via !== 'name');
    expect(indirect.map((mention) => [mention.entityId, mention.quote, mention.via])).toEqual([
      ['defence-ministry', 'vice-ministro da Defesa', 'ministry'],
      ['treaty', 'O tratado', 'anaphora'],
      ['science-agreement', 'ciência', 'area'],
    ]);
  });

  it('does not take "de acordo com" for an agreement', () => {
    expect(mentionsIn('De acordo com a agência, a ciência avança.')).toEqual([]);
  });
});

describe('candidate new entities', () => {
  it('proposes titled names as people, cuts compound names and skips what is already found', () => {
    const text =
      'Em 18 de julho, o líder norte-coreano Kim Jong Un recebeu o vice-ministro da Defesa Alexei Krivoruchko.\nA cúpula Coreia do Norte-Rússia foi em Pyongyang.';
    const sentences = splitSentences(text);
    const taken = mentionsIn(text);
    const candidates = findCandidateEntities(text, sentences, 'pt', taken, new Set(['kim-jong-un']));
    expect(candidates.map((candidate) => [candidate.name, candidate.label])).toEqual([
      ['Alexei Krivoruchko', 'Person'],
      ['Coreia do Norte', 'Country'],
      ['Pyongyang', 'Place'],
    ]);
    expect(candidates[0]?.mentions[0]?.title).toMatchObject({
      text: 'vice-ministro da Defesa',
      role: 'deputy_minister',
    });
  });
});

describe('what a draft makes of names it does not know by heart', () => {
  const known = {
    entities: [
      ...KNOWN,
      entity('vladimir-putin', 'Person', ['Vladimir Putin', 'Putin']),
      entity('north-korea', 'Country', ['Coreia do Norte', 'North Korea']),
    ],
    events: [],
  };
  const draftOf = (text: string, language: 'pt' | 'en') =>
    draftBundle(text, { sourceId: 'sample', textFile: 'sample.txt', language, published: '2024-07-26', known });
  const mentionOf = (draft: ReturnType<typeof draftOf>, quote: string) =>
    draft.mentions.find((mention) => mention.quote === quote);

  it('takes demonyms for their country, a surname for the person named before, a close spelling for the stored name', () => {
    const draft = draftOf(
      'North Korean leader Kim Jong Un met the Russian envoy. Kim then crossed the Tumanaya by car.',
      'en',
    );
    expect(mentionOf(draft, 'North Korean')).toMatchObject({ entityId: 'north-korea', via: 'demonym' });
    expect(mentionOf(draft, 'Russian')).toMatchObject({ entityId: 'russia', via: 'demonym' });
    expect(mentionOf(draft, 'Kim')).toMatchObject({ entityId: 'kim-jong-un', via: 'surname' });
    expect(mentionOf(draft, 'Tumanaya')).toMatchObject({ entityId: 'tumannaya-river', via: 'variant' });
    expect(draft.candidates.map((candidate) => candidate.name)).toEqual([]);
  });

  it('keeps titles out of names, labels from the dataset and the dateline, and no candidate from a sentence start', () => {
    const draft = draftOf(
      'SEOUL – Natural Resources Minister Alexander Kozlov arrived in Vietnam.\nEarlier, the newspaper Izvestia wrote about it.',
      'en',
    );
    expect(draft.candidates.map((candidate) => [candidate.name, candidate.label])).toEqual([
      ['SEOUL', 'Place'],
      ['Alexander Kozlov', 'Person'],
      ['Vietnam', 'Country'],
      ['Izvestia', 'Organization'],
    ]);
  });

  it('drafts no event from a headline, none of an agency saying something, and no part for the dateline place', () => {
    const draft = draftOf(
      'Putin visits North Korea\nPublished: July 26, 2024\nPYONGYANG – Vladimir Putin visited North Korea on Wednesday, KCNA said.',
      'en',
    );
    expect(draft.events.map((event) => [event.type, event.date.iso])).toEqual([['visit', '2024-07-24']]);
    expect(draft.events[0]?.links.map((link) => [link.type, link.entityId, link.role])).toEqual([
      ['PARTICIPATED_IN', 'vladimir-putin', 'visitor'],
      ['PARTICIPATED_IN', 'north-korea', 'host'],
      ['REPORTED_BY', 'kcna', undefined],
    ]);
  });
});
