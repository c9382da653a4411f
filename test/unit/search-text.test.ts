import {
  compactName,
  dateWords,
  eventSearchFields,
  nameVariantText,
  romanisationVariants,
} from '../../src/domain/search-text';

describe('romanisationVariants', () => {
  it('writes each syllable of a personal name in its other romanisations and the given name as one word', () => {
    const variants = romanisationVariants('Kim Jong-un');
    expect(variants).toEqual(
      expect.arrayContaining(['kim jong eun', 'kim jeong un', 'gim jong un', 'kim jongun', 'kim jongeun']),
    );
    expect(variants).not.toContain('kim jong un');
    expect(romanisationVariants('Ri Yong Jin')).toEqual(
      expect.arrayContaining(['lee yong jin', 'ri young jin', 'yi yong jin']),
    );
    expect(romanisationVariants('Vladimir Putin')).toEqual([]);
    expect(romanisationVariants('Kim')).toEqual([]);
  });

  it('bounds the variants of a long name', () => {
    expect(romanisationVariants('Kim Jong Un Jong Un Jong Un').length).toBeLessThanOrEqual(128);
  });
});

describe('nameVariantText', () => {
  it('holds a person’s variant words and every name as one word; other kinds only the latter', () => {
    const kim = nameVariantText({ label: 'Person', name: 'Kim Jong Un', nameEn: null, aliases: ['Kim Jong-un'] }).split(
      ' ',
    );
    expect(kim).toEqual(expect.arrayContaining(['eun', 'jongun', 'kimjongun', 'kimjongeun']));
    expect(new Set(kim).size).toBe(kim.length);
    expect(nameVariantText({ label: 'Country', name: 'Coreia do Norte', nameEn: 'North Korea', aliases: [] })).toBe(
      'coreiadonorte northkorea',
    );
    expect(compactName('Pyongyang')).toBeNull();
  });
});

describe('dateWords', () => {
  it('names a day, a month, a year and an interval of days in English and Portuguese', () => {
    expect(dateWords('2024-06-19')).toEqual(['19', 'june', 'junho', '2024']);
    expect(dateWords('2024-06')).toEqual(['june', 'junho', '2024']);
    expect(dateWords('2024')).toEqual(['2024']);
    expect(dateWords('2024-06-29/2024-07-02')).toEqual(['29', '2', 'june', 'junho', '2024', 'july', 'julho']);
    expect(dateWords('2024-03')).toEqual(['march', 'marco', '2024']);
    expect(dateWords('nonsense')).toEqual([]);
  });
});

describe('eventSearchFields', () => {
  const putin = { id: 'putin', label: 'Person', name: 'Vladimir Putin', nameEn: null, aliases: ['Putin'] };
  const kim = { id: 'kim', label: 'Person', name: 'Kim Jong Un', nameEn: 'Kim Jong Un', aliases: [] };
  const pyongyang = { id: 'pyongyang', label: 'Place', name: 'Pyongyang', nameEn: null, aliases: ['Pionguiangue'] };

  it('describes who, where, what and when, whatever order the linked nodes come in', () => {
    const fields = eventSearchFields({
      type: 'signing',
      dateIso: '2024-06-19',
      endDateIso: null,
      participants: [putin, kim],
      places: [pyongyang],
      agreements: [],
    });
    expect(fields.searchPlaces).toBe('pionguiangue pyongyang');
    expect(fields.searchType.split(' ')).toEqual(
      expect.arrayContaining(['signing', 'assinatura', 'signed', 'assinaram']),
    );
    expect(fields.searchDate).toBe('19 june junho 2024');
    expect(fields.searchParticipants.split(' ')).toEqual(expect.arrayContaining(['putin', 'kim', 'eun', 'kimjongun']));
    expect(
      eventSearchFields({
        type: 'signing',
        dateIso: '2024-06-19',
        endDateIso: null,
        participants: [kim, putin],
        places: [pyongyang],
        agreements: [],
      }),
    ).toEqual(fields);
  });
});
