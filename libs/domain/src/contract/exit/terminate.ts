import { requireDecisionRight } from '../../governance/governance';
import { DomainError, fail, invalid } from '../../shared/errors';
import { addDays, isAtOrAfter, isBefore, requireInstant } from '../../shared/time';
import { requireId, requireOneOf, requireText, requireUnique } from '../../shared/validate';
import { ContractDecisionContext, requireGovernanceFor, requireMaster } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { requireActive, requireContractParty, requireStatus } from '../contract.guards';
import { ContractState, EXIT_STEP_KINDS, ExitStep, LiveContract } from '../contract.state';
import { TerminateContract, TerminateWithMaster } from './exit.commands';

function checkedPlan(c: LiveContract, plan: ExitStep[], noticeAt: string): ExitStep[] {
  if (!Array.isArray(plan) || plan.length === 0) fail('EXIT.PLAN_REQUIRED');
  const steps = plan.map((s, i) => {
    requireId(`exitPlan[${i}].stepId`, s.stepId);
    const kind = requireOneOf(`exitPlan[${i}].kind`, s.kind, EXIT_STEP_KINDS);
    requireText(`exitPlan[${i}].description`, s.description);
    const dueAt = requireInstant(`exitPlan[${i}].dueAt`, s.dueAt);
    if (isBefore(dueAt, noticeAt)) invalid(`exitPlan[${i}].dueAt`, 'after-notice', 'an exit step is due after the termination notice');
    requireContractParty(c, s.ownerPartyId);
    return { stepId: s.stepId, kind, description: s.description, dueAt, ownerPartyId: s.ownerPartyId };
  });
  requireUnique('exitPlan', steps.map((s) => s.stepId));
  return steps;
}

/**
 * Termination is the executive sponsors' decision and needs an exit plan. "The notice period is
 * respected" means: a termination for convenience takes effect no earlier than a full notice period
 * after it is notified (exactly then is fine); a termination for cause, or by mutual agreement, may take
 * effect at once but never retroactively. A date at or after expiry is not a termination but a
 * non-renewal. The contract enters its exit protocol at notice and stays in force until the effective date.
 */
export function terminateContract(cmd: TerminateContract, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireActive(state);
  const reason = requireOneOf('reason', cmd.reason, ['convenience', 'cause', 'mutual'] as const);
  requireText('grounds', cmd.grounds, 10_000);
  const effectiveAt = requireInstant('effectiveAt', cmd.effectiveAt);
  if ((reason === 'convenience' && !c.terms.termination.forConvenience) || (reason === 'cause' && !c.terms.termination.forCause)) {
    fail('TERMINATION.RIGHT_NOT_GRANTED', `the terms grant no termination for ${reason}`, { reason });
  }
  const earliestEffect = reason === 'convenience' ? addDays(cmd.occurredAt, c.terms.noticePeriodDays) : cmd.occurredAt;
  if (isBefore(effectiveAt, earliestEffect)) {
    throw new DomainError('TERMINATION.NOTICE_PERIOD', `a ${reason} termination notified on ${cmd.occurredAt} takes effect on ${earliestEffect} at the earliest`, { earliestEffectiveAt: earliestEffect });
  }
  if (isAtOrAfter(effectiveAt, c.terms.expiresAt)) fail('TERMINATION.AFTER_EXPIRY', undefined, { expiresAt: c.terms.expiresAt });
  const exitPlan = checkedPlan(c, cmd.exitPlan, cmd.occurredAt);
  requireDecisionRight(requireGovernanceFor(ctx, c.partnershipId), cmd.actorId, 'executive', cmd.occurredAt, 'terminate the contract');
  return [contractEvent('ContractTerminated', { contractId: c.contractId, reason, grounds: cmd.grounds, effectiveAt, exitPlan })];
}

/**
 * A master's termination carries its addenda with it: they cannot outlive it. Each addendum ends on the
 * master's effective date, its exit covered by the master's exit plan (no steps of its own), and it
 * closes when the master closes. The application sends this to every addendum of a terminated master.
 */
export function terminateWithMaster(_cmd: TerminateWithMaster, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireStatus(state, ['draft', 'signed', 'active'], 'CONTRACT.NOT_ACTIVE');
  if (c.masterContractId === null) fail('ADDENDUM.MASTER_REQUIRED', 'only an addendum follows a master');
  const master = requireMaster(ctx, c.masterContractId);
  if ((master.status !== 'exiting' && master.status !== 'closed') || master.terminationEffectiveAt === null) {
    fail('ADDENDUM.MASTER_NOT_TERMINATED', undefined, { masterContractId: master.contractId, status: master.status });
  }
  return [
    contractEvent('ContractTerminated', {
      contractId: c.contractId,
      reason: 'master-terminated',
      grounds: `master agreement ${master.contractId} terminated`,
      effectiveAt: master.terminationEffectiveAt,
      exitPlan: [],
      masterContractId: master.contractId,
    }),
  ];
}
