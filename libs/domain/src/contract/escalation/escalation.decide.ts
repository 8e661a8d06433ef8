import { requireDecisionRight } from '../../governance/governance';
import { DomainError, fail } from '../../shared/errors';
import { compact } from '../../shared/event';
import { addHours, isBefore, ms } from '../../shared/time';
import { requireId, requireOneOf, requireText } from '../../shared/validate';
import { ContractDecisionContext, requireContract, requireGovernanceFor } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { requireStatus } from '../contract.guards';
import { ContractState, EscalationState, LiveContract } from '../contract.state';
import { EscalateEscalation, EscalateOverdue, RaiseEscalation, ResolveEscalation } from './escalation.commands';
import { automaticEscalations, levelPolicy } from './escalation.policy';

function requireOpen(c: LiveContract, escalationId: string): EscalationState {
  const esc = c.escalations[escalationId];
  if (!esc) throw new DomainError('ESCALATION.NOT_FOUND', `no escalation ${escalationId}`, { escalationId });
  if (esc.status === 'resolved') fail('ESCALATION.ALREADY_RESOLVED', undefined, { escalationId });
  return esc;
}

/** An escalation starts at level 1 with that level's response window from the terms in force. */
export function raiseEscalation(cmd: RaiseEscalation, state: ContractState): ContractEvent[] {
  const c = requireStatus(state, ['active', 'exiting'], 'CONTRACT.NOT_ACTIVE');
  requireId('escalationId', cmd.escalationId);
  requireText('subject', cmd.subject, 2000);
  if (cmd.relatesTo !== undefined) {
    requireOneOf('relatesTo.kind', cmd.relatesTo.kind, ['sla-breach', 'change', 'dispute', 'other'] as const);
    if (cmd.relatesTo.id !== undefined) requireId('relatesTo.id', cmd.relatesTo.id);
  }
  if (c.escalations[cmd.escalationId]) fail('ESCALATION.ALREADY_EXISTS', undefined, { escalationId: cmd.escalationId });
  const first = levelPolicy(c, 1, cmd.occurredAt);
  if (!first) fail('CONTRACT.INVALID_TERMS', 'the contract has no escalation ladder');
  const relatesTo = cmd.relatesTo === undefined ? undefined : compact({ kind: cmd.relatesTo.kind, id: cmd.relatesTo.id });
  return [
    contractEvent(
      'EscalationRaised',
      compact({
        contractId: c.contractId,
        escalationId: cmd.escalationId,
        subject: cmd.subject,
        level: 1,
        tier: first.tier,
        dueAt: addHours(cmd.occurredAt, first.responseHours),
        relatesTo,
      }),
    ),
  ];
}

/** A manual move up, decided by the tier owning the level the escalation is at on that date. */
export function escalateEscalation(cmd: EscalateEscalation, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireContract(state);
  requireText('reason', cmd.reason);
  const { events, state: esc } = automaticEscalations(c, requireOpen(c, cmd.escalationId), cmd.occurredAt);
  const next = levelPolicy(c, esc.level + 1, cmd.occurredAt);
  if (!next) fail('ESCALATION.AT_TOP_LEVEL', undefined, { escalationId: esc.escalationId, level: esc.level });
  requireDecisionRight(requireGovernanceFor(ctx, c.partnershipId), cmd.actorId, esc.tier, cmd.occurredAt, `escalate ${esc.escalationId} from level ${esc.level}`);
  const manual = contractEvent('EscalationEscalated', {
    contractId: c.contractId,
    escalationId: esc.escalationId,
    fromLevel: esc.level,
    toLevel: next.level,
    tier: next.tier,
    dueAt: addHours(cmd.occurredAt, next.responseHours),
    automatic: false,
    reason: cmd.reason,
  });
  return [...events, manual];
}

/**
 * Resolution only by the tier owning the level the escalation is at on the decision date, or a higher
 * one. A deadline that passed before the decision has already moved it up, scheduler or not.
 */
export function resolveEscalation(cmd: ResolveEscalation, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireContract(state);
  requireText('resolution', cmd.resolution, 10_000);
  const { events, state: esc } = automaticEscalations(c, requireOpen(c, cmd.escalationId), cmd.occurredAt);
  requireDecisionRight(requireGovernanceFor(ctx, c.partnershipId), cmd.actorId, esc.tier, cmd.occurredAt, `resolve ${esc.escalationId} at level ${esc.level}`);
  const resolved = contractEvent('EscalationResolved', {
    contractId: c.contractId,
    escalationId: esc.escalationId,
    level: esc.level,
    tier: esc.tier,
    resolution: cmd.resolution,
    withinDeadline: isBefore(cmd.occurredAt, esc.dueAt),
  });
  return [...events, resolved];
}

export function escalateOverdue(cmd: EscalateOverdue, state: ContractState): ContractEvent[] {
  if (state.status === 'none') return [];
  const events = Object.values(state.escalations).flatMap((esc) => (esc.status === 'open' ? automaticEscalations(state, esc, cmd.now).events : []));
  return events.sort((a, b) => ms(a.occurredAt as string) - ms(b.occurredAt as string));
}
