import { requireDecisionRight, requireMemberOfParty } from '../../governance/governance';
import { DomainError, fail, invalid } from '../../shared/errors';
import { compact } from '../../shared/event';
import { addDays, isAfter, isAtOrAfter, isBefore, ms, requireInstant } from '../../shared/time';
import { requireId, requireOneOf, requireSha256, requireText } from '../../shared/validate';
import { ContractDecisionContext, requireContract, requireGovernanceFor } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { requireContractParty, requireStatus } from '../contract.guards';
import { ContractState, DISPUTE_STEPS, DisputeState, LiveContract, termsAt } from '../contract.state';
import { AdvanceDispute, MarkMediationSchedulingOverdue, OpenDispute, ResolveDispute, ScheduleMediation, SubmitPositionPaper } from './dispute.commands';
import { mediationDone, mediationLapsed, mediationOverdueEvent, nextStep, stepIndex, tierForStep } from './dispute.policy';

function requireOpen(c: LiveContract, disputeId: string): DisputeState {
  const d = c.disputes[disputeId];
  if (!d) throw new DomainError('DISPUTE.NOT_FOUND', `no dispute ${disputeId}`, { disputeId });
  if (d.status === 'resolved') fail('DISPUTE.ALREADY_RESOLVED', undefined, { disputeId });
  return d;
}

/** The formal notice starts the ladder at negotiation and the mediation clock (terms in force at notice). */
export function openDispute(cmd: OpenDispute, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireStatus(state, ['active', 'exiting', 'expired', 'closed'], 'CONTRACT.NOT_ACTIVE');
  requireId('disputeId', cmd.disputeId);
  requireText('subject', cmd.subject, 2000);
  if (c.disputes[cmd.disputeId]) fail('DISPUTE.ALREADY_EXISTS', undefined, { disputeId: cmd.disputeId });
  requireContractParty(c, cmd.raisedByPartyId);
  requireContractParty(c, cmd.respondentPartyId);
  if (cmd.raisedByPartyId === cmd.respondentPartyId) invalid('respondentPartyId', 'other-party', 'a party does not dispute with itself');
  const formalNoticeAt = requireInstant('formalNoticeAt', cmd.formalNoticeAt ?? cmd.occurredAt);
  if (isAfter(formalNoticeAt, cmd.occurredAt)) invalid('formalNoticeAt', 'not-after-occurred-at', 'the notice cannot be served after the dispute is opened');
  if (cmd.escalationId !== undefined && !c.escalations[cmd.escalationId]) fail('ESCALATION.NOT_FOUND', undefined, { escalationId: cmd.escalationId });
  const gov = requireGovernanceFor(ctx, c.partnershipId);
  requireDecisionRight(gov, cmd.actorId, tierForStep('negotiation'), cmd.occurredAt, 'open a dispute');
  requireMemberOfParty(gov, cmd.actorId, cmd.raisedByPartyId, cmd.occurredAt);
  const mediationDueBy = addDays(formalNoticeAt, termsAt(c, formalNoticeAt).terms.dispute.mediationWithinDays);
  return [
    contractEvent(
      'DisputeOpened',
      compact({
        contractId: c.contractId,
        disputeId: cmd.disputeId,
        subject: cmd.subject,
        raisedByPartyId: cmd.raisedByPartyId,
        respondentPartyId: cmd.respondentPartyId,
        formalNoticeAt,
        mediationDueBy,
        step: 'negotiation' as const,
        escalationId: cmd.escalationId,
      }),
    ),
  ];
}

/** One step at a time, in order, none skipped, by the tier owning the step taken; arbitration is the last. */
export function advanceDispute(cmd: AdvanceDispute, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireContract(state);
  const d = requireOpen(c, cmd.disputeId);
  const toStep = requireOneOf('toStep', cmd.toStep, DISPUTE_STEPS);
  requireText('reason', cmd.reason);
  const next = nextStep(d.step);
  if (next === null) fail('DISPUTE.ARBITRATION_FINAL');
  if (toStep !== next) {
    throw new DomainError('DISPUTE.STEP_SKIPPED', `from ${d.step} the next step is ${next}, not ${toStep}`, { from: d.step, expected: next, requested: toStep });
  }
  if (toStep === 'arbitration' && !mediationDone(d, cmd.occurredAt)) {
    fail('DISPUTE.MEDIATION_NOT_HELD', 'mediation must be held (or its deadline missed) before arbitration', { mediationScheduledFor: d.mediationScheduledFor });
  }
  requireDecisionRight(requireGovernanceFor(ctx, c.partnershipId), cmd.actorId, tierForStep(toStep), cmd.occurredAt, `take dispute ${d.disputeId} to ${toStep}`);
  const advanced = contractEvent('DisputeAdvanced', { contractId: c.contractId, disputeId: d.disputeId, fromStep: d.step, toStep, reason: cmd.reason });
  return mediationLapsed(d, cmd.occurredAt) ? [mediationOverdueEvent(c, d), advanced] : [advanced];
}

/** Position papers are recorded by content hash (the paper itself stays with the parties). */
export function submitPositionPaper(cmd: SubmitPositionPaper, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireContract(state);
  const d = requireOpen(c, cmd.disputeId);
  const contentHash = requireSha256('contentHash', cmd.contentHash);
  if (cmd.documentRef !== undefined) requireText('documentRef', cmd.documentRef, 2000);
  if (stepIndex(d.step) < stepIndex('mediation')) fail('DISPUTE.PAPERS_NOT_ACCEPTED', undefined, { step: d.step });
  if (cmd.partyId !== d.raisedByPartyId && cmd.partyId !== d.respondentPartyId) fail('DISPUTE.NOT_A_DISPUTANT', undefined, { partyId: cmd.partyId });
  requireMemberOfParty(requireGovernanceFor(ctx, c.partnershipId), cmd.actorId, cmd.partyId, cmd.occurredAt);
  return [
    contractEvent(
      'PositionPaperSubmitted',
      compact({ contractId: c.contractId, disputeId: d.disputeId, partyId: cmd.partyId, step: d.step, contentHash, documentRef: cmd.documentRef }),
    ),
  ];
}

/** Mediation must be held within the period after the formal notice (by its deadline), and scheduled before the deadline instant. */
export function scheduleMediation(cmd: ScheduleMediation, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireContract(state);
  const d = requireOpen(c, cmd.disputeId);
  const scheduledFor = requireInstant('scheduledFor', cmd.scheduledFor);
  requireText('mediator', cmd.mediator, 200);
  if (d.step !== 'mediation') fail('DISPUTE.NOT_AT_MEDIATION', undefined, { step: d.step });
  if (d.mediationScheduledFor !== null) fail('DISPUTE.MEDIATION_ALREADY_SCHEDULED', undefined, { scheduledFor: d.mediationScheduledFor });
  if (isBefore(scheduledFor, d.formalNoticeAt)) invalid('scheduledFor', 'after-notice', 'mediation takes place after the formal notice');
  if (d.mediationOverdue || isAtOrAfter(cmd.occurredAt, d.mediationDueBy) || isAfter(scheduledFor, d.mediationDueBy)) {
    throw new DomainError('DISPUTE.MEDIATION_DEADLINE', `mediation had to be held by ${d.mediationDueBy}`, { mediationDueBy: d.mediationDueBy, scheduledFor });
  }
  requireDecisionRight(requireGovernanceFor(ctx, c.partnershipId), cmd.actorId, tierForStep('mediation'), cmd.occurredAt, `schedule mediation of ${d.disputeId}`);
  return [contractEvent('MediationScheduled', { contractId: c.contractId, disputeId: d.disputeId, scheduledFor, mediator: cmd.mediator })];
}

/** Any step may end in agreement or withdrawal; only arbitration ends in an award, which is binding and final. */
export function resolveDispute(cmd: ResolveDispute, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireContract(state);
  const d = requireOpen(c, cmd.disputeId);
  const outcome = requireOneOf('outcome', cmd.outcome, ['agreement', 'withdrawn', 'award'] as const);
  requireText('summary', cmd.summary, 10_000);
  if (outcome === 'award' && d.step !== 'arbitration') fail('DISPUTE.AWARD_REQUIRES_ARBITRATION', undefined, { step: d.step });
  requireDecisionRight(requireGovernanceFor(ctx, c.partnershipId), cmd.actorId, tierForStep(d.step), cmd.occurredAt, `resolve dispute ${d.disputeId} at ${d.step}`);
  return [
    contractEvent('DisputeResolved', { contractId: c.contractId, disputeId: d.disputeId, step: d.step, outcome, summary: cmd.summary, binding: d.step === 'arbitration' }),
  ];
}

export function markMediationSchedulingOverdue(cmd: MarkMediationSchedulingOverdue, state: ContractState): ContractEvent[] {
  if (state.status === 'none') return [];
  return Object.values(state.disputes)
    .filter((d) => mediationLapsed(d, cmd.now))
    .sort((a, b) => ms(a.mediationDueBy) - ms(b.mediationDueBy))
    .map((d) => mediationOverdueEvent(state, d));
}
