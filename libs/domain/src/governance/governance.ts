import { DomainError } from '../shared/errors';
import { Instant, ms } from '../shared/time';
import { Tier, tierCovers } from './tiers';

/** One seat held by one person: a tier, for a party, from an instant until another (exclusive). */
export interface GovernanceMembership {
  personId: string;
  name: string;
  partyId: string;
  tier: Tier;
  from: Instant;
  /** Absent while the seat is held. The person no longer holds the seat at `until`. */
  until?: Instant;
}

export interface PartyRef {
  partyId: string;
  name: string;
}

/**
 * What a contract decision needs from the partnership stream, loaded by the application layer and
 * passed in: the parties and every seat ever held, so rights can be judged as of any date.
 */
export interface GovernanceView {
  partnershipId: string;
  parties: PartyRef[];
  charterAdopted: boolean;
  memberships: GovernanceMembership[];
}

function seatedAt(m: GovernanceMembership, at: Instant): boolean {
  const t = ms(at);
  return ms(m.from) <= t && (m.until === undefined || t < ms(m.until));
}

/**
 * A decision is valid only if its maker held the right on the decision date: a seat of that tier or a
 * higher one, taken at or before the instant and not yet left (seats are half-open [from, until)).
 */
export function holdsDecisionRight(governance: GovernanceView, personId: string, tier: Tier, at: Instant): boolean {
  return governance.memberships.some((m) => m.personId === personId && seatedAt(m, at) && tierCovers(m.tier, tier));
}

/** The seats a person held at an instant. */
export function seatsAt(governance: GovernanceView, personId: string, at: Instant): GovernanceMembership[] {
  return governance.memberships.filter((m) => m.personId === personId && seatedAt(m, at));
}

export function requireDecisionRight(governance: GovernanceView, personId: string, tier: Tier, at: Instant, about: string): void {
  if (!holdsDecisionRight(governance, personId, tier, at)) {
    throw new DomainError(
      'GOVERNANCE.NO_DECISION_RIGHT',
      `${personId} did not hold the ${tier} decision right on ${at} (${about})`,
      { personId, requiredTier: tier, at, about },
    );
  }
}

/** The actor sat in the governance for that party at that instant (any tier). */
export function requireMemberOfParty(governance: GovernanceView, personId: string, partyId: string, at: Instant): void {
  if (!seatsAt(governance, personId, at).some((m) => m.partyId === partyId)) {
    throw new DomainError('GOVERNANCE.NOT_A_MEMBER_OF_PARTY', `${personId} held no governance seat for ${partyId} on ${at}`, { personId, partyId, at });
  }
}
