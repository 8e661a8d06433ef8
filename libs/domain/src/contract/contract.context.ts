import { GovernanceView } from '../governance/governance';
import { DomainError } from '../shared/errors';
import { Instant } from '../shared/time';
import { ContractKind, ContractState, ContractStatus, LiveContract } from './contract.state';

/** What an addendum's decisions need to know of its master agreement. */
export interface MasterContractView {
  contractId: string;
  partnershipId: string;
  kind: ContractKind;
  status: ContractStatus;
  expiresAt: Instant;
  activatedAt: Instant | null;
  terminationEffectiveAt: Instant | null;
}

/** A summary of an addendum, for decisions on its master (so the master never ends before them). */
export interface AddendumView {
  contractId: string;
  status: ContractStatus;
  expiresAt: Instant;
}

/**
 * Everything a contract decision needs from other streams, loaded by the application layer (the
 * domain never loads): the partnership's governance (who held which seat when), the master agreement
 * for an addendum, and optionally the master's addenda.
 */
export interface ContractDecisionContext {
  governance: GovernanceView;
  master?: MasterContractView;
  addenda?: AddendumView[];
}

export function masterView(state: ContractState): MasterContractView {
  if (state.status === 'none') throw new DomainError('CONTRACT.NOT_FOUND');
  return {
    contractId: state.contractId,
    partnershipId: state.partnershipId,
    kind: state.kind,
    status: state.status,
    expiresAt: state.terms.expiresAt,
    activatedAt: state.activatedAt,
    terminationEffectiveAt: state.termination?.effectiveAt ?? null,
  };
}

export function addendumView(state: ContractState): AddendumView {
  if (state.status === 'none') throw new DomainError('CONTRACT.NOT_FOUND');
  return { contractId: state.contractId, status: state.status, expiresAt: state.terms.expiresAt };
}

export function requireContract(state: ContractState): LiveContract {
  if (state.status === 'none') throw new DomainError('CONTRACT.NOT_FOUND');
  return state;
}

/** The loaded governance must be this contract's partnership's: a wrong context is an application bug. */
export function requireGovernanceFor(ctx: ContractDecisionContext, partnershipId: string): GovernanceView {
  if (!ctx?.governance || ctx.governance.partnershipId !== partnershipId) {
    throw new DomainError('CONTEXT.MISMATCH', `the governance loaded is not partnership ${partnershipId}'s`, { partnershipId });
  }
  return ctx.governance;
}

export function requireMaster(ctx: ContractDecisionContext, masterContractId: string): MasterContractView {
  if (!ctx?.master) throw new DomainError('ADDENDUM.MASTER_REQUIRED', `master ${masterContractId} was not loaded`, { masterContractId });
  if (ctx.master.contractId !== masterContractId) {
    throw new DomainError('CONTEXT.MISMATCH', `the master loaded is ${ctx.master.contractId}, not ${masterContractId}`, { masterContractId });
  }
  return ctx.master;
}
