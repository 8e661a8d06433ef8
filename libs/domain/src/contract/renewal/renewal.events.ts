import { DomainEvent } from '../../shared/event';
import { Instant } from '../../shared/time';

export type RenewalWindowOpened = DomainEvent<'RenewalWindowOpened', { contractId: string; expiresAt: Instant; decisionDueAt: Instant; autoRenew: boolean }, 1>;
export type RenewalDecisionDue = DomainEvent<'RenewalDecisionDue', { contractId: string; expiresAt: Instant; decisionDueAt: Instant; autoRenew: boolean }, 1>;
export type ContractRenewed = DomainEvent<
  'ContractRenewed',
  { contractId: string; previousExpiresAt: Instant; newExpiresAt: Instant; automatic: boolean; renewalNumber: number },
  1
>;
export type RenewalDeclined = DomainEvent<'RenewalDeclined', { contractId: string; expiresAt: Instant; reason: string }, 1>;

export type RenewalEvent = RenewalWindowOpened | RenewalDecisionDue | ContractRenewed | RenewalDeclined;
