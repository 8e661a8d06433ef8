import { Tier } from '../../governance/tiers';
import { Instant, isAtOrBefore, isPast } from '../../shared/time';
import { contractEvent } from '../contract.events';
import { dated } from '../contract.guards';
import { DISPUTE_STEPS, DisputeState, DisputeStep, LiveContract } from '../contract.state';
import { MediationSchedulingOverdue } from './dispute.events';

/**
 * Who takes each step of the ladder: the operational team negotiates, the steering committee members
 * act as relationship managers, and the executive sponsors take a dispute to mediation and arbitration.
 */
export function tierForStep(step: DisputeStep): Tier {
  switch (step) {
    case 'negotiation':
      return 'operational';
    case 'relationship-managers':
      return 'steering';
    case 'mediation':
    case 'arbitration':
      return 'executive';
    default: {
      const _exhaustive: never = step;
      return _exhaustive;
    }
  }
}

export function nextStep(step: DisputeStep): DisputeStep | null {
  const i = DISPUTE_STEPS.indexOf(step);
  return i + 1 < DISPUTE_STEPS.length ? DISPUTE_STEPS[i + 1] : null;
}

export function stepIndex(step: DisputeStep): number {
  return DISPUTE_STEPS.indexOf(step);
}

/** Mediation missed its deadline at `at`: not scheduled, and the period after the notice has run out. */
export function mediationLapsed(d: DisputeState, at: Instant): boolean {
  return d.status === 'open' && d.mediationScheduledFor === null && !d.mediationOverdue && stepIndex(d.step) <= stepIndex('mediation') && isPast(d.mediationDueBy, at);
}

/** Mediation was held (its date reached) or can no longer be: either way the ladder may go on to arbitration. */
export function mediationDone(d: DisputeState, at: Instant): boolean {
  return (d.mediationScheduledFor !== null && isAtOrBefore(d.mediationScheduledFor, at)) || d.mediationOverdue || mediationLapsed(d, at);
}

export function mediationOverdueEvent(c: LiveContract, d: DisputeState): MediationSchedulingOverdue {
  return dated(contractEvent('MediationSchedulingOverdue', { contractId: c.contractId, disputeId: d.disputeId, mediationDueBy: d.mediationDueBy }), d.mediationDueBy);
}
