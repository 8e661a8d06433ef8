import { requireDecisionRight } from '../../governance/governance';
import { DomainError, fail } from '../../shared/errors';
import { applyDiff, diffApplies, Json } from '../../shared/json-diff';
import { isAfter, isAtOrBefore } from '../../shared/time';
import { requireText } from '../../shared/validate';
import { ContractDecisionContext, requireGovernanceFor, requireMaster } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { requireActive } from '../contract.guards';
import { ChangeState, ContractState, currentVersion, LiveContract } from '../contract.state';
import { checkWithinMaster } from '../lifecycle/draft';
import { renewalEventsDue } from '../renewal/renewal.policy';
import { ContractTerms } from '../terms/contract-terms';
import { validateTerms } from '../terms/validate-terms';
import { ApproveChange, RejectChange } from './change.commands';
import { decidingTier } from './change.policy';
import { requireChange, reviewLapsed } from './review';

function requireDecidable(ch: ChangeState, at: string): void {
  switch (ch.status) {
    case 'requested':
    case 'review-agreed':
    case 'in-mediation':
      return;
    case 'in-review':
      if (reviewLapsed(ch, at)) return fail('CHANGE.MEDIATION_REQUIRED', `the review deadline ${ch.respondBy} passed without consensus`);
      return fail('CHANGE.REVIEW_OPEN', `the collaborative review is open until ${ch.respondBy}`, { respondBy: ch.respondBy });
    case 'review-failed':
      return fail('CHANGE.MEDIATION_REQUIRED');
    case 'approved':
    case 'rejected':
      return fail('CHANGE.NOT_PENDING', undefined, { status: ch.status });
    default: {
      const _exhaustive: never = ch.status;
      return _exhaustive;
    }
  }
}

/** The amended terms, checked as a whole; a diff made against terms that changed since is stale. */
function amendedTerms(s: LiveContract, ch: ChangeState, at: string, ctx: ContractDecisionContext): ContractTerms {
  if (!diffApplies(s.terms as unknown as Json, ch.diff)) fail('CHANGE.STALE', 'the terms this change was made against have changed since', { changeId: ch.changeId });
  const terms = validateTerms(applyDiff(s.terms as unknown as Json, ch.diff) as unknown as ContractTerms);
  if (terms.expiresAt !== s.terms.expiresAt && isAtOrBefore(terms.expiresAt, at)) {
    throw new DomainError('CONTRACT.INVALID_TERMS', 'an amendment cannot move the expiry into the past', { errors: [{ field: 'expiresAt', rule: 'after-amendment', message: 'expiry after the amendment' }] });
  }
  if (s.masterContractId !== null) checkWithinMaster(terms.expiresAt, requireMaster(ctx, s.masterContractId));
  const outliving = (ctx.addenda ?? []).filter((a) => a.status !== 'expired' && a.status !== 'closed' && isAfter(a.expiresAt, terms.expiresAt));
  if (outliving.length > 0) fail('CONTRACT.ADDENDA_OUTLIVE_MASTER', undefined, { addenda: outliving.map((a) => a.contractId) });
  return terms;
}

/**
 * Approval by the tier owning the level (or higher) turns the change into an amendment carrying the
 * exact diff, effective on approval; each contract linked before or after the change gets a review
 * request; a moved expiry restarts the renewal cycle.
 */
export function approveChange(c: ApproveChange, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const s = requireActive(state);
  const ch = requireChange(s, c.changeId);
  requireDecidable(ch, c.occurredAt);
  const tier = decidingTier(ch);
  requireDecisionRight(requireGovernanceFor(ctx, s.partnershipId), c.actorId, tier, c.occurredAt, `approve ${ch.level} change ${ch.changeId}`);
  const terms = amendedTerms(s, ch, c.occurredAt, ctx);
  const amendmentNumber = s.amendments + 1;
  const events: ContractEvent[] = [
    contractEvent('ChangeApproved', { contractId: s.contractId, changeId: ch.changeId, level: ch.level, tier }),
    contractEvent('ContractAmended', {
      contractId: s.contractId,
      changeId: ch.changeId,
      amendmentNumber,
      termsVersion: currentVersion(s).version + 1,
      effectiveAt: c.occurredAt,
      diff: ch.diff,
    }),
  ];
  for (const linkedContractId of [...new Set([...s.terms.coordinationLinks, ...terms.coordinationLinks])]) {
    events.push(contractEvent('LinkedReviewRequested', { contractId: s.contractId, linkedContractId, changeId: ch.changeId, amendmentNumber }));
  }
  if (s.renewal !== null && terms.expiresAt !== s.terms.expiresAt) {
    const phase = s.renewal.phase === 'declined' ? 'declined' : 'pending';
    events.push(...renewalEventsDue(s.contractId, terms, { ...s.renewal, expiresAt: terms.expiresAt, since: c.occurredAt, phase }, c.occurredAt));
  }
  return events;
}

export function rejectChange(c: RejectChange, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const s = requireActive(state);
  const ch = requireChange(s, c.changeId);
  requireText('reason', c.reason);
  if (ch.status === 'approved' || ch.status === 'rejected') fail('CHANGE.NOT_PENDING', undefined, { status: ch.status });
  const tier = decidingTier(ch);
  requireDecisionRight(requireGovernanceFor(ctx, s.partnershipId), c.actorId, tier, c.occurredAt, `reject ${ch.level} change ${ch.changeId}`);
  return [contractEvent('ChangeRejected', { contractId: s.contractId, changeId: ch.changeId, level: ch.level, reason: c.reason })];
}
