import { parseFuzzyDate } from '../domain/fuzzy-date';
import { isTimelineKey } from '../domain/timeline-key';
import { badUserInput } from '../errors';

const PREFIX = 'tl1:';

/** Cursors are opaque to clients: base64url of a versioned timeline key. */
export function encodeCursor(timelineKey: string): string {
  return Buffer.from(PREFIX + timelineKey, 'utf8').toString('base64url');
}

/** The timeline key inside a cursor, or BAD_USER_INPUT when it is not one of ours. */
export function decodeCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const key = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  if (!isTimelineKey(key)) throw badUserInput('after is not a cursor returned by this API', 'after');
  return key;
}

const CHANGE_PREFIX = 'ch1:';

/** A `changes` cursor: the position of an item (its first source's day and its event id), opaque to clients. */
export function encodeChangeCursor(position: { readonly day: string; readonly eventId: string }): string {
  return Buffer.from(`${CHANGE_PREFIX}${position.day} ${position.eventId}`, 'utf8').toString('base64url');
}

/** The position inside a `changes` cursor, or BAD_USER_INPUT when it is not one of ours. */
export function decodeChangeCursor(cursor: string): { day: string; eventId: string } {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = text.startsWith(CHANGE_PREFIX)
    ? /^(\d{4}-\d{2}-\d{2}) (\S+)$/.exec(text.slice(CHANGE_PREFIX.length))
    : null;
  if (!match || parseFuzzyDate(match[1]!)?.precision !== 'DAY')
    throw badUserInput('after is not a cursor returned by this API', 'after');
  return { day: match[1]!, eventId: match[2]! };
}
