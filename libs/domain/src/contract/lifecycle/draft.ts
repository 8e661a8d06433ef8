import { DomainError, fail, invalid } from '../../shared/errors';
import { diffJson, Json } from '../../shared/json-diff';
import { isAfter } from '../../shared/time';
import { requireId } from '../../shared/validate';
import { ContractDecisionContext, MasterContractView, requireGovernanceFor, requireMaster } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { requirePartiesOfPartnership, requireStatus } from '../contract.guards';
import { ContractState } from '../contract.state';
import { ContractTerms } from '../terms/contract-terms';
import { validateTerms } from '../terms/validate-terms';
import { AttachAddendum, DraftContract, ReviseDraft } from './lifecycle.commands';

function checkedTerms(terms: ContractTerms, contractId: string, ctx: ContractDecisionContext, partnershipId: string): ContractTerms {
  const t = validateTerms(terms);
  requirePartiesOfPartnership(t.parties, requireGovernanceFor(ctx, partnershipId));
  if (t.coordinationLinks.includes(contractId)) invalid('coordinationLinks', 'not-self', 'a contract does not link to itself');
  return t;
}

/**
 * An addendum attaches to a master of the same partnership that is still (or about to be) in force,
 * and cannot outlive it: its expiry is at or before the master's.
 */
export function checkAttachable(contractId: string, partnershipId: string, terms: ContractTerms, masterContractId: string, ctx: ContractDecisionContext): MasterContractView {
  requireId('masterContractId', masterContractId);
  if (masterContractId === contractId) invalid('masterContractId', 'not-self', 'a contract is not its own master');
  const master = requireMaster(ctx, masterContractId);
  if (master.kind === 'addendum') fail('ADDENDUM.MASTER_IS_ADDENDUM', undefined, { masterContractId });
  if (master.partnershipId !== partnershipId) fail('ADDENDUM.PARTNERSHIP_MISMATCH', undefined, { masterContractId });
  checkMasterInForce(master);
  checkWithinMaster(terms.expiresAt, master);
  return master;
}

export function checkMasterInForce(master: MasterContractView): void {
  if (master.status === 'exiting' || master.status === 'expired' || master.status === 'closed') {
    throw new DomainError('ADDENDUM.MASTER_NOT_IN_FORCE', `master ${master.contractId} is ${master.status}`, { masterContractId: master.contractId, status: master.status });
  }
}

export function checkWithinMaster(expiresAt: string, master: MasterContractView): void {
  if (isAfter(expiresAt, master.expiresAt)) {
    throw new DomainError('ADDENDUM.OUTLIVES_MASTER', `the addendum would expire on ${expiresAt}, after its master (${master.expiresAt})`, {
      expiresAt,
      masterExpiresAt: master.expiresAt,
    });
  }
}

export function draftContract(c: DraftContract, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  if (state.status !== 'none') fail('CONTRACT.ALREADY_EXISTS', undefined, { contractId: c.contractId });
  requireId('contractId', c.contractId);
  requireId('partnershipId', c.partnershipId);
  const terms = checkedTerms(c.terms, c.contractId, ctx, c.partnershipId);
  const events: ContractEvent[] = [contractEvent('ContractDrafted', { contractId: c.contractId, partnershipId: c.partnershipId, terms })];
  if (c.masterContractId !== undefined) {
    checkAttachable(c.contractId, c.partnershipId, terms, c.masterContractId, ctx);
    events.push(contractEvent('AddendumAttached', { contractId: c.contractId, masterContractId: c.masterContractId }));
  }
  return events;
}

/** Before anyone signs, the draft can be rewritten; the event keeps the exact diff. No change, no event. */
export function reviseDraft(c: ReviseDraft, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const s = requireStatus(state, ['draft'], 'CONTRACT.NOT_DRAFT');
  if (s.signatures.length > 0) fail('CONTRACT.SIGNATURES_PRESENT');
  const terms = checkedTerms(c.terms, s.contractId, ctx, s.partnershipId);
  if (s.masterContractId !== null) checkWithinMaster(terms.expiresAt, requireMaster(ctx, s.masterContractId));
  const diff = diffJson(s.terms as unknown as Json, terms as unknown as Json);
  return diff.length === 0 ? [] : [contractEvent('DraftRevised', { contractId: s.contractId, diff })];
}

export function attachAddendum(c: AttachAddendum, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const s = requireStatus(state, ['draft'], 'CONTRACT.NOT_DRAFT');
  if (s.masterContractId !== null) fail('CONTRACT.ALREADY_ATTACHED', undefined, { masterContractId: s.masterContractId });
  if (s.signatures.length > 0) fail('CONTRACT.SIGNATURES_PRESENT');
  checkAttachable(s.contractId, s.partnershipId, s.terms, c.masterContractId, ctx);
  return [contractEvent('AddendumAttached', { contractId: s.contractId, masterContractId: c.masterContractId })];
}
