import { createHash } from 'node:crypto';
import type {
  ClaimRank,
  ClaimSource,
  DateStatement,
  EntityClaim,
  EventClaim,
  RelationshipClaim,
  SourceRecord,
} from '../domain/claims';
import { canonicalJson } from '../domain/canonical-json';
import { entityFieldsOf } from '../domain/entity-fields';
import { encodeEvidence, type EvidenceSpan } from '../domain/evidence';
import { parseFuzzyDate } from '../domain/fuzzy-date';
import type { RelationshipType } from '../domain/model';
import { relationshipKey } from '../domain/relationship-key';
import type { BundleDate, Evidence } from '../bundle/bundle-schema';
import type { Resolution } from './resolve-entities';
import type { ValidatedBundle } from '../bundle/validate-bundle';

/** One relationship a source states, between resolved ids. */
export interface RelationshipStatement {
  readonly type: RelationshipType;
  readonly from: string;
  readonly to: string;
  /** The role key, or '' for a relationship without a role. */
  readonly key: string;
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly claim: RelationshipClaim;
}

/** Everything one source contributes to the graph, keyed by the ids it resolves to. */
export interface SourceClaims {
  readonly sourceId: string;
  /** Properties of the Source node. */
  readonly source: SourceRecord;
  readonly entities: ReadonlyMap<string, EntityClaim>;
  readonly events: ReadonlyMap<string, EventClaim>;
  /** By relationshipKey(type, from, to, key). */
  readonly relationships: ReadonlyMap<string, RelationshipStatement>;
}

/** A rank other than normal, as claims store it (normal is left out, as in claims stored before ranks). */
function rankOf(rank: ClaimRank | undefined): { rank?: ClaimRank } {
  return rank === undefined || rank === 'normal' ? {} : { rank };
}

/** The claims of a validated bundle, its ids already resolved. */
export function toSourceClaims(validated: ValidatedBundle, resolution: Resolution): SourceClaims {
  const { bundle } = validated;
  const sourceId = bundle.source.id;
  const published = dateStatement(bundle.source.published);
  const source: ClaimSource = {
    id: sourceId,
    language: bundle.source.language,
    published: published ? (parseFuzzyDate(published.iso)?.earliest ?? null) : null,
  };
  const { resolveId } = resolution;

  const entities = new Map<string, EntityClaim>();
  for (const entity of bundle.entities) {
    entities.set(resolveId(entity.id), {
      source,
      ...rankOf(entity.rank),
      bundleId: entity.id,
      label: entity.label,
      name: entity.name,
      nameEn: entity.nameEn,
      aliases: entity.aliases,
      ...entityFieldsOf(entity),
      evidence: spans(entity.evidence),
    });
  }

  const events = new Map<string, EventClaim>();
  for (const event of bundle.events) {
    events.set(resolveId(event.id), {
      source,
      ...rankOf(event.rank),
      bundleId: event.id,
      type: event.type,
      title: event.title,
      titleEn: event.titleEn,
      description: event.description ?? null,
      date: dateStatement(event.date) as DateStatement,
      endDate: dateStatement(event.endDate),
      reported: published ? { iso: published.iso, inferred: published.inferred, note: published.note } : null,
      quotes: event.quotes.map(({ speaker, ...span }) => ({
        speaker: speaker === undefined ? null : resolveId(speaker),
        span: spanOf(span),
      })),
      evidence: spans(event.evidence),
    });
  }

  const relationships = new Map<string, RelationshipStatement>();
  for (const relationship of bundle.relationships) {
    const from = resolveId(relationship.from);
    const to = resolveId(relationship.to);
    const type = relationship.type as RelationshipType;
    const key = relationship.role ?? '';
    relationships.set(relationshipKey(type, from, to, key), {
      type,
      from,
      to,
      key,
      fromLabel: resolution.labelOf(relationship.from),
      toLabel: resolution.labelOf(relationship.to),
      claim: {
        source,
        title: relationship.title ?? null,
        // Only when given, so that claims stored before leadership periods existed encode the same.
        ...(relationship.since !== undefined ? { since: relationship.since } : {}),
        ...(relationship.until !== undefined ? { until: relationship.until } : {}),
        note: relationship.note ?? null,
        evidence: spans(relationship.evidence),
      },
    });
  }

  return {
    sourceId,
    source: {
      id: sourceId,
      url: bundle.source.url ?? null,
      title: bundle.source.title ?? null,
      titleEn: bundle.source.titleEn ?? null,
      publisher: bundle.source.publisher ?? null,
      language: bundle.source.language,
      published,
      text: validated.sourceText,
      textSha256: createHash('sha256').update(validated.sourceText).digest('hex'),
      evidence: bundle.source.evidence.map((evidence) => encodeEvidence(sourceId, spanOf(evidence))),
      bundle: canonicalJson(withoutText(bundle)),
    },
    entities,
    events,
    relationships,
  };
}

/** The bundle without its text (stored beside it) or the file it was read from. */
function withoutText(bundle: ValidatedBundle['bundle']): unknown {
  const { text: _text, textFile: _textFile, ...source } = bundle.source;
  return { ...bundle, source };
}

function dateStatement(date: BundleDate | undefined): DateStatement | null {
  if (!date) return null;
  return { iso: date.iso, inferred: date.inferred, note: date.note ?? null, evidence: spans(date.evidence) };
}

function spans(list: readonly Evidence[]): EvidenceSpan[] {
  return list.map(spanOf);
}

/** Only the fields of a span, in one order, whatever else the bundle object holds. */
function spanOf(evidence: Evidence): EvidenceSpan {
  return {
    quote: evidence.quote,
    start: evidence.start,
    end: evidence.end,
    sentence: evidence.sentence,
    confidence: evidence.confidence,
    ...(evidence.note ? { note: evidence.note } : {}),
  };
}
