import { entityFieldsOf } from '../../src/domain/entity-fields';
import type { EntityModel } from '../../src/domain/types';

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
