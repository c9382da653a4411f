import type { FuzzyDateModel } from '../domain/types';
import type { FeedEvent } from '../services/feed.service';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}

/** "2024-07-18", "July 2024 (month known)", "2024 (year known)", with "year inferred". */
export function describeDate(date: FuzzyDateModel): string {
  const precision = { DAY: '', MONTH: ' (month known)', YEAR: ' (year known)' }[date.precision];
  return `${date.iso}${precision}${date.inferred ? ', year inferred' : ''}`;
}

/** Plain-text participants: "host: Kim Jong Un; guest: Alexei Krivoruchko". */
export function describeParticipants(item: FeedEvent): string {
  return item.details.participants.map((p) => `${p.role}: ${p.entity.name}`).join('; ');
}
