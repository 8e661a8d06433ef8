import { ChangeLevel, Tier } from '../../governance/tiers';
import { DomainEvent } from '../../shared/event';
import { JsonChange } from '../../shared/json-diff';
import { Money } from '../../shared/money';
import { Instant } from '../../shared/time';

export type ChangeLevelReason = 'proposed' | 'cost-impact-above-threshold' | 'fundamental-terms';

export type ChangeRequested = DomainEvent<
  'ChangeRequested',
  {
    contractId: string;
    changeId: string;
    title: string;
    rationale: string;
    proposedLevel: ChangeLevel;
    /** The level that applies: the proposal, raised by the cost impact or by fundamental terms. */
    level: ChangeLevel;
    levelReasons: ChangeLevelReason[];
    costImpact: Money;
    /** |cost impact| / contract value, as a percentage with two decimals. */
    costImpactPercent: string | null;
    baseTermsVersion: number;
    diff: JsonChange[];
  },
  1
>;
export type CollaborativeReviewOpened = DomainEvent<'CollaborativeReviewOpened', { contractId: string; changeId: string; respondBy: Instant }, 1>;
/** Beyond the minimum catalogue: the collaborative discussion ended, in consensus or not. */
export type CollaborativeReviewConcluded = DomainEvent<
  'CollaborativeReviewConcluded',
  { contractId: string; changeId: string; outcome: 'consensus' | 'no-consensus'; summary: string },
  1
>;
/** Beyond the minimum catalogue: the response deadline passed with no conclusion: the review failed. */
export type CollaborativeReviewOverdue = DomainEvent<'CollaborativeReviewOverdue', { contractId: string; changeId: string; respondBy: Instant }, 1>;
export type ChangeApproved = DomainEvent<'ChangeApproved', { contractId: string; changeId: string; level: ChangeLevel; tier: Tier }, 1>;
export type ChangeRejected = DomainEvent<'ChangeRejected', { contractId: string; changeId: string; level: ChangeLevel; reason: string }, 1>;
export type ChangeReferredToMediation = DomainEvent<'ChangeReferredToMediation', { contractId: string; changeId: string; reason: string; mediator?: string }, 1>;
export type LinkedReviewRequested = DomainEvent<
  'LinkedReviewRequested',
  { contractId: string; linkedContractId: string; changeId: string; amendmentNumber: number },
  1
>;
/**
 * Beyond the minimum catalogue: on the linked contract's own stream, the review request of a
 * LinkedReviewRequested of another contract (its metadata causation id is that event's id).
 */
export type LinkedReviewReceived = DomainEvent<
  'LinkedReviewReceived',
  { contractId: string; sourceContractId: string; changeId: string; amendmentNumber: number },
  1
>;

export type ChangeEvent =
  | ChangeRequested
  | CollaborativeReviewOpened
  | CollaborativeReviewConcluded
  | CollaborativeReviewOverdue
  | ChangeApproved
  | ChangeRejected
  | ChangeReferredToMediation
  | LinkedReviewRequested
  | LinkedReviewReceived;
