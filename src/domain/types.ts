import type { EntityFieldValues } from './entity-fields';
import type { DatePrecision } from './fuzzy-date';
import type { EntityLabel } from './model';

/** Plain objects the repositories return and the API serves; no driver types inside. */

export interface EvidenceModel {
  readonly sourceId: string;
  readonly quote: string;
  readonly start: number | null;
  readonly end: number | null;
  readonly sentence: number | null;
  readonly confidence: number | null;
  readonly note: string | null;
}

export interface SourceModel {
  readonly id: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly titleEn: string | null;
  readonly publisher: string | null;
  readonly language: string | null;
  /** When the source was published, as precisely as known (what as-of views go by). */
  readonly published: FuzzyDateModel | null;
  /** Record time: when this graph last learned something from it (an ISO instant); null for sources loaded before it was kept. */
  readonly recordedAt?: string | null;
}

export interface FuzzyDateModel {
  readonly iso: string;
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
  readonly precision: DatePrecision;
  readonly inferred: boolean;
  readonly earliest: string;
  readonly latest: string;
  readonly note: string | null;
}

export interface QuoteModel {
  readonly evidence: EvidenceModel;
  /** Who said it: an entity id, when the source says. */
  readonly speakerId: string | null;
}

export interface EntityModel extends EntityFieldValues {
  readonly label: EntityLabel;
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly aliases: readonly string[];
  readonly evidence: readonly EvidenceModel[];
  /** Ids other bundles gave this entity; they resolve to it. */
  readonly redirectIds: readonly string[];
  /** The day this is the view as of (src/domain/as-of.ts); absent for the current view. Fields below it read the same day. */
  readonly asOf?: string;
}

export interface EventModel {
  readonly label: 'Event';
  readonly id: string;
  readonly title: string;
  readonly titleEn: string | null;
  readonly type: string;
  readonly cameo: string | null;
  readonly description: string | null;
  readonly date: FuzzyDateModel;
  readonly endDate: FuzzyDateModel | null;
  readonly reported: FuzzyDateModel | null;
  readonly timelineKey: string;
  readonly evidence: readonly EvidenceModel[];
  /** True when its sources give dates that cannot all be right. */
  readonly disputed: boolean;
  /** Each source's date (ISO), in the order the resolution ranks the sources. */
  readonly claimedDates: readonly string[];
  readonly quotes: readonly QuoteModel[];
  readonly redirectIds: readonly string[];
  /** The day this is the view as of (src/domain/as-of.ts); absent for the current view. Fields below it read the same day. */
  readonly asOf?: string;
}

export type NodeModel = EntityModel | EventModel;

export interface ParticipationModel {
  readonly role: string;
  /** The first-ranked source's own wording of the role ("presidente"), if it gives one. */
  readonly title: string | null;
  readonly entity: EntityModel;
  /** How an entity that is not a participant itself is involved: the LED_BY through which it leads one. */
  readonly via?: RelationshipModel;
}

/** Who signed an agreement or is bound by it, with the quotes that say so. */
export interface AgreementPartyModel {
  /** `signatory` (SIGNED) or `party` (PARTY_TO). */
  readonly role: 'signatory' | 'party';
  readonly entity: EntityModel;
  readonly evidence: readonly EvidenceModel[];
}

/** The names of an agreement's signatories and parties, as the feeds print them. */
export interface AgreementSummary {
  readonly id: string;
  readonly name: string;
  readonly signatories: readonly string[];
  readonly parties: readonly string[];
}

/** What an event connects to, loaded in one batch for a page of events. */
export interface EventDetails {
  readonly participants: readonly ParticipationModel[];
  /**
   * Heads of state or government of participating countries, involved through leading them at
   * the event's date (head-led types only); role and title are the leadership's, `via` its LED_BY.
   * Absent where a reader built details without them (a feed's placeholder): none.
   */
  readonly heads?: readonly ParticipationModel[];
  readonly place: EntityModel | null;
  readonly agreements: readonly EntityModel[];
  /** The agreements with who signed them and who is bound (for the feeds' text). */
  readonly agreementSummaries: readonly AgreementSummary[];
  readonly related: readonly EventModel[];
}

export interface RelationshipModel {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly role: string | null;
  /** Each source's wording of the role, distinct. */
  readonly titles: readonly string[];
  readonly evidence: readonly EvidenceModel[];
  /** A leadership's first and last possible day (YYYY-MM-DD), where its sources give them. */
  readonly since?: string;
  readonly until?: string;
}

export interface PathModel {
  readonly nodes: readonly NodeModel[];
  readonly relationships: readonly RelationshipModel[];
}

export interface SubgraphModel {
  readonly nodes: readonly NodeModel[];
  readonly relationships: readonly RelationshipModel[];
}
