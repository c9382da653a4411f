import { decodeEntityClaim, decodeEventClaim, rankClaims, type DateStatement } from '../domain/claims';
import { decodeEvidence, encodeEvidence, type EvidenceSpan } from '../domain/evidence';
import { entityFieldsOf, type EntityFieldValues } from '../domain/entity-fields';
import { parseFuzzyDate, type FuzzyDate } from '../domain/fuzzy-date';
import type { EvidenceModel, FuzzyDateModel } from '../domain/types';

/** Views of stored claims for the API: every source's word, earliest-published source first. */

export interface DateClaimModel {
  readonly sourceId: string;
  readonly date: FuzzyDateModel;
  readonly evidence: readonly EvidenceModel[];
}

export interface EntityClaimModel extends EntityFieldValues {
  readonly sourceId: string;
  readonly bundleId: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly aliases: readonly string[];
  readonly evidence: readonly EvidenceModel[];
}

export interface EventClaimModel {
  readonly sourceId: string;
  readonly bundleId: string;
  readonly type: string;
  readonly title: string;
  readonly titleEn: string | null;
  readonly description: string | null;
  readonly date: FuzzyDateModel;
  readonly endDate: FuzzyDateModel | null;
  readonly evidence: readonly EvidenceModel[];
}

export function toEntityClaims(stored: readonly string[]): EntityClaimModel[] {
  return rankClaims(stored.map(decodeEntityClaim)).map((claim) => ({
    sourceId: claim.source.id,
    bundleId: claim.bundleId,
    name: claim.name,
    nameEn: claim.nameEn,
    aliases: claim.aliases,
    ...entityFieldsOf(claim),
    evidence: evidenceOf(claim.source.id, claim.evidence),
  }));
}

export function toEventClaims(stored: readonly string[]): EventClaimModel[] {
  return rankClaims(stored.map(decodeEventClaim)).map((claim) => ({
    sourceId: claim.source.id,
    bundleId: claim.bundleId,
    type: claim.type,
    title: claim.title,
    titleEn: claim.titleEn,
    description: claim.description,
    date: toDateModel(claim.date),
    endDate: claim.endDate ? toDateModel(claim.endDate) : null,
    evidence: evidenceOf(claim.source.id, claim.evidence),
  }));
}

export function toDateClaims(stored: readonly string[]): DateClaimModel[] {
  return rankClaims(stored.map(decodeEventClaim)).map((claim) => ({
    sourceId: claim.source.id,
    date: toDateModel(claim.date),
    evidence: evidenceOf(claim.source.id, claim.date.evidence),
  }));
}

function toDateModel(statement: DateStatement): FuzzyDateModel {
  const date = parseFuzzyDate(statement.iso) as FuzzyDate;
  return { ...date, inferred: statement.inferred, note: statement.note };
}

function evidenceOf(sourceId: string, spans: readonly EvidenceSpan[]): EvidenceModel[] {
  return spans.map((span) => decodeEvidence(encodeEvidence(sourceId, span)));
}
