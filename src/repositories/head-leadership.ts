import { HEAD_LED_EVENT_TYPES } from '../domain/model';
import { HEAD_ROLES } from '../domain/roles';
import { asOfEventFields, asOfPeriodSide, currentEventFields } from './as-of-cypher';

/**
 * When a country's head counts for the country's event (README, "What the queries mean"): the
 * `LED_BY` relationship `lead` names a head of state or government, the event `e` is of a head-led
 * type (summit, state visit, talks, signing), and the leadership's period, where one is known,
 * overlaps the event's resolved date (the head may have led the country then). Needs HEAD_PARAMS;
 * `asOf`: the event's date and type and the period as of `$asOf`.
 */
export function leadingAtEvent(lead: string, e: string, asOf = false): string {
  const event = asOf ? asOfEventFields(e) : currentEventFields(e);
  const since = asOf ? asOfPeriodSide(lead, 'since') : `${lead}.since`;
  const until = asOf ? asOfPeriodSide(lead, 'until') : `${lead}.until`;
  return `${lead}.role IN $headRoles AND ${event.type} IN $headLedTypes
    AND (${since} IS NULL OR ${since} <= ${event.latest})
    AND (${until} IS NULL OR ${until} >= ${event.earliest})`;
}

/** The parameters leadingAtEvent reads. */
export const HEAD_PARAMS = { headRoles: HEAD_ROLES, headLedTypes: HEAD_LED_EVENT_TYPES } as const;
