import { Tier } from '../../governance/tiers';
import { Instant, ms } from '../../shared/time';
import { decidingTier } from '../change/change.policy';
import { ContractState } from '../contract.state';
import { stepIndex } from '../dispute/dispute.policy';
import { renewalDates } from '../renewal/renewal.policy';

export type ActionKind = 'escalation-response' | 'renewal-decision' | 'collaborative-review' | 'mediation-scheduling' | 'exit-step';

/** Something people must do by a deadline: the tier whose members must act (of one party, or of all). */
export interface ActionDue {
  kind: ActionKind;
  /** The escalation, change, dispute or exit step concerned; null for the contract's renewal. */
  ref: string | null;
  deadline: Instant;
  tier: Tier;
  /** Only that party's members of the tier (an exit step's owner); null: every party's. */
  partyId: string | null;
}

/**
 * Who must act by when on a contract, from its state alone (the deadlines the scheduler enforces are
 * the same dates, but people act before them and some stay open after):
 *
 * - an open escalation: the tier owning its current level, by that level's response deadline (level 3,
 *   the top of the ladder, too: the executive sponsors must still respond);
 * - a renewal whose window is open or whose decision is due: the executive sponsors (renewal is their
 *   decision), by the decision date, until renewed, declined or expired;
 * - a change in collaborative review: the tier deciding the change, by the review's response deadline;
 * - an open dispute not yet past mediation with no mediation scheduled (and not already marked overdue):
 *   the steering committee (the relationship managers of the dispute ladder), by the date mediation
 *   must be held;
 * - an exit step not done, overdue or not: the operational team of the party owning the step, by its due date.
 */
export function actionsDue(state: ContractState): ActionDue[] {
  if (state.status === 'none') return [];
  const out: ActionDue[] = [];
  const add = (kind: ActionKind, ref: string | null, deadline: Instant, tier: Tier, partyId: string | null = null): void => {
    out.push({ kind, ref, deadline, tier, partyId });
  };
  for (const e of Object.values(state.escalations)) if (e.status === 'open') add('escalation-response', e.escalationId, e.dueAt, e.tier);
  if (state.status === 'active' && state.renewal !== null && (state.renewal.phase === 'window-open' || state.renewal.phase === 'decision-due')) {
    add('renewal-decision', null, renewalDates(state.terms, state.renewal.expiresAt).decisionDueAt, 'executive');
  }
  if (state.status === 'active') {
    for (const ch of Object.values(state.changes)) if (ch.status === 'in-review' && ch.respondBy !== null) add('collaborative-review', ch.changeId, ch.respondBy, decidingTier(ch));
  }
  for (const d of Object.values(state.disputes)) {
    if (d.status === 'open' && d.mediationScheduledFor === null && !d.mediationOverdue && stepIndex(d.step) <= stepIndex('mediation')) add('mediation-scheduling', d.disputeId, d.mediationDueBy, 'steering');
  }
  if (state.status === 'exiting' && state.termination !== null) {
    for (const s of state.termination.steps) if (!s.done) add('exit-step', s.stepId, s.dueAt, 'operational', s.ownerPartyId);
  }
  return out.sort((a, b) => ms(a.deadline) - ms(b.deadline) || a.kind.localeCompare(b.kind));
}
