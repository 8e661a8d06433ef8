import { Instant, ms } from '../../shared/time';
import { ContractTickCommandType } from '../contract.commands';
import { ContractState } from '../contract.state';
import { stepIndex } from '../dispute/dispute.policy';
import { levelPolicy } from '../escalation/escalation.policy';
import { renewalDates } from '../renewal/renewal.policy';

export type DeadlineKind = 'activation' | 'renewal-window' | 'renewal-decision-due' | 'expiry' | 'escalation' | 'collaborative-review' | 'mediation-scheduling' | 'exit-step';

export interface ContractDeadline {
  kind: DeadlineKind;
  /** The escalation, change, dispute or exit step concerned; null for the contract itself. */
  ref: string | null;
  /** The date as the rules state it (a response deadline, an expiry). */
  deadline: Instant;
  /** The first instant at which running `command` does something: always the date itself, both for
   *  things that begin then (activation, a window, expiry) and for deadlines missed (deadlines are
   *  exclusive: at the deadline instant it is late). */
  runAt: Instant;
  /** The scheduler command to send with `now >= runAt` (see tickCommand). */
  command: ContractTickCommandType;
}

/**
 * Every upcoming deadline of a contract, soonest first, so a scheduler knows what is due when. Pure:
 * computed from the state alone.
 */
export function contractDeadlines(state: ContractState): ContractDeadline[] {
  if (state.status === 'none') return [];
  const out: ContractDeadline[] = [];
  const at = (kind: DeadlineKind, ref: string | null, deadline: Instant, command: ContractTickCommandType): void => {
    out.push({ kind, ref, deadline, runAt: deadline, command });
  };
  if (state.status === 'signed') at('activation', null, state.terms.effectiveFrom, 'ActivateIfDue');
  if (state.status === 'active' && state.renewal !== null) {
    const { opensAt, decisionDueAt } = renewalDates(state.terms, state.renewal.expiresAt);
    if (state.renewal.phase === 'pending') at('renewal-window', null, opensAt, 'OpenDueRenewalWindows');
    if (state.renewal.phase === 'pending' || state.renewal.phase === 'window-open') at('renewal-decision-due', null, decisionDueAt, 'OpenDueRenewalWindows');
    at('expiry', null, state.terms.expiresAt, 'ProcessExpiry');
  }
  if (state.status === 'active') {
    for (const ch of Object.values(state.changes)) if (ch.status === 'in-review' && ch.respondBy !== null) at('collaborative-review', ch.changeId, ch.respondBy, 'MarkOverdueReviews');
  }
  for (const e of Object.values(state.escalations)) {
    if (e.status === 'open' && levelPolicy(state, e.level + 1, e.dueAt)) at('escalation', e.escalationId, e.dueAt, 'EscalateOverdue');
  }
  for (const d of Object.values(state.disputes)) {
    if (d.status === 'open' && d.mediationScheduledFor === null && !d.mediationOverdue && stepIndex(d.step) <= stepIndex('mediation')) {
      at('mediation-scheduling', d.disputeId, d.mediationDueBy, 'MarkMediationSchedulingOverdue');
    }
  }
  if (state.status === 'exiting' && state.termination !== null) {
    for (const s of state.termination.steps) if (!s.done && !s.overdue) at('exit-step', s.stepId, s.dueAt, 'MarkOverdueExitSteps');
  }
  return out.sort((a, b) => ms(a.runAt) - ms(b.runAt));
}
