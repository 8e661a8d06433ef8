import { ChangeLevel } from '../../governance/tiers';
import { CommandBase, TickBase } from '../../shared/event';
import { Money } from '../../shared/money';
import { ContractTerms } from '../terms/contract-terms';

export interface RequestChange extends CommandBase {
  type: 'RequestChange';
  changeId: string;
  title: string;
  rationale: string;
  proposedLevel: ChangeLevel;
  /** The change's effect on cost (may be negative), in the contract's currency. */
  costImpact: Money;
  /** The terms as they would read after the change (top-level fields replaced). */
  proposedTerms: Partial<ContractTerms>;
}

export interface ConcludeCollaborativeReview extends CommandBase {
  type: 'ConcludeCollaborativeReview';
  changeId: string;
  outcome: 'consensus' | 'no-consensus';
  summary: string;
}

export interface ApproveChange extends CommandBase {
  type: 'ApproveChange';
  changeId: string;
}

export interface RejectChange extends CommandBase {
  type: 'RejectChange';
  changeId: string;
  reason: string;
}

export interface ReferChangeToMediation extends CommandBase {
  type: 'ReferChangeToMediation';
  changeId: string;
  reason: string;
  mediator?: string;
}

/**
 * Ecosystem coordination: a contract linked to one that was amended receives the review request
 * (sent by the application's process manager for each LinkedReviewRequested of the other contract).
 */
export interface ReceiveLinkedReview extends CommandBase {
  type: 'ReceiveLinkedReview';
  /** The amended contract whose coordination links name this one. */
  sourceContractId: string;
  changeId: string;
  amendmentNumber: number;
}

/** Scheduler: each collaborative review past its response deadline fails, once. */
export interface MarkOverdueReviews extends TickBase {
  type: 'MarkOverdueReviews';
}

export type ChangeCommand = RequestChange | ConcludeCollaborativeReview | ApproveChange | RejectChange | ReferChangeToMediation | ReceiveLinkedReview | MarkOverdueReviews;
