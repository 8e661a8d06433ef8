import { CommandBase, TickBase } from '../../shared/event';
import { DisputeStep } from '../contract.state';
import { DisputeOutcome } from './dispute.events';

export interface OpenDispute extends CommandBase {
  type: 'OpenDispute';
  disputeId: string;
  subject: string;
  raisedByPartyId: string;
  respondentPartyId: string;
  /** When the formal dispute notice was served; defaults to occurredAt. */
  formalNoticeAt?: string;
  escalationId?: string;
}

export interface AdvanceDispute extends CommandBase {
  type: 'AdvanceDispute';
  disputeId: string;
  toStep: DisputeStep;
  reason: string;
}

export interface SubmitPositionPaper extends CommandBase {
  type: 'SubmitPositionPaper';
  disputeId: string;
  partyId: string;
  /** SHA-256 of the paper, lowercase hex, computed by the caller (the domain does no hashing). */
  contentHash: string;
  documentRef?: string;
}

export interface ScheduleMediation extends CommandBase {
  type: 'ScheduleMediation';
  disputeId: string;
  scheduledFor: string;
  mediator: string;
}

export interface ResolveDispute extends CommandBase {
  type: 'ResolveDispute';
  disputeId: string;
  outcome: DisputeOutcome;
  summary: string;
}

/** Scheduler: a dispute whose mediation was not scheduled by its deadline is marked, once. */
export interface MarkMediationSchedulingOverdue extends TickBase {
  type: 'MarkMediationSchedulingOverdue';
}

export type DisputeCommand = OpenDispute | AdvanceDispute | SubmitPositionPaper | ScheduleMediation | ResolveDispute | MarkMediationSchedulingOverdue;
