import { requireDecisionRight } from '../../governance/governance';
import { DomainError, fail } from '../../shared/errors';
import { addDays, earliest, Instant, isAfter, isAtOrAfter, isBefore } from '../../shared/time';
import { requireInt, requireText } from '../../shared/validate';
import { ContractDecisionContext, requireGovernanceFor, requireMaster } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { dated, requireActive } from '../contract.guards';
import { ContractState, LiveContract, RenewalState } from '../contract.state';
import { DeclineRenewal, OpenDueRenewalWindows, ProcessExpiry, RenewContract } from './renewal.commands';
import { declineDeadline, renewalDates, renewalEventsDue } from './renewal.policy';

function renewalOf(c: LiveContract): RenewalState {
  if (c.renewal === null) throw new DomainError('CONTRACT.NOT_ACTIVE');
  return c.renewal;
}

/** An addendum cannot outlive its master: a renewal extends it at most to the master's expiry. */
function renewedExpiry(c: LiveContract, days: number, ctx: ContractDecisionContext): Instant {
  const wanted = addDays(c.terms.expiresAt, days);
  return c.masterContractId === null ? wanted : earliest(wanted, requireMaster(ctx, c.masterContractId).expiresAt);
}

function renewed(c: LiveContract, newExpiresAt: Instant, automatic: boolean, at: Instant, now: Instant): ContractEvent[] {
  const renewal = renewalOf(c);
  const event = contractEvent('ContractRenewed', {
    contractId: c.contractId,
    previousExpiresAt: c.terms.expiresAt,
    newExpiresAt,
    automatic,
    renewalNumber: renewal.renewals + 1,
  });
  const next: RenewalState = { expiresAt: newExpiresAt, since: at, phase: 'pending', renewals: renewal.renewals + 1 };
  return [automatic ? dated(event, at) : event, ...renewalEventsDue(c.contractId, { ...c.terms, expiresAt: newExpiresAt }, next, now)];
}

export function openDueRenewalWindows(cmd: OpenDueRenewalWindows, state: ContractState): ContractEvent[] {
  if (state.status !== 'active' || state.renewal === null) return [];
  return renewalEventsDue(state.contractId, state.terms, state.renewal, cmd.now);
}

/** Renewing is a decision on term length: the executive sponsors take it, in the window, before expiry. */
export function renewContract(cmd: RenewContract, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireActive(state);
  const renewal = renewalOf(c);
  const days = requireInt('renewalTermDays', cmd.renewalTermDays ?? c.terms.renewalTermDays, 1, 36_600);
  if (renewal.phase === 'declined') fail('RENEWAL.ALREADY_DECLINED');
  const { opensAt } = renewalDates(c.terms);
  if (isBefore(cmd.occurredAt, opensAt) || isAtOrAfter(cmd.occurredAt, c.terms.expiresAt)) {
    throw new DomainError('RENEWAL.WINDOW_NOT_OPEN', `the renewal window runs from ${opensAt} until expiry ${c.terms.expiresAt}`, { opensAt, expiresAt: c.terms.expiresAt });
  }
  requireDecisionRight(requireGovernanceFor(ctx, c.partnershipId), cmd.actorId, 'executive', cmd.occurredAt, 'renew the contract');
  const newExpiresAt = renewedExpiry(c, days, ctx);
  if (!isAfter(newExpiresAt, c.terms.expiresAt)) fail('RENEWAL.NOTHING_TO_RENEW', 'the master agreement ends no later than this addendum', { newExpiresAt });
  return renewed(c, newExpiresAt, false, cmd.occurredAt, cmd.occurredAt);
}

/** Declining is notice of non-renewal: it must respect the decision date and the notice period. */
export function declineRenewal(cmd: DeclineRenewal, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireActive(state);
  const renewal = renewalOf(c);
  requireText('reason', cmd.reason);
  if (renewal.phase === 'declined') fail('RENEWAL.ALREADY_DECLINED');
  const deadline = declineDeadline(c.terms);
  if (isAfter(cmd.occurredAt, deadline)) {
    throw new DomainError('RENEWAL.DECISION_DEADLINE_PASSED', `non-renewal had to be notified by ${deadline}`, { deadline });
  }
  requireDecisionRight(requireGovernanceFor(ctx, c.partnershipId), cmd.actorId, 'executive', cmd.occurredAt, 'decline renewal');
  return [contractEvent('RenewalDeclined', { contractId: c.contractId, expiresAt: c.terms.expiresAt, reason: cmd.reason })];
}

/**
 * At expiry an auto-renewing contract renews for its renewal term unless renewal was declined (or, for
 * an addendum, its master ends first); any other contract expires. Dated at the expiry instant. One
 * expiry per call: ProcessDueDeadlines catches up several in order.
 */
export function processExpiry(cmd: ProcessExpiry, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  if (state.status !== 'active') return [];
  const c = state;
  const renewal = renewalOf(c);
  const expiresAt = c.terms.expiresAt;
  if (isBefore(cmd.now, expiresAt)) return [];
  if (c.terms.autoRenew && renewal.phase !== 'declined') {
    const next = renewedExpiry(c, c.terms.renewalTermDays, ctx);
    if (isAfter(next, expiresAt)) return renewed(c, next, true, expiresAt, cmd.now);
    return [dated(contractEvent('ContractExpired', { contractId: c.contractId, expiresAt, reason: 'master-ends' }), expiresAt)];
  }
  const reason = renewal.phase === 'declined' ? 'renewal-declined' : 'term-ended';
  return [dated(contractEvent('ContractExpired', { contractId: c.contractId, expiresAt, reason }), expiresAt)];
}
