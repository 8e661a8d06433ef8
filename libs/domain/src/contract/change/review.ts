import { requireDecisionRight } from '../../governance/governance';
import { tierForChangeLevel } from '../../governance/tiers';
import { DomainError, fail } from '../../shared/errors';
import { compact } from '../../shared/event';
import { Instant, isPast } from '../../shared/time';
import { requireOneOf, requireText } from '../../shared/validate';
import { ContractDecisionContext, requireGovernanceFor } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { dated, requireActive } from '../contract.guards';
import { ChangeState, ContractState, LiveContract } from '../contract.state';
import { ConcludeCollaborativeReview, MarkOverdueReviews, ReferChangeToMediation } from './change.commands';

export function requireChange(s: LiveContract, changeId: string): ChangeState {
  const change = s.changes[changeId];
  if (!change) throw new DomainError('CHANGE.NOT_FOUND', `no change ${changeId}`, { changeId });
  return change;
}

function overdue(s: LiveContract, ch: ChangeState): ContractEvent {
  const respondBy = ch.respondBy as Instant;
  return dated(contractEvent('CollaborativeReviewOverdue', { contractId: s.contractId, changeId: ch.changeId, respondBy }), respondBy);
}

/** An open review whose deadline has passed at `at` has failed, whether or not the scheduler said so yet. */
export function reviewLapsed(ch: ChangeState, at: Instant): boolean {
  return ch.status === 'in-review' && ch.respondBy !== null && isPast(ch.respondBy, at);
}

/** The collaborative review ends before its response deadline (exclusive), recorded by the owning tier. */
export function concludeCollaborativeReview(c: ConcludeCollaborativeReview, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const s = requireActive(state);
  const ch = requireChange(s, c.changeId);
  const outcome = requireOneOf('outcome', c.outcome, ['consensus', 'no-consensus'] as const);
  requireText('summary', c.summary, 10_000);
  if (ch.status !== 'in-review') fail('CHANGE.REVIEW_NOT_OPEN', undefined, { changeId: c.changeId, status: ch.status });
  if (reviewLapsed(ch, c.occurredAt)) fail('CHANGE.REVIEW_DEADLINE_PASSED', `the review had to conclude by ${ch.respondBy}`, { respondBy: ch.respondBy });
  requireDecisionRight(requireGovernanceFor(ctx, s.partnershipId), c.actorId, tierForChangeLevel(ch.level), c.occurredAt, `conclude the review of change ${ch.changeId}`);
  return [contractEvent('CollaborativeReviewConcluded', { contractId: s.contractId, changeId: ch.changeId, outcome, summary: c.summary })];
}

/** Collaborative discussion first, mediation if that fails: only a failed review goes to mediation. */
export function referChangeToMediation(c: ReferChangeToMediation, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const s = requireActive(state);
  const ch = requireChange(s, c.changeId);
  requireText('reason', c.reason);
  if (c.mediator !== undefined) requireText('mediator', c.mediator, 200);
  const lapsed = reviewLapsed(ch, c.occurredAt);
  if (ch.status !== 'review-failed' && !lapsed) fail('CHANGE.REVIEW_NOT_FAILED', undefined, { changeId: c.changeId, status: ch.status });
  requireDecisionRight(requireGovernanceFor(ctx, s.partnershipId), c.actorId, tierForChangeLevel(ch.level), c.occurredAt, `refer change ${ch.changeId} to mediation`);
  const referred = contractEvent('ChangeReferredToMediation', compact({ contractId: s.contractId, changeId: ch.changeId, reason: c.reason, mediator: c.mediator }));
  return lapsed ? [overdue(s, ch), referred] : [referred];
}

export function markOverdueReviews(c: MarkOverdueReviews, state: ContractState): ContractEvent[] {
  if (state.status !== 'active') return [];
  return Object.values(state.changes)
    .filter((ch) => reviewLapsed(ch, c.now))
    .sort((a, b) => Date.parse(a.respondBy as Instant) - Date.parse(b.respondBy as Instant))
    .map((ch) => overdue(state, ch));
}
