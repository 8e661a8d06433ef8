import { PartyRef } from '../governance/governance';
import { Tier } from '../governance/tiers';
import { CommandBase } from '../shared/event';
import { AssessmentSource, BusinessReviewKind, CharterTier, HealthScores, LifeStage } from './partnership.events';

export interface FormPartnership extends CommandBase {
  type: 'FormPartnership';
  partnershipId: string;
  name: string;
  parties: PartyRef[];
}

export interface AdoptGovernanceCharter extends CommandBase {
  type: 'AdoptGovernanceCharter';
  /** Defaults to the standard three tiers (DEFAULT_CHARTER_TIERS). */
  tiers?: CharterTier[];
  /** How often the partnership holds business reviews; default 90 days (quarterly). */
  businessReviewCadenceDays?: number;
}

export interface AppointGovernanceMember extends CommandBase {
  type: 'AppointGovernanceMember';
  personId: string;
  name: string;
  partyId: string;
  tier: Tier;
  /** When the seat is taken; defaults to occurredAt. */
  effectiveFrom?: string;
}

export interface RemoveGovernanceMember extends CommandBase {
  type: 'RemoveGovernanceMember';
  personId: string;
  reason: string;
  /** When the seat is left; defaults to occurredAt. */
  effectiveUntil?: string;
}

export interface HoldBusinessReview extends CommandBase {
  type: 'HoldBusinessReview';
  reviewId: string;
  kind: BusinessReviewKind;
  attendees: string[];
  summary: string;
  contractIds?: string[];
}

export interface RecordHealthAssessment extends CommandBase {
  type: 'RecordHealthAssessment';
  assessmentId: string;
  source: AssessmentSource;
  scores: HealthScores;
  notes?: string;
}

export interface ChangePartnershipStage extends CommandBase {
  type: 'ChangePartnershipStage';
  stage: LifeStage;
  reason: string;
}

export type PartnershipCommand =
  | FormPartnership
  | AdoptGovernanceCharter
  | AppointGovernanceMember
  | RemoveGovernanceMember
  | HoldBusinessReview
  | RecordHealthAssessment
  | ChangePartnershipStage;

export type PartnershipCommandType = PartnershipCommand['type'];

export const PARTNERSHIP_COMMAND_TYPES = [
  'FormPartnership',
  'AdoptGovernanceCharter',
  'AppointGovernanceMember',
  'RemoveGovernanceMember',
  'HoldBusinessReview',
  'RecordHealthAssessment',
  'ChangePartnershipStage',
] as const satisfies readonly PartnershipCommandType[];
