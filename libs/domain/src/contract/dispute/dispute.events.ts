import { DomainEvent } from '../../shared/event';
import { Instant } from '../../shared/time';
import { DisputeStep } from '../contract.state';

export type DisputeOutcome = 'agreement' | 'withdrawn' | 'award';

export type DisputeOpened = DomainEvent<
  'DisputeOpened',
  {
    contractId: string;
    disputeId: string;
    subject: string;
    raisedByPartyId: string;
    respondentPartyId: string;
    /** The formal dispute notice: mediation must be held within the contract's period after it. */
    formalNoticeAt: Instant;
    mediationDueBy: Instant;
    step: 'negotiation';
    escalationId?: string;
  },
  1
>;
export type DisputeAdvanced = DomainEvent<'DisputeAdvanced', { contractId: string; disputeId: string; fromStep: DisputeStep; toStep: DisputeStep; reason: string }, 1>;
export type PositionPaperSubmitted = DomainEvent<
  'PositionPaperSubmitted',
  { contractId: string; disputeId: string; partyId: string; step: DisputeStep; /** SHA-256, hex, computed by the caller */ contentHash: string; documentRef?: string },
  1
>;
export type MediationScheduled = DomainEvent<'MediationScheduled', { contractId: string; disputeId: string; scheduledFor: Instant; mediator: string }, 1>;
/** Beyond the minimum catalogue: mediation was not scheduled in time after the formal notice. */
export type MediationSchedulingOverdue = DomainEvent<'MediationSchedulingOverdue', { contractId: string; disputeId: string; mediationDueBy: Instant }, 1>;
export type DisputeResolved = DomainEvent<
  'DisputeResolved',
  { contractId: string; disputeId: string; step: DisputeStep; outcome: DisputeOutcome; summary: string; binding: boolean },
  1
>;

export type DisputeEvent = DisputeOpened | DisputeAdvanced | PositionPaperSubmitted | MediationScheduled | MediationSchedulingOverdue | DisputeResolved;
