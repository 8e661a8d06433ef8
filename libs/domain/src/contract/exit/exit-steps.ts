import { DomainError, fail } from '../../shared/errors';
import { compact } from '../../shared/event';
import { isAtOrAfter, isBefore, isPast, ms } from '../../shared/time';
import { requireText } from '../../shared/validate';
import { ContractDecisionContext, requireMaster } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { dated, requireStatus } from '../contract.guards';
import { ContractState, TerminationState } from '../contract.state';
import { CloseContract, CompleteExitStep, MarkOverdueExitSteps } from './exit.commands';

function terminationOf(state: ContractState): { contractId: string; t: TerminationState } {
  const c = requireStatus(state, ['exiting'], 'CONTRACT.NOT_EXITING');
  if (c.termination === null) throw new DomainError('CONTRACT.NOT_EXITING');
  return { contractId: c.contractId, t: c.termination };
}

export function completeExitStep(cmd: CompleteExitStep, state: ContractState): ContractEvent[] {
  const { contractId, t } = terminationOf(state);
  if (cmd.evidence !== undefined) requireText('evidence', cmd.evidence, 2000);
  const step = t.steps.find((s) => s.stepId === cmd.stepId);
  if (!step) fail('EXIT.STEP_NOT_FOUND', undefined, { stepId: cmd.stepId });
  if (step.done) fail('EXIT.STEP_ALREADY_COMPLETED', undefined, { stepId: cmd.stepId });
  return [contractEvent('ExitStepCompleted', compact({ contractId, stepId: step.stepId, late: isAtOrAfter(cmd.occurredAt, step.dueAt), evidence: cmd.evidence }))];
}

export function markOverdueExitSteps(cmd: MarkOverdueExitSteps, state: ContractState): ContractEvent[] {
  if (state.status !== 'exiting' || state.termination === null) return [];
  return state.termination.steps
    .filter((s) => !s.done && !s.overdue && isPast(s.dueAt, cmd.now))
    .sort((a, b) => ms(a.dueAt) - ms(b.dueAt))
    .map((s) => dated(contractEvent('ExitStepOverdue', { contractId: state.contractId, stepId: s.stepId, dueAt: s.dueAt }), s.dueAt));
}

/** Closing needs every exit step done and the termination in effect; an addendum closes with its master. */
export function closeContract(cmd: CloseContract, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const { contractId, t } = terminationOf(state);
  const outstanding = t.steps.filter((s) => !s.done).map((s) => s.stepId);
  if (outstanding.length > 0) fail('EXIT.STEPS_OUTSTANDING', `exit steps not done: ${outstanding.join(', ')}`, { outstanding });
  if (isBefore(cmd.occurredAt, t.effectiveAt)) fail('TERMINATION.NOT_EFFECTIVE', `the termination takes effect on ${t.effectiveAt}`, { effectiveAt: t.effectiveAt });
  if (t.coveredByMaster !== null && requireMaster(ctx, t.coveredByMaster).status !== 'closed') {
    fail('ADDENDUM.MASTER_NOT_CLOSED', undefined, { masterContractId: t.coveredByMaster });
  }
  return [contractEvent('ContractClosed', { contractId })];
}
