/**
 * The role vocabulary. A relationship that takes a role is identified by (type, from, to, role),
 * so every source that says Putin leads Russia as its president — "presidente", "President" —
 * backs the same `LED_BY {role: head_of_state}`; each source's own wording is kept as its title.
 */
export const ROLES = {
  host: 'receives the others (the host country or leader)',
  guest: 'is received',
  visitor: 'travels to another country or place',
  leader: 'leads a delegation, an organization or a group',
  member: 'belongs to a delegation or organization',
  signatory: 'signs an agreement',
  participant: 'takes part, no more specific role stated',
  speaker: 'speaks or makes the statement',
  head_of_state: 'president, monarch or supreme leader of a country',
  head_of_government: 'prime minister or premier',
  minister: 'heads a ministry',
  deputy_minister: 'deputy or vice minister',
  official: 'an official of a government or organization',
  aide: 'adviser or assistant to a leader',
  spokesperson: 'speaks for a government or organization',
  envoy: 'ambassador or special envoy',
  observer: 'attends without taking part',
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_KEYS = Object.keys(ROLES) as Role[];

/** Roles through which a person acts for the country that is `LED_BY` them. */
export const HEAD_ROLES: readonly Role[] = ['head_of_state', 'head_of_government'];

export function isRole(value: string): value is Role {
  return Object.prototype.hasOwnProperty.call(ROLES, value);
}
