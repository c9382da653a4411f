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
