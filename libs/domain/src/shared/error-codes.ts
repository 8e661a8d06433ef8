/**
 * Every stable error code the domain throws, with the kind of problem it is. The HTTP edge maps the
 * kind to a status (invalid → 400, not-found → 404, conflict → 409, forbidden → 403) and documents
 * the codes from this list; a code, once published, is never renamed.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden';

function codes<T extends Record<string, { kind: DomainErrorKind; title: string }>>(t: T): T {
  return t;
}

export const DOMAIN_ERROR_CODES = codes({
  'COMMAND.INVALID': { kind: 'invalid', title: 'A field of the command breaks a rule' },
  'CONTEXT.MISMATCH': { kind: 'conflict', title: 'The loaded context belongs to another partnership or contract' },
  'MONEY.INVALID_AMOUNT': { kind: 'invalid', title: 'An amount is not a decimal string valid for its currency' },
  'MONEY.INVALID_CURRENCY': { kind: 'invalid', title: 'A currency is not an ISO 4217 code' },
  'MONEY.CURRENCY_MISMATCH': { kind: 'invalid', title: 'Amounts in different currencies cannot be combined' },

  'PARTNERSHIP.NOT_FOUND': { kind: 'not-found', title: 'The partnership does not exist' },
  'PARTNERSHIP.ALREADY_EXISTS': { kind: 'conflict', title: 'The partnership was already formed' },
  'PARTNERSHIP.UNKNOWN_PARTY': { kind: 'invalid', title: 'The party is not a party of the partnership' },
  'PARTNERSHIP.ILLEGAL_STAGE_TRANSITION': { kind: 'conflict', title: 'The partnership cannot move to that life stage from its current one' },
  'PARTNERSHIP.REVIEW_ALREADY_EXISTS': { kind: 'conflict', title: 'A business review with that id was already held' },
  'PARTNERSHIP.REVIEW_NOT_FOUND': { kind: 'not-found', title: 'The business review does not exist' },
  'PARTNERSHIP.ASSESSMENT_ALREADY_EXISTS': { kind: 'conflict', title: 'A health assessment with that id was already recorded' },

  'GOVERNANCE.NO_CHARTER': { kind: 'conflict', title: 'The partnership has not adopted a governance charter' },
  'GOVERNANCE.NO_DECISION_RIGHT': { kind: 'forbidden', title: 'The actor did not hold the decision right of the required tier on the decision date' },
  'GOVERNANCE.ALREADY_MEMBER': { kind: 'conflict', title: 'The person already holds a seat in the governance' },
  'GOVERNANCE.NOT_A_MEMBER': { kind: 'conflict', title: 'The person holds no seat in the governance' },
  'GOVERNANCE.NOT_A_MEMBER_OF_PARTY': { kind: 'forbidden', title: 'The actor is not a governance member of that party' },

  'CONTRACT.NOT_FOUND': { kind: 'not-found', title: 'The contract does not exist' },
  'CONTRACT.ALREADY_EXISTS': { kind: 'conflict', title: 'A contract with that id was already drafted' },
  'CONTRACT.INVALID_TERMS': { kind: 'invalid', title: 'The contract terms break a rule' },
  'CONTRACT.UNKNOWN_PARTY': { kind: 'invalid', title: 'The party is not a party of the contract' },
  'CONTRACT.NOT_DRAFT': { kind: 'conflict', title: 'The contract is no longer a draft' },
  'CONTRACT.SIGNATURES_PRESENT': { kind: 'conflict', title: 'The draft was already signed by a party and cannot be revised' },
  'CONTRACT.ALREADY_SIGNED': { kind: 'conflict', title: 'The party already signed the contract' },
  'CONTRACT.NOT_SIGNED': { kind: 'conflict', title: 'Not every party has signed the contract' },
  'CONTRACT.NOT_YET_EFFECTIVE': { kind: 'conflict', title: 'The effective date of the contract has not been reached' },
  'CONTRACT.ALREADY_ACTIVE': { kind: 'conflict', title: 'The contract was already activated' },
  'CONTRACT.NOT_ACTIVE': { kind: 'conflict', title: 'The contract is not active' },
  'CONTRACT.NOT_IN_FORCE': { kind: 'conflict', title: 'The contract was not in force at that time' },
  'CONTRACT.NOT_EXITING': { kind: 'conflict', title: 'The contract is not in its exit protocol' },
  'CONTRACT.ALREADY_ATTACHED': { kind: 'conflict', title: 'The draft is already attached to a master agreement' },
  'CONTRACT.ADDENDA_OUTLIVE_MASTER': { kind: 'conflict', title: 'The change would make the master end before one of its addenda' },

  'ADDENDUM.MASTER_REQUIRED': { kind: 'invalid', title: 'The master agreement was not provided' },
  'ADDENDUM.MASTER_IS_ADDENDUM': { kind: 'invalid', title: 'An addendum attaches to a master agreement, not to another addendum' },
  'ADDENDUM.PARTNERSHIP_MISMATCH': { kind: 'invalid', title: 'The master agreement belongs to another partnership' },
  'ADDENDUM.MASTER_NOT_IN_FORCE': { kind: 'conflict', title: 'The master agreement is terminated, expired or closed' },
  'ADDENDUM.MASTER_NOT_ACTIVE': { kind: 'conflict', title: 'The master agreement is not active yet' },
  'ADDENDUM.OUTLIVES_MASTER': { kind: 'conflict', title: 'An addendum cannot expire after its master agreement' },
  'ADDENDUM.MASTER_NOT_TERMINATED': { kind: 'conflict', title: 'The master agreement has not been terminated' },
  'ADDENDUM.MASTER_NOT_CLOSED': { kind: 'conflict', title: 'The addendum exits with its master and closes when the master closes' },

  'CHANGE.NOT_FOUND': { kind: 'not-found', title: 'The change request does not exist' },
  'CHANGE.ALREADY_EXISTS': { kind: 'conflict', title: 'A change request with that id exists' },
  'CHANGE.EMPTY': { kind: 'invalid', title: 'The change request changes no term' },
  'CHANGE.NOT_PENDING': { kind: 'conflict', title: 'The change request was already decided' },
  'CHANGE.REVIEW_OPEN': { kind: 'conflict', title: 'The collaborative review of the change is still open' },
  'CHANGE.REVIEW_NOT_OPEN': { kind: 'conflict', title: 'The change has no open collaborative review' },
  'CHANGE.REVIEW_DEADLINE_PASSED': { kind: 'conflict', title: 'The response deadline of the collaborative review has passed' },
  'CHANGE.REVIEW_NOT_FAILED': { kind: 'conflict', title: 'Only a change whose collaborative review failed can be referred to mediation' },
  'CHANGE.MEDIATION_REQUIRED': { kind: 'conflict', title: 'The collaborative review failed: the change goes to mediation or is rejected' },
  'CHANGE.STALE': { kind: 'conflict', title: 'The terms changed since the request: the diff no longer applies' },

  'SLA.NOT_FOUND': { kind: 'not-found', title: 'No SLA with that id was in force at that time' },
  'SLA.IN_MAINTENANCE_WINDOW': { kind: 'conflict', title: 'The time falls in a maintenance window of the SLA' },
  'SLA.BREACH_ALREADY_EXISTS': { kind: 'conflict', title: 'A breach with that id was already recorded' },
  'SLA.CREDIT_NOT_FOUND': { kind: 'not-found', title: 'No service credit was accrued for that breach' },
  'SLA.CREDIT_ALREADY_WAIVED': { kind: 'conflict', title: 'The service credit was already waived' },

  'ESCALATION.NOT_FOUND': { kind: 'not-found', title: 'The escalation does not exist' },
  'ESCALATION.ALREADY_EXISTS': { kind: 'conflict', title: 'An escalation with that id exists' },
  'ESCALATION.ALREADY_RESOLVED': { kind: 'conflict', title: 'The escalation is resolved' },
  'ESCALATION.AT_TOP_LEVEL': { kind: 'conflict', title: 'The escalation is at the last level of the ladder' },

  'DISPUTE.NOT_FOUND': { kind: 'not-found', title: 'The dispute does not exist' },
  'DISPUTE.ALREADY_EXISTS': { kind: 'conflict', title: 'A dispute with that id exists' },
  'DISPUTE.ALREADY_RESOLVED': { kind: 'conflict', title: 'The dispute is resolved' },
  'DISPUTE.STEP_SKIPPED': { kind: 'conflict', title: 'Dispute steps are taken in order; none is skipped' },
  'DISPUTE.ARBITRATION_FINAL': { kind: 'conflict', title: 'Arbitration is the last, binding step' },
  'DISPUTE.NOT_AT_MEDIATION': { kind: 'conflict', title: 'The dispute is not at the mediation step' },
  'DISPUTE.MEDIATION_ALREADY_SCHEDULED': { kind: 'conflict', title: 'The mediation is already scheduled' },
  'DISPUTE.MEDIATION_DEADLINE': { kind: 'conflict', title: 'Mediation must be held within the period after the formal notice' },
  'DISPUTE.MEDIATION_NOT_HELD': { kind: 'conflict', title: 'The dispute goes to arbitration only after mediation was held or its deadline missed' },
  'DISPUTE.PAPERS_NOT_ACCEPTED': { kind: 'conflict', title: 'Position papers are submitted at mediation or arbitration' },
  'DISPUTE.NOT_A_DISPUTANT': { kind: 'invalid', title: 'The party is not a party to the dispute' },
  'DISPUTE.AWARD_REQUIRES_ARBITRATION': { kind: 'conflict', title: 'Only arbitration ends a dispute with an award' },

  'RENEWAL.WINDOW_NOT_OPEN': { kind: 'conflict', title: 'The renewal window is not open' },
  'RENEWAL.ALREADY_DECLINED': { kind: 'conflict', title: 'Renewal was already declined' },
  'RENEWAL.DECISION_DEADLINE_PASSED': { kind: 'conflict', title: 'The renewal decision date (or notice deadline) has passed' },
  'RENEWAL.NOTHING_TO_RENEW': { kind: 'conflict', title: 'The renewal would not extend the contract' },

  'TERMINATION.RIGHT_NOT_GRANTED': { kind: 'conflict', title: 'The terms grant no such termination right' },
  'TERMINATION.NOTICE_PERIOD': { kind: 'conflict', title: 'The termination takes effect before the notice period has run' },
  'TERMINATION.AFTER_EXPIRY': { kind: 'conflict', title: 'A termination effective after expiry is a non-renewal' },
  'TERMINATION.NOT_EFFECTIVE': { kind: 'conflict', title: 'The termination has not taken effect yet' },
  'EXIT.PLAN_REQUIRED': { kind: 'invalid', title: 'A termination needs an exit plan with at least one step' },
  'EXIT.STEP_NOT_FOUND': { kind: 'not-found', title: 'The exit plan has no such step' },
  'EXIT.STEP_ALREADY_COMPLETED': { kind: 'conflict', title: 'The exit step is already done' },
  'EXIT.STEPS_OUTSTANDING': { kind: 'conflict', title: 'The contract closes only when every exit step is done' },
});

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;
