import type { EntityModel, EventModel, PathModel, RelationshipModel } from '../../src/domain/types';
import { englishDate, explainPath } from '../../src/services/path-explanation';
import { entityModel } from '../helpers/models';

const entity = (id: string, name: string, nameEn: string | null = null): EntityModel =>
  entityModel({ id, name, nameEn });
const event: EventModel = {
  label: 'Event',
  id: 'meeting',
  title: 'Kim Jong Un recebe a delegação',
  titleEn: 'Kim Jong Un receives the delegation',
  type: 'meeting',
  cameo: '043',
  description: null,
  date: {
    iso: '2024-07-18',
    year: 2024,
    month: 7,
    day: 18,
    precision: 'DAY',
    inferred: true,
    earliest: '2024-07-18',
    latest: '2024-07-18',
    note: null,
  },
  endDate: null,
  reported: null,
  timelineKey: '2024-07-18|0|meeting',
  evidence: [],
  disputed: false,
  claimedDates: ['2024-07-18'],
  quotes: [],
  redirectIds: [],
};
const rel = (type: string, from: string, to: string, role: string | null = null): RelationshipModel => ({
  type,
  from,
  to,
  role,
  titles: [],
  evidence: [],
});

describe('englishDate', () => {
  it('says the date at its precision', () => {
    expect(englishDate(event.date)).toBe('18 July 2024');
    expect(englishDate({ ...event.date, iso: '2024-06', month: 6, day: null, precision: 'MONTH' })).toBe('June 2024');
    expect(englishDate({ ...event.date, iso: '2024', month: null, day: null, precision: 'YEAR' })).toBe('2024');
  });
});

describe('explainPath', () => {
  it('reads a path as one sentence, a clause per hop, in the direction of the path', () => {
    const path: PathModel = {
      nodes: [entity('krivoruchko', 'Alexei Krivoruchko'), event, entity('kim', 'Kim Jong Un')],
      relationships: [
        rel('PARTICIPATED_IN', 'krivoruchko', 'meeting', 'guest'),
        rel('PARTICIPATED_IN', 'kim', 'meeting', 'host'),
      ],
    };
    expect(explainPath(path)).toBe(
      'Alexei Krivoruchko was received at “Kim Jong Un receives the delegation” (18 July 2024), which was hosted by Kim Jong Un.',
    );
  });

  it('names entities in English and says the role of a leader either way round', () => {
    const russia = { ...entity('russia', 'Rússia', 'Russia'), label: 'Country' as const, kind: 'COUNTRY' };
    const forward: PathModel = {
      nodes: [russia, entity('putin', 'Vladimir Putin')],
      relationships: [rel('LED_BY', 'russia', 'putin', 'head_of_state')],
    };
    expect(explainPath(forward)).toBe('Russia is led by Vladimir Putin (head of state).');
    const backward: PathModel = {
      nodes: [entity('putin', 'Vladimir Putin'), russia],
      relationships: [rel('LED_BY', 'russia', 'putin', 'head_of_state')],
    };
    expect(explainPath(backward)).toBe('Vladimir Putin leads Russia as head of state.');
    expect(explainPath({ nodes: [russia], relationships: [] })).toBe('Russia.');
  });

  it("says when the sources disagree on an event's date", () => {
    const path: PathModel = {
      nodes: [entity('kim', 'Kim Jong Un'), { ...event, disputed: true }],
      relationships: [rel('PARTICIPATED_IN', 'kim', 'meeting', 'host')],
    };
    expect(explainPath(path)).toBe(
      'Kim Jong Un hosted “Kim Jong Un receives the delegation” (18 July 2024, date disputed).',
    );
  });

  it('does not repeat a role the verb already says', () => {
    const delegation = { ...entity('delegation', 'Russian military delegation'), label: 'Delegation' as const };
    const path: PathModel = {
      nodes: [entity('krivoruchko', 'Alexei Krivoruchko'), delegation],
      relationships: [rel('LED_BY', 'delegation', 'krivoruchko', 'leader')],
    };
    expect(explainPath(path)).toBe('Alexei Krivoruchko leads Russian military delegation.');
  });
});
