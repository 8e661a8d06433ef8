import { addDays, earliest, Instant, isAtOrAfter, latest } from '../../shared/time';
import { contractEvent } from '../contract.events';
import { dated } from '../contract.guards';
import { RenewalState } from '../contract.state';
import { ContractTerms } from '../terms/contract-terms';
import { RenewalDecisionDue, RenewalWindowOpened } from './renewal.events';

/** Both renewal dates derive from the expiry in force, so moving the expiry moves them. */
export function renewalDates(terms: ContractTerms, expiresAt: Instant = terms.expiresAt): { opensAt: Instant; decisionDueAt: Instant } {
  return {
    opensAt: addDays(expiresAt, -terms.renewal.windowOpensDaysBeforeExpiry),
    decisionDueAt: addDays(expiresAt, -terms.renewal.decisionDueDaysBeforeExpiry),
  };
}

/**
 * The last instant a renewal can be declined. For an auto-renewing contract the non-renewal notice
 * must reach the other party by the decision date AND a full notice period before expiry, whichever
 * comes first. A contract that does not renew by itself just expires: declining it is a record of
 * intent, possible until expiry.
 */
export function declineDeadline(terms: ContractTerms): Instant {
  if (!terms.autoRenew) return terms.expiresAt;
  return earliest(renewalDates(terms).decisionDueAt, addDays(terms.expiresAt, -terms.noticePeriodDays));
}

/**
 * The renewal events due at `now` for the renewal cycle, each dated when it became due (never before
 * the expiry came into force). Each is emitted once per expiry: the phase records it.
 */
export function renewalEventsDue(contractId: string, terms: ContractTerms, renewal: RenewalState, now: Instant): Array<RenewalWindowOpened | RenewalDecisionDue> {
  if (renewal.phase === 'declined' || renewal.phase === 'decision-due') return [];
  const { opensAt, decisionDueAt } = renewalDates(terms, renewal.expiresAt);
  const data = { contractId, expiresAt: renewal.expiresAt, decisionDueAt, autoRenew: terms.autoRenew };
  const out: Array<RenewalWindowOpened | RenewalDecisionDue> = [];
  if (renewal.phase === 'pending' && isAtOrAfter(now, opensAt)) out.push(dated(contractEvent('RenewalWindowOpened', data), latest(opensAt, renewal.since)));
  if (isAtOrAfter(now, decisionDueAt) && (renewal.phase === 'window-open' || out.length > 0)) {
    out.push(dated(contractEvent('RenewalDecisionDue', data), latest(decisionDueAt, renewal.since)));
  }
  return out;
}
