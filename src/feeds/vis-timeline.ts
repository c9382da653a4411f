import { eventTypeName } from '../domain/model';
import type { EventModel } from '../domain/types';
import type { FeedSelection } from '../services/feed.service';
import { describeAgreements, describeEventDate, describeParticipants } from './describe';
import { DEFAULT_WORDING, type FeedWording } from './feed-wording';

export type GroupBy = 'type' | 'entity';

/** vis-timeline item (https://visjs.github.io/vis-timeline/docs/timeline/#items) plus the widget's details. */
export interface VisItem {
  readonly id: string;
  readonly content: string;
  readonly start: string;
  readonly end?: string;
  readonly group: string;
  readonly type: 'point' | 'range';
  readonly title: string;
  readonly eventId: string;
  /** The event type as readers name it ("State visit"). */
  readonly typeName: string;
  /** Its sources disagree on the date (the widget draws it dashed). */
  readonly disputed: boolean;
  /**
   * Known to the day or month: what a first view is fitted to. An event known only to its year
   * spans the whole year and would squeeze every other event into a corner.
   */
  readonly informative: boolean;
  readonly details: {
    readonly date: string;
    readonly place: string | null;
    readonly placeId: string | null;
    /** `shortName`: the entity's caption where space is short (graph nodes). */
    readonly participants: readonly {
      role: string;
      name: string;
      shortName: string | null;
      id: string;
      label: string;
    }[];
    /** Agreements the event produced, with who signed them and who is bound. */
    readonly agreements: readonly string[];
    readonly agreementIds: readonly string[];
    readonly evidence: readonly { quote: string; sourceTitle: string | null; sourceUrl: string | null }[];
  };
}

export interface VisGroup {
  readonly id: string;
  readonly content: string;
}

export interface VisTimelineFeed {
  readonly items: readonly VisItem[];
  readonly groups: readonly VisGroup[];
  readonly truncated: boolean;
  readonly totalCount: number;
}

/** The day after an ISO day: vis-timeline ends are exclusive. */
function nextDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Builds vis-timeline items and groups. A day is a point; a date known only to the month or year
 * is a range over its uncertainty. Grouped by event type, or by participating entity (an event
 * then appears once per participant).
 */
export function toVisTimeline(
  selection: FeedSelection,
  groupBy: GroupBy,
  wording: FeedWording = DEFAULT_WORDING,
): VisTimelineFeed {
  const groups = new Map<string, string>();
  const items: VisItem[] = [];
  for (const item of selection.events) {
    const { event, details } = item;
    const span = event.endDate ?? (event.date.precision === 'DAY' ? null : event.date);
    const date = describeEventDate(event, wording.language);
    const base = {
      content: titleOf(event, wording),
      start: event.date.earliest,
      ...(span ? { end: nextDay(span.latest) } : {}),
      type: span ? ('range' as const) : ('point' as const),
      title: [titleOf(event, wording), date, details.place?.name, describeParticipants(item)]
        .filter(Boolean)
        .join(' · '),
      eventId: event.id,
      typeName: eventTypeName(event.type, wording.language),
      disputed: event.disputed,
      informative: event.date.precision !== 'YEAR',
      details: {
        date,
        place: details.place?.name ?? null,
        placeId: details.place?.id ?? null,
        participants: details.participants.map((p) => ({
          role: p.role,
          name: p.entity.name,
          // The English name stands in for a short name no source gave: only in an English feed.
          shortName: p.entity.shortName !== p.entity.nameEn || wording.titles === 'en' ? p.entity.shortName : null,
          id: p.entity.id,
          label: p.entity.label,
        })),
        agreements: describeAgreements(item),
        agreementIds: details.agreements.map((agreement) => agreement.id),
        evidence: event.evidence.map((evidence) => {
          const source = selection.sources.get(evidence.sourceId);
          return { quote: evidence.quote, sourceTitle: source?.title ?? null, sourceUrl: source?.url ?? null };
        }),
      },
    };
    if (groupBy === 'type') {
      groups.set(event.type, eventTypeName(event.type, wording.language));
      items.push({ ...base, id: event.id, group: event.type });
    } else {
      const entities = details.participants.length > 0 ? details.participants.map((p) => p.entity) : [];
      if (entities.length === 0)
        groups.set('(none)', wording.language === 'pt' ? 'sem participante' : 'no participant named');
      for (const entity of entities) groups.set(entity.id, entity.name);
      const groupIds = entities.length > 0 ? [...new Set(entities.map((entity) => entity.id))] : ['(none)'];
      for (const group of groupIds) items.push({ ...base, id: `${event.id}@${group}`, group });
    }
  }
  return {
    items,
    groups: [...groups].map(([id, content]) => ({ id, content })).sort((a, b) => a.content.localeCompare(b.content)),
    truncated: selection.truncated,
    totalCount: selection.totalCount,
  };
}

/** An event's title in the feed's wording: as its sources wrote it, or in English. */
export function titleOf(event: Pick<EventModel, 'title' | 'titleEn'>, wording: FeedWording): string {
  return wording.titles === 'en' ? (event.titleEn ?? event.title) : event.title;
}
