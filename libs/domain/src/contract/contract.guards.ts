import { GovernanceView, PartyRef } from '../governance/governance';
import { DomainError } from '../shared/errors';
import { DomainErrorCode } from '../shared/error-codes';
import { requireContract } from './contract.context';
import { ContractState, ContractStatus, LiveContract } from './contract.state';

export function requireStatus(state: ContractState, allowed: readonly ContractStatus[], code: DomainErrorCode): LiveContract {
  const c = requireContract(state);
  if (!allowed.includes(c.status)) throw new DomainError(code, `the contract is ${c.status}`, { status: c.status, allowed });
  return c;
}

/** Changes, renewal decisions and terminations need a contract in force and not yet in exit. */
export function requireActive(state: ContractState): LiveContract {
  return requireStatus(state, ['active'], 'CONTRACT.NOT_ACTIVE');
}

export function requirePartiesOfPartnership(parties: readonly PartyRef[], governance: GovernanceView): void {
  for (const p of parties) {
    if (!governance.parties.some((x) => x.partyId === p.partyId)) {
      throw new DomainError('PARTNERSHIP.UNKNOWN_PARTY', `${p.partyId} is not a party of partnership ${governance.partnershipId}`, { partyId: p.partyId });
    }
  }
}

export function requireContractParty(c: LiveContract, partyId: string): void {
  if (!c.terms.parties.some((p) => p.partyId === partyId)) {
    throw new DomainError('CONTRACT.UNKNOWN_PARTY', `${partyId} is not a party of contract ${c.contractId}`, { partyId });
  }
}

/** Dates an event explicitly: for facts whose time is derived (a deadline, an activation), not the command's. */
export function dated<E extends { occurredAt?: string }>(event: E, at: string): E {
  return { ...event, occurredAt: at };
}
