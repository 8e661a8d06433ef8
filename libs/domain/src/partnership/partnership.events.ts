import { PartyRef } from '../governance/governance';
import { Tier } from '../governance/tiers';
import { DomainEvent } from '../shared/event';
import { Instant } from '../shared/time';

export const LIFE_STAGES = ['forming', 'operating', 'renewing', 'exiting'] as const;
export type LifeStage = (typeof LIFE_STAGES)[number];

export interface CharterTier {
  tier: Tier;
  name: string;
  /** What the tier decides, in the charter's words (3-2-1 sets what each tier approves). */
  decisionRights: string[];
}

export interface HealthScores {
  /** Timeliness, accuracy: 0–100. */
  operational: number;
  /** Communication, conflict resolution: 0–100. */
  relational: number;
  /** Innovation, shared insight: 0–100. */
  strategic: number;
}

export type AssessmentSource =
  | { kind: 'business-review'; reviewId: string }
  | { kind: 'survey'; surveyId: string }
  | { kind: 'other'; description: string };

export const BUSINESS_REVIEW_KINDS = ['quarterly', 'annual', 'ad-hoc'] as const;
export type BusinessReviewKind = (typeof BUSINESS_REVIEW_KINDS)[number];

export type PartnershipFormed = DomainEvent<'PartnershipFormed', { partnershipId: string; name: string; parties: PartyRef[]; stage: LifeStage }, 1>;
export type GovernanceCharterAdopted = DomainEvent<
  'GovernanceCharterAdopted',
  { partnershipId: string; charterVersion: number; tiers: CharterTier[]; businessReviewCadenceDays: number },
  1
>;
export type GovernanceMemberAppointed = DomainEvent<
  'GovernanceMemberAppointed',
  { partnershipId: string; personId: string; name: string; partyId: string; tier: Tier; from: Instant },
  1
>;
export type GovernanceMemberRemoved = DomainEvent<
  'GovernanceMemberRemoved',
  { partnershipId: string; personId: string; partyId: string; tier: Tier; until: Instant; reason: string },
  1
>;
export type BusinessReviewHeld = DomainEvent<
  'BusinessReviewHeld',
  { partnershipId: string; reviewId: string; kind: BusinessReviewKind; attendees: string[]; summary: string; contractIds: string[] },
  1
>;
export type HealthAssessmentRecorded = DomainEvent<
  'HealthAssessmentRecorded',
  { partnershipId: string; assessmentId: string; source: AssessmentSource; scores: HealthScores; notes?: string },
  1
>;
export type PartnershipStageChanged = DomainEvent<'PartnershipStageChanged', { partnershipId: string; from: LifeStage; to: LifeStage; reason: string }, 1>;

export type PartnershipEvent =
  | PartnershipFormed
  | GovernanceCharterAdopted
  | GovernanceMemberAppointed
  | GovernanceMemberRemoved
  | BusinessReviewHeld
  | HealthAssessmentRecorded
  | PartnershipStageChanged;

export type PartnershipEventType = PartnershipEvent['type'];

export const PARTNERSHIP_EVENT_TYPES = [
  'PartnershipFormed',
  'GovernanceCharterAdopted',
  'GovernanceMemberAppointed',
  'GovernanceMemberRemoved',
  'BusinessReviewHeld',
  'HealthAssessmentRecorded',
  'PartnershipStageChanged',
] as const satisfies readonly PartnershipEventType[];

export function partnershipEvent<T extends PartnershipEventType>(
  type: T,
  data: Extract<PartnershipEvent, { type: T }>['data'],
  occurredAt?: string,
): Extract<PartnershipEvent, { type: T }> {
  return { type, schemaVersion: 1, data, ...(occurredAt === undefined ? {} : { occurredAt }) } as Extract<PartnershipEvent, { type: T }>;
}
