/**
 * Claims: what one source says about one node or relationship, kept apart from what every other
 * source says. Nodes and relationships store their claims (one canonical JSON string per source,
 * sorted by source id) beside a resolved view that queries and indexes read; the view is a pure
 * function of the claims, so it never depends on the order sources were loaded in.
 *
 * Resolution rule: claims are ordered by the statement's rank (preferred, normal, deprecated; a
 * bundle says `rank` where it corrects another source), then by the source's publication (earliest
 * first; unknown publication last), then by source id. Names, titles, descriptions, subtypes and types come from the first-ranked
 * source that gives them; the English ones (`nameEn`, `titleEn`, `descriptionEn`, `areasEn`) from
 * the first-ranked English-language source, else as the others; the entity's declared fields
 * (entity-fields.ts) alike. Aliases, evidence and quotes are
 * the union of all claims in rank order. Dates: see resolveDate.
 */
import { canonicalJson } from './canonical-json';
import { resolveEntityFields, type EntityFieldValues } from './entity-fields';
import { encodeEvidence, type EvidenceSpan } from './evidence';
import { daysBetween, parseFuzzyDate, type FuzzyDate } from './fuzzy-date';
import { ENTITY_KIND_OF, EVENT_TYPES, type EntityLabel, type EventType } from './model';
import { matchKey } from './normalize';
import { nameVariantText } from './search-text';
import { timelineKey } from './timeline-key';

/** What resolution needs to know of the source behind a claim. */
export interface ClaimSource {
  readonly id: string;
  readonly language: string;
  /** First day the source may have been published (YYYY-MM-DD); null when unknown. */
  readonly published: string | null;
}

/** A date as one source states it. */
export interface DateStatement {
  readonly iso: string;
  /** True when the source does not state the year (or more) and it was worked out. */
  readonly inferred: boolean;
  readonly note: string | null;
  readonly evidence: readonly EvidenceSpan[];
}

/**
 * How much a source's wording of a node (name, title, description, type) counts, as Wikidata
 * ranks statements: preferred first, deprecated never while another claim has wording. Absent
 * means normal (claims stored before ranks existed are normal).
 */
export type ClaimRank = 'preferred' | 'normal' | 'deprecated';
const CLAIM_RANKS: readonly ClaimRank[] = ['preferred', 'normal', 'deprecated'];

/** What a source says of an entity: its names, and the declared fields (entity-fields.ts). */
export interface EntityClaim extends EntityFieldValues {
  readonly source: ClaimSource;
  readonly rank?: ClaimRank;
  /** The id the source's bundle used (another id when it was resolved onto an existing node). */
  readonly bundleId: string;
  readonly label: EntityLabel;
  readonly name: string;
  readonly nameEn: string;
  readonly aliases: readonly string[];
  readonly evidence: readonly EvidenceSpan[];
}

/** Words the source quotes someone as saying at an event. */
export interface QuoteStatement {
  /** The resolved id of who said it, when the source says. */
  readonly speaker: string | null;
  readonly span: EvidenceSpan;
}

export interface EventClaim {
  readonly source: ClaimSource;
  readonly rank?: ClaimRank;
  readonly bundleId: string;
  readonly type: EventType;
  readonly title: string;
  readonly titleEn: string;
  readonly description: string | null;
  readonly date: DateStatement;
  readonly endDate: DateStatement | null;
  /** Report time: when this source reported the event (its publication date), if known. */
  readonly reported: Omit<DateStatement, 'evidence'> | null;
  readonly quotes: readonly QuoteStatement[];
  readonly evidence: readonly EvidenceSpan[];
}

export interface RelationshipClaim {
  readonly source: ClaimSource;
  /** The source's own wording of the role ("presidente", "President"). */
  readonly title: string | null;
  /** A leadership's first and last date as the source gives them (ISO, any precision); absent: open. */
  readonly since?: string;
  readonly until?: string;
  readonly note: string | null;
  readonly evidence: readonly EvidenceSpan[];
}

type Claim = EntityClaim | EventClaim | RelationshipClaim;

/** A source as its Source node stores it: what it is, its full text, and the quote that names it. */
export interface SourceRecord {
  readonly id: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly titleEn: string | null;
  readonly publisher: string | null;
  readonly language: string;
  readonly published: DateStatement | null;
  readonly text: string;
  readonly textSha256: string;
  readonly evidence: readonly string[];
  /**
   * The bundle as it was loaded, its text left out (canonical JSON, the bundle's own ids): what
   * the author's workbench re-opens to correct and reload.
   */
  readonly bundle: string;
}

/** The stored form of a claim. */
export function encodeClaim(claim: Claim): string {
  return canonicalJson(claim);
}

export function decodeEntityClaim(text: string): EntityClaim {
  return JSON.parse(text) as EntityClaim;
}

export function decodeEventClaim(text: string): EventClaim {
  return JSON.parse(text) as EventClaim;
}

export function decodeRelationshipClaim(text: string): RelationshipClaim {
  return JSON.parse(text) as RelationshipClaim;
}

/** Claims in resolution order: earliest-published source first, unknown publication last, then by source id. */
export function rankClaims<T extends { readonly source: ClaimSource }>(claims: readonly T[]): T[] {
  return [...claims].sort(
    (a, b) => compareNullsLast(a.source.published, b.source.published) || compareText(a.source.id, b.source.id),
  );
}

/**
 * Claims in the order their wording counts: by rank (preferred, normal, deprecated), then in
 * resolution order. The date is not worded: it follows rankClaims and the dispute rule.
 */
function rankWording<T extends { readonly source: ClaimSource; readonly rank?: ClaimRank }>(claims: readonly T[]): T[] {
  const weight = (claim: T) => CLAIM_RANKS.indexOf(claim.rank ?? 'normal');
  return rankClaims(claims).sort((a, b) => weight(a) - weight(b));
}

/** Claims as stored: one per source, ordered by source id. */
function storedClaims(claims: readonly Claim[]): string[] {
  return [...claims].sort((a, b) => compareText(a.source.id, b.source.id)).map(encodeClaim);
}

/** A date resolved from claims, with the interval of days it may denote. */
export interface ResolvedDate extends FuzzyDate {
  readonly inferred: boolean;
  readonly note: string | null;
}

export interface DateResolution {
  readonly date: ResolvedDate;
  /** True when two claims cannot both be right (their intervals do not overlap). */
  readonly disputed: boolean;
}

interface DatedClaim {
  readonly source: ClaimSource;
  readonly date: DateStatement;
}

/**
 * The date shown for claims of one date. Calendar intervals nest (a day lies in its month, in its
 * year), so claims that all overlap agree on the most precise of them: that one is shown. Claims
 * that do not all overlap make the date disputed; then the claim overlapping the most claims is
 * shown (a month claim between two day claims is what both agree on), then the more precise,
 * then the earliest published. `inferred` only when every source of the shown date inferred it.
 */
export function resolveDate(claims: readonly DatedClaim[]): DateResolution {
  const ranked = rankClaims(claims).map((claim) => ({ claim, date: parseFuzzyDate(claim.date.iso) as FuzzyDate }));
  if (ranked.length === 0) throw new Error('resolveDate needs at least one claim');
  const overlaps = (a: FuzzyDate, b: FuzzyDate) => a.earliest <= b.latest && b.earliest <= a.latest;
  const disputed = ranked.some((a) => ranked.some((b) => !overlaps(a.date, b.date)));
  const support = (date: FuzzyDate) => ranked.filter((other) => overlaps(date, other.date)).length;
  const chosen = ranked
    .map((item, order) => ({ ...item, order, support: support(item.date) }))
    .sort((a, b) => b.support - a.support || widthOf(a.date) - widthOf(b.date) || a.order - b.order)[0]!;
  const same = ranked.filter((item) => item.date.iso === chosen.date.iso).map((item) => item.claim.date);
  const inferred = same.every((statement) => statement.inferred);
  const note = same.find((statement) => statement.inferred === inferred && statement.note !== null)?.note ?? null;
  return { date: { ...chosen.date, inferred, note }, disputed };
}

/** How many days a date may denote: the narrower of two overlapping dates is the more precise. */
const widthOf = (date: FuzzyDate) => daysBetween(date.earliest, date.latest);

export interface ResolvedEntity extends EntityFieldValues {
  readonly id: string;
  readonly label: EntityLabel;
  readonly kind: string;
  readonly name: string;
  readonly nameEn: string;
  readonly aliases: string[];
  readonly matchKeys: string[];
  /** The match keys as one string, `|kim jong un|kim jong un jr|`, for a text index: entity resolution looks names up by CONTAINS. */
  readonly matchKeyText: string;
  /** Aliases joined for the full-text index. */
  readonly aliasText: string;
  /** Romanisation variants and whole names as one word, for the full-text index (src/domain/search-text.ts). */
  readonly nameVariants: string;
  readonly evidence: string[];
  readonly sourceIds: string[];
  /** Ids other bundles gave this node; they keep resolving to it. */
  readonly redirectIds: string[];
  readonly claims: string[];
}

/** Match keys as one delimited string, for a text index; find a key by CONTAINS matchKeyNeedle(key). */
function matchKeyText(keys: readonly string[]): string {
  return `|${keys.join('|')}|`;
}

/** What matchKeyText contains when it holds `key` (and only then: keys never contain '|'). */
export function matchKeyNeedle(key: string): string {
  return `|${key}|`;
}

/** The resolved view of an entity from its claims (at least one). */
export function resolveEntity(id: string, claims: readonly EntityClaim[]): ResolvedEntity {
  const ranked = rankClaims(claims);
  const worded = rankWording(claims);
  const top = worded[0];
  if (!top) throw new Error(`entity ${id} has no claims`);
  const english = preferEnglish(worded);
  const aliases = unique(ranked.flatMap((claim) => [claim.name, claim.nameEn, ...claim.aliases]));
  const matchKeys = unique(aliases.map(matchKey));
  const names = { name: top.name, nameEn: english[0]!.nameEn };
  return {
    id,
    label: top.label,
    kind: ENTITY_KIND_OF[top.label],
    ...names,
    aliases,
    matchKeys,
    matchKeyText: matchKeyText(matchKeys),
    aliasText: aliases.map((alias) => ` | ${alias}`).join(''),
    nameVariants: nameVariantText({ label: top.label, ...names, aliases }),
    ...resolveEntityFields(worded, english, names),
    evidence: ranked.flatMap((claim) => claim.evidence.map((span) => encodeEvidence(claim.source.id, span))),
    sourceIds: sortedSourceIds(claims),
    redirectIds: redirectIds(id, claims),
    claims: storedClaims(claims),
  };
}

/** A calendar node an event is linked to, for one date its sources claim. */
export interface CalendarLink {
  readonly date: FuzzyDate;
  readonly inferred: boolean;
  readonly evidence: string[];
  readonly sourceIds: string[];
}

export interface ResolvedEvent {
  readonly id: string;
  readonly type: EventType;
  readonly cameo: string;
  readonly title: string;
  readonly titleEn: string;
  readonly description: string | null;
  readonly date: ResolvedDate;
  readonly endDate: ResolvedDate | null;
  readonly reported: ResolvedDate | null;
  readonly disputed: boolean;
  /** Each source's date, in rank order (one per claim). */
  readonly claimedDates: readonly { sourceId: string; date: FuzzyDate }[];
  readonly timelineKey: string;
  readonly evidence: string[];
  /** Quoted words as evidence strings with a `speaker` id, in rank order. */
  readonly quotes: string[];
  readonly sourceIds: string[];
  readonly redirectIds: string[];
  readonly claims: string[];
  /** One link per distinct claimed date: a disputed event sits on each day its sources name. */
  readonly calendar: readonly CalendarLink[];
}

/** The last day of an interval of days (what `endDate` shows for "18–19 June"); null for other dates. */
function lastDayOf(date: ResolvedDate): ResolvedDate | null {
  if (date.precision !== 'RANGE') return null;
  const last = parseFuzzyDate(date.latest) as FuzzyDate;
  return { ...last, inferred: date.inferred, note: date.note };
}

/** The resolved view of an event from its claims (at least one). */
export function resolveEvent(id: string, claims: readonly EventClaim[]): ResolvedEvent {
  const ranked = rankClaims(claims);
  const worded = rankWording(claims);
  const top = worded[0];
  if (!top) throw new Error(`event ${id} has no claims`);
  const english = preferEnglish(worded);
  const { date, disputed } = resolveDate(ranked);
  const ends = ranked.flatMap((claim) => (claim.endDate ? [{ source: claim.source, date: claim.endDate }] : []));
  // Report time is the earliest report, whatever the wording ranks.
  const earliest = ranked[0] as EventClaim;
  const reported = earliest.reported && parseFuzzyDate(earliest.reported.iso);
  return {
    id,
    type: top.type,
    cameo: EVENT_TYPES[top.type].cameo,
    title: top.title,
    titleEn: english[0]!.titleEn,
    description: firstOf(worded, (claim) => claim.description),
    date,
    endDate: ends.length > 0 ? resolveDate(ends).date : lastDayOf(date),
    reported:
      earliest.reported && reported
        ? { ...reported, inferred: earliest.reported.inferred, note: earliest.reported.note }
        : null,
    disputed,
    claimedDates: ranked.map((claim) => ({
      sourceId: claim.source.id,
      date: parseFuzzyDate(claim.date.iso) as FuzzyDate,
    })),
    timelineKey: timelineKey(date, id),
    evidence: ranked.flatMap((claim) => claim.evidence.map((span) => encodeEvidence(claim.source.id, span))),
    quotes: ranked.flatMap((claim) => claim.quotes.map((quote) => encodeQuote(claim.source.id, quote))),
    sourceIds: sortedSourceIds(claims),
    redirectIds: redirectIds(id, claims),
    claims: storedClaims(claims),
    calendar: calendarLinks(ranked),
  };
}

/** A quote is stored as its evidence plus who said it. */
function encodeQuote(sourceId: string, quote: QuoteStatement): string {
  const evidence = JSON.parse(encodeEvidence(sourceId, quote.span)) as Record<string, unknown>;
  return JSON.stringify({ ...evidence, speaker: quote.speaker });
}

function calendarLinks(ranked: readonly EventClaim[]): CalendarLink[] {
  const byIso = new Map<string, EventClaim[]>();
  for (const claim of ranked) byIso.set(claim.date.iso, [...(byIso.get(claim.date.iso) ?? []), claim]);
  return [...byIso].map(([iso, group]) => ({
    date: parseFuzzyDate(iso) as FuzzyDate,
    inferred: group.every((claim) => claim.date.inferred),
    evidence: group.flatMap((claim) => claim.date.evidence.map((span) => encodeEvidence(claim.source.id, span))),
    sourceIds: sortedSourceIds(group),
  }));
}

export interface ResolvedRelationship {
  /** Each source's wording of the role, distinct, in rank order. */
  readonly titles: string[];
  /**
   * The span every source's period covers (YYYY-MM-DD): from the earliest first day any claim
   * gives to the latest last day; null on a side that some claim leaves open.
   */
  readonly since: string | null;
  readonly until: string | null;
  readonly note: string | null;
  /** The highest confidence any piece of evidence gives it. */
  readonly confidence: number;
  readonly evidence: string[];
  readonly sourceIds: string[];
  readonly claims: string[];
}

/** The resolved view of a relationship from its claims (at least one). */
export function resolveRelationship(claims: readonly RelationshipClaim[]): ResolvedRelationship {
  const ranked = rankClaims(claims);
  if (ranked.length === 0) throw new Error('a relationship needs at least one claim');
  return {
    titles: unique(ranked.flatMap((claim) => (claim.title ? [claim.title] : []))),
    ...periodHull(claims),
    note: firstOf(ranked, (claim) => claim.note),
    confidence: Math.max(...ranked.flatMap((claim) => claim.evidence.map((span) => span.confidence))),
    evidence: ranked.flatMap((claim) => claim.evidence.map((span) => encodeEvidence(claim.source.id, span))),
    sourceIds: sortedSourceIds(claims),
    claims: storedClaims(claims),
  };
}

/**
 * The hull of the periods the claims give. A claim that gives none ("President Putin" in a report)
 * says nothing about when: it neither opens nor narrows the period. Among claims that give one, a
 * side any leaves open stays open ("since 2012": still in office). Separate terms of one person
 * are joined (2000–2008 and 2012–2018 read as 2000–2018): one relationship holds one period.
 */
function periodHull(claims: readonly RelationshipClaim[]): { since: string | null; until: string | null } {
  const dated = claims.filter((claim) => claim.since !== undefined || claim.until !== undefined);
  const days = (pick: (claim: RelationshipClaim) => string | undefined, side: 'earliest' | 'latest') =>
    dated.map((claim) => {
      const iso = pick(claim);
      return iso === undefined ? null : (parseFuzzyDate(iso)?.[side] ?? null);
    });
  const starts = days((claim) => claim.since, 'earliest');
  const ends = days((claim) => claim.until, 'latest');
  return {
    since: starts.includes(null) ? null : ([...(starts as string[])].sort(compareText)[0] ?? null),
    until: ends.includes(null) ? null : ([...(ends as string[])].sort(compareText).at(-1) ?? null),
  };
}

/**
 * For the `…En` fields: within each rank, English-language sources first (in resolution order),
 * then the others; so a preferred claim's curated English wording beats a normal English report.
 */
function preferEnglish<T extends { readonly source: ClaimSource; readonly rank?: ClaimRank }>(
  worded: readonly T[],
): T[] {
  const english = (claim: T) => /^en(-|$)/i.test(claim.source.language);
  return CLAIM_RANKS.flatMap((rank) => {
    const group = worded.filter((claim) => (claim.rank ?? 'normal') === rank);
    return [...group.filter(english), ...group.filter((claim) => !english(claim))];
  });
}

function firstOf<T, V>(ranked: readonly T[], pick: (claim: T) => V | null | undefined): V | null {
  for (const claim of ranked) {
    const value = pick(claim);
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

function redirectIds(id: string, claims: readonly { bundleId: string }[]): string[] {
  return unique(claims.map((claim) => claim.bundleId).filter((bundleId) => bundleId !== id)).sort(compareText);
}

function sortedSourceIds(claims: readonly { source: ClaimSource }[]): string[] {
  return unique(claims.map((claim) => claim.source.id)).sort(compareText);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}
