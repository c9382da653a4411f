import { entityFieldsOf } from '../../src/domain/entity-fields';
import type { EntityModel, EventModel } from '../../src/domain/types';

/** An entity as the mappers return it: a person with no description, aliases or evidence unless given. */
export function entityModel(fields: Partial<EntityModel> & Pick<EntityModel, 'id' | 'name'>): EntityModel {
  return {
    label: 'Person',
    kind: 'PERSON',
    nameEn: null,
    aliases: [],
    ...entityFieldsOf({}),
    evidence: [],
    redirectIds: [],
    ...fields,
  };
}

/** An event as the mappers return it: a day in June 2024, no evidence unless given. */
export function eventModel(fields: Partial<EventModel> & Pick<EventModel, 'id' | 'title'>): EventModel {
  const date = { iso: '2024-06-19', year: 2024, month: 6, day: 19, precision: 'DAY', inferred: false, note: null };
  return {
    label: 'Event',
    titleEn: null,
    type: 'meeting',
    cameo: null,
    description: null,
    date: date as EventModel['date'],
    endDate: null,
    reported: null,
    timelineKey: `2024-06-19|0|${fields.id}`,
    evidence: [],
    disputed: false,
    claimedDates: ['2024-06-19'],
    quotes: [],
    redirectIds: [],
    ...fields,
  };
}
