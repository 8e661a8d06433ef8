import { DomainEvent } from '../../shared/event';
import { JsonChange } from '../../shared/json-diff';
import { Instant } from '../../shared/time';
import { ContractTerms } from '../terms/contract-terms';

export type ContractDrafted = DomainEvent<'ContractDrafted', { contractId: string; partnershipId: string; terms: ContractTerms }, 1>;
/** Beyond the minimum catalogue: a draft revised before anyone signed, as an exact diff. */
export type DraftRevised = DomainEvent<'DraftRevised', { contractId: string; diff: JsonChange[] }, 1>;
export type AddendumAttached = DomainEvent<'AddendumAttached', { contractId: string; masterContractId: string }, 1>;
export type ContractSigned = DomainEvent<'ContractSigned', { contractId: string; partyId: string; signatoryName: string }, 1>;
export type ContractActivated = DomainEvent<'ContractActivated', { contractId: string; effectiveFrom: Instant; expiresAt: Instant }, 1>;
export type ContractAmended = DomainEvent<
  'ContractAmended',
  { contractId: string; changeId: string; amendmentNumber: number; termsVersion: number; effectiveAt: Instant; diff: JsonChange[] },
  1
>;
export type ContractExpired = DomainEvent<'ContractExpired', { contractId: string; expiresAt: Instant; reason: 'term-ended' | 'renewal-declined' | 'master-ends' }, 1>;

export type LifecycleEvent =
  | ContractDrafted
  | DraftRevised
  | AddendumAttached
  | ContractSigned
  | ContractActivated
  | ContractAmended
  | ContractExpired;
