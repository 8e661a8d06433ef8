import { DomainError, fail } from '../../shared/errors';
import { Instant, isAtOrAfter, latest } from '../../shared/time';
import { requireText } from '../../shared/validate';
import { ContractDecisionContext, requireMaster } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { dated, requireContractParty, requireStatus } from '../contract.guards';
import { LiveContract, ContractState } from '../contract.state';
import { renewalEventsDue } from '../renewal/renewal.policy';
import { checkMasterInForce } from './draft';
import { ActivateContract, ActivateIfDue, SignContract } from './lifecycle.commands';

type Blocker = 'CONTRACT.NOT_SIGNED' | 'CONTRACT.NOT_YET_EFFECTIVE' | 'ADDENDUM.MASTER_NOT_ACTIVE';

/**
 * A contract becomes active when every party has signed and its effective date is reached (and, for an
 * addendum, its master is active). It is active from the latest of those instants.
 */
function activation(c: LiveContract, signed: ReadonlyArray<Instant | null>, ctx: ContractDecisionContext, at: Instant): { at: Instant } | { blocker: Blocker } {
  if (signed.length < c.terms.parties.length) return { blocker: 'CONTRACT.NOT_SIGNED' };
  if (!isAtOrAfter(at, c.terms.effectiveFrom)) return { blocker: 'CONTRACT.NOT_YET_EFFECTIVE' };
  let from = c.terms.effectiveFrom;
  for (const s of signed) if (s !== null) from = latest(from, s);
  if (c.masterContractId !== null) {
    const master = requireMaster(ctx, c.masterContractId);
    if (master.status !== 'active' || master.activatedAt === null) return { blocker: 'ADDENDUM.MASTER_NOT_ACTIVE' };
    from = latest(from, master.activatedAt);
  }
  return { at: from };
}

function activationEvents(c: LiveContract, at: Instant, now: Instant): ContractEvent[] {
  const activated = dated(contractEvent('ContractActivated', { contractId: c.contractId, effectiveFrom: c.terms.effectiveFrom, expiresAt: c.terms.expiresAt }), at);
  // A contract activated inside its renewal window (a short term, a late signature) opens it at once.
  const renewal = { expiresAt: c.terms.expiresAt, since: at, phase: 'pending' as const, renewals: 0 };
  return [activated, ...renewalEventsDue(c.contractId, c.terms, renewal, now)];
}

export function signContract(cmd: SignContract, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireStatus(state, ['draft'], 'CONTRACT.NOT_DRAFT');
  requireContractParty(c, cmd.partyId);
  requireText('signatoryName', cmd.signatoryName, 200);
  if (c.signatures.some((s) => s.partyId === cmd.partyId)) fail('CONTRACT.ALREADY_SIGNED', undefined, { partyId: cmd.partyId });
  if (c.masterContractId !== null) checkMasterInForce(requireMaster(ctx, c.masterContractId));
  const signed = contractEvent('ContractSigned', { contractId: c.contractId, partyId: cmd.partyId, signatoryName: cmd.signatoryName });
  // Judged when the last signature exists: a signature dated earlier but recorded later does not
  // make the contract active before the other party signed.
  const signatures = [...c.signatures.map((s) => s.signedAt), cmd.occurredAt];
  const lastSigned = signatures.reduce<Instant>((a, s) => (s === null ? a : latest(a, s)), cmd.occurredAt);
  const result = activation(c, signatures, ctx, lastSigned);
  return 'at' in result ? [signed, ...activationEvents(c, result.at, lastSigned)] : [signed];
}

export function activateContract(cmd: ActivateContract, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireContract(state);
  const result = activation(c, c.signatures.map((s) => s.signedAt), ctx, cmd.occurredAt);
  if ('blocker' in result) throw new DomainError(result.blocker);
  return activationEvents(c, result.at, cmd.occurredAt);
}

function requireContract(state: ContractState): LiveContract {
  const c = requireStatus(state, ['draft', 'signed', 'active', 'exiting', 'expired', 'closed'], 'CONTRACT.NOT_FOUND');
  if (c.status !== 'draft' && c.status !== 'signed') fail('CONTRACT.ALREADY_ACTIVE', undefined, { status: c.status });
  return c;
}

export function activateIfDue(cmd: ActivateIfDue, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  if (state.status !== 'signed') return [];
  const result = activation(state, state.signatures.map((s) => s.signedAt), ctx, cmd.now);
  return 'at' in result ? activationEvents(state, result.at, cmd.now) : [];
}
