import { GovernanceView } from '../governance/governance';
import { DomainError } from '../shared/errors';
import { FormedPartnership, PartnershipState } from './partnership.state';

export function requireFormed(state: PartnershipState): FormedPartnership {
  if (state.status === 'none') throw new DomainError('PARTNERSHIP.NOT_FOUND');
  return state;
}

/**
 * The partnership's governance as a contract decision needs it. The application layer loads the
 * partnership stream and passes this in the contract decider's context.
 */
export function governanceView(state: PartnershipState): GovernanceView {
  const p = requireFormed(state);
  return { partnershipId: p.partnershipId, parties: p.parties, charterAdopted: p.charter !== null, memberships: p.memberships };
}
