import { GovernanceMembership, PartyRef } from '../governance/governance';
import { CharterTier, HealthScores, LifeStage } from './partnership.events';

export interface Charter {
  version: number;
  tiers: CharterTier[];
  businessReviewCadenceDays: number;
}

export interface AssessmentRecord {
  assessmentId: string;
  /** When the assessment was made (the event's occurredAt); null only if replayed without metadata. */
  assessedAt: string | null;
  scores: HealthScores;
}

export interface FormedPartnership {
  status: 'formed';
  partnershipId: string;
  name: string;
  parties: PartyRef[];
  stage: LifeStage;
  charter: Charter | null;
  /** Every seat ever held, current and past: decisions are judged as of their date. */
  memberships: GovernanceMembership[];
  reviewIds: string[];
  assessments: AssessmentRecord[];
}

export type PartnershipState = { status: 'none' } | FormedPartnership;

export const initialPartnershipState: PartnershipState = { status: 'none' };
