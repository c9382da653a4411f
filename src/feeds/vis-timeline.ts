import { eventTypeName } from '../domain/model';
import type { EntityModel, EventModel, SourceModel } from '../domain/types';
import type { FeedSelection } from '../services/feed.service';
import {
  countryName,
  describeAgreements,
  describeDate,
  describeEventDate,
  describeParticipants,
  headsOf,
} from './describe';
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
  /** The language `content` is written in (a source's, or `en` for an English title), for `lang`. */
  readonly lang: string | null;
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
    /**
     * Heads of state or government the event involves through the country they lead (a summit,
     * state visit, talks or signing between countries), with the words that say they lead it.
     */
    readonly heads: readonly {
      role: string;
      name: string;
      id: string;
      country: string;
      quotes: readonly QuotedEvidence[];
    }[];
    /** Agreements the event produced, with who signed them and who is bound. */
    readonly agreements: readonly string[];
    readonly agreementIds: readonly string[];
    readonly evidence: readonly QuotedEvidence[];
    /**
     * What supports the date: each source's date with the words that state it, and how a date the
     * source did not state whole (an inferred year) was worked out.
     */
    readonly dateEvidence: readonly {
      readonly date: string;
      readonly note: string | null;
      readonly quotes: readonly QuotedEvidence[];
    }[];
  };
}

/** A quote with its source, and the source's language (for `lang`). */
export interface QuotedEvidence {
  readonly quote: string;
  readonly sourceTitle: string | null;
  readonly sourceUrl: string | null;
  readonly lang: string | null;
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
    const quoted = (sourceId: string, quote: string): QuotedEvidence => {
      const source: SourceModel | undefined = selection.sources.get(sourceId);
      return {
        quote,
        sourceTitle: source?.title ?? null,
        sourceUrl: source?.url ?? null,
        lang: source?.language ?? null,
      };
    };
    const firstSource = event.evidence[0] ? selection.sources.get(event.evidence[0].sourceId) : undefined;
    const base = {
      content: titleOf(event, wording),
      start: event.date.earliest,
      ...(span ? { end: nextDay(span.latest) } : {}),
      type: span ? ('range' as const) : ('point' as const),
      title: [
        titleOf(event, wording),
        date,
        details.place ? nameOf(details.place, wording) : null,
        describeParticipants(item),
      ]
        .filter(Boolean)
        .join(' · '),
      lang: wording.titles === 'en' && event.titleEn ? 'en' : (firstSource?.language ?? null),
      eventId: event.id,
      typeName: eventTypeName(event.type, wording.language),
      disputed: event.disputed,
      informative: event.date.precision !== 'YEAR',
      details: {
        date,
        place: details.place ? nameOf(details.place, wording) : null,
        placeId: details.place?.id ?? null,
        participants: details.participants.map((p) => ({
          role: p.role,
          name: nameOf(p.entity, wording),
          // The English name stands in for a short name no source gave: only in an English feed.
          shortName: p.entity.shortName !== p.entity.nameEn || wording.titles === 'en' ? p.entity.shortName : null,
          id: p.entity.id,
          label: p.entity.label,
        })),
        heads: headsOf(item).map((head) => ({
          role: head.role,
          name: nameOf(head.entity, wording),
          id: head.entity.id,
          country: countryName(item, head.via.from),
          quotes: head.via.evidence.map((evidence) => quoted(evidence.sourceId, evidence.quote)),
        })),
        agreements: describeAgreements(item),
        agreementIds: details.agreements.map((agreement) => agreement.id),
        evidence: event.evidence.map((evidence) => quoted(evidence.sourceId, evidence.quote)),
        dateEvidence: (item.dateClaims ?? []).map((claim) => ({
          date: describeDate(claim.date, wording.language),
          note: claim.date.note,
          quotes: claim.evidence.map((evidence) => quoted(claim.sourceId, evidence.quote)),
        })),
      },
    };
    if (groupBy === 'type') {
      groups.set(event.type, eventTypeName(event.type, wording.language));
      items.push({ ...base, id: event.id, group: event.type });
    } else {
      const entities = details.participants.length > 0 ? details.participants.map((p) => p.entity) : [];
      if (entities.length === 0)
        groups.set('(none)', wording.language === 'pt' ? 'sem participante' : 'no participant named');
      for (const entity of entities) groups.set(entity.id, nameOf(entity, wording));
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

/** An entity's name in the feed's wording: its English name in an English feed, where the graph has one. */
function nameOf(entity: Pick<EntityModel, 'name' | 'nameEn'>, wording: FeedWording): string {
  return wording.titles === 'en' ? (entity.nameEn ?? entity.name) : entity.name;
}

/** An event's title in the feed's wording: as its sources wrote it, or in English. */
export function titleOf(event: Pick<EventModel, 'title' | 'titleEn'>, wording: FeedWording): string {
  return wording.titles === 'en' ? (event.titleEn ?? event.title) : event.title;
}
