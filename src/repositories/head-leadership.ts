import { HEAD_LED_EVENT_TYPES } from '../domain/model';
import { HEAD_ROLES } from '../domain/roles';

/**
 * When a country's head counts for the country's event (README, "What the queries mean"): the
 * `LED_BY` relationship `lead` names a head of state or government, the event `e` is of a head-led
 * type (summit, state visit, talks, signing), and the leadership's period, where one is known,
 * overlaps the event's resolved date (the head may have led the country then). Needs HEAD_PARAMS.
 */
export function leadingAtEvent(lead: string, e: string): string {
  return `${lead}.role IN $headRoles AND ${e}.type IN $headLedTypes
    AND (${lead}.since IS NULL OR ${lead}.since <= ${e}.dateLatest)
    AND (${lead}.until IS NULL OR ${lead}.until >= ${e}.dateEarliest)`;
}

/** The parameters leadingAtEvent reads. */
export const HEAD_PARAMS = { headRoles: HEAD_ROLES, headLedTypes: HEAD_LED_EVENT_TYPES } as const;
