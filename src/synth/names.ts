/** Name parts for the synthetic corpus: enough combinations for tens of thousands of people. */
export const FIRST_NAMES = [
  'Ana', 'Boris', 'Chen', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kenji', 'Lara', 'Marek', 'Nadia', 'Omar',
  'Pavel', 'Qiu', 'Rosa', 'Sergei', 'Tamar', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zofia', 'Aiko', 'Bruno', 'Carmen', 'Diego',
  'Emil', 'Fatima', 'Goran', 'Hana', 'Ivan', 'Jana', 'Kofi', 'Lina', 'Mateo', 'Nika', 'Oleg', 'Priya', 'Rafael', 'Sara', 'Tomas',
  'Uma', 'Viktor', 'Yara', 'Zaid', 'Amara',
] as const;

export const LAST_NAMES = [
  'Kovalenko', 'Silva', 'Nakamura', 'Petrov', 'Haddad', 'Okafor', 'Lindqvist', 'Moreau', 'Novak', 'Castillo', 'Ivanova', 'Kim', 'Park',
  'Tanaka', 'Rossi', 'Schmidt', 'Nguyen', 'Costa', 'Yilmaz', 'Jovanovic', 'Horvat', 'Mensah', 'Almeida', 'Sato', 'Kowalski', 'Dubois',
  'Fischer', 'Ortiz', 'Popescu', 'Rahman', 'Santos', 'Volkov', 'Watanabe', 'Zhang', 'Abadi', 'Berg', 'Cruz', 'Demir', 'Eriksen',
  'Farouk', 'Gruber', 'Herrera', 'Ito', 'Jensen', 'Khan', 'Larsen', 'Mendes', 'Nilsen', 'Oliveira', 'Pereira',
] as const;

/** 60 countries with their capitals: the hubs of the corpus. */
export const COUNTRIES: readonly (readonly [string, string])[] = [
  ['Aldoria', 'Velmar'], ['Borvania', 'Kestrel'], ['Caldora', 'Mirefield'], ['Drenmark', 'Osterholm'], ['Eskaria', 'Lunport'],
  ['Falmoria', 'Redhaven'], ['Gorland', 'Brisk'], ['Halvenia', 'Tarrow'], ['Istavia', 'Quennel'], ['Jorvik Union', 'Hallam'],
  ['Kesmaria', 'Dunmore'], ['Lorentia', 'Pell'], ['Mordavia', 'Skarn'], ['Norrland', 'Vesk'], ['Ostrava Federation', 'Linden'],
  ['Pellaria', 'Corvin'], ['Quorin', 'Ashby'], ['Rhovania', 'Maelstrom'], ['Sarvania', 'Tolle'], ['Tervania', 'Wyke'],
  ['Ulmaria', 'Fenwick'], ['Valdoria', 'Gorse'], ['Westmarch', 'Harrow'], ['Xandria', 'Isle'], ['Yorvania', 'Jask'],
  ['Zelmaria', 'Kell'], ['Arvenia', 'Lisk'], ['Belmora', 'Morrow'], ['Corvania', 'Nesh'], ['Delvaria', 'Orme'],
  ['Emberland', 'Pike'], ['Fjordia', 'Quill'], ['Galdoria', 'Rusk'], ['Hestia', 'Sorrel'], ['Ivoria', 'Thane'],
  ['Jadoria', 'Umber'], ['Kalmar Union', 'Vane'], ['Lysandria', 'Wold'], ['Mirovia', 'Yarrow'], ['Nerovia', 'Zephyr'],
  ['Oravia', 'Abbot'], ['Pravia', 'Bramble'], ['Quessia', 'Cairn'], ['Rostavia', 'Dale'], ['Sylvania', 'Elm'],
  ['Torvania', 'Fell'], ['Ursalia', 'Glen'], ['Varnia', 'Heath'], ['Wendor', 'Ives'], ['Xyloria', 'Jarrow'],
  ['Yelmaria', 'Keld'], ['Zarovia', 'Lyme'], ['Astoria', 'Moss'], ['Brenavia', 'Nook'], ['Cyrenia', 'Oak'],
  ['Dalmoria', 'Peel'], ['Elvaria', 'Rook'], ['Fenmoria', 'Sedge'], ['Glavia', 'Tarn'], ['Hollandia', 'Vale'],
];

export const ORGANIZATION_KINDS = ['Ministry of Defence', 'Ministry of Foreign Affairs', 'News Agency', 'Central Bank', 'Trade Council'] as const;
