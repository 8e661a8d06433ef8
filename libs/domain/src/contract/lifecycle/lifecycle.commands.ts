import { CommandBase, TickBase } from '../../shared/event';
import { ContractTerms } from '../terms/contract-terms';

export interface DraftContract extends CommandBase {
  type: 'DraftContract';
  contractId: string;
  partnershipId: string;
  terms: ContractTerms;
  /** Drafts an addendum attached to this master agreement (the context carries the master). */
  masterContractId?: string;
}

/** Replaces the draft's terms while no party has signed. */
export interface ReviseDraft extends CommandBase {
  type: 'ReviseDraft';
  terms: ContractTerms;
}

export interface AttachAddendum extends CommandBase {
  type: 'AttachAddendum';
  masterContractId: string;
}

export interface SignContract extends CommandBase {
  type: 'SignContract';
  partyId: string;
  signatoryName: string;
}

/** Asks for activation now; rejected with the reason when it is not due. */
export interface ActivateContract extends CommandBase {
  type: 'ActivateContract';
}

/** Scheduler: activates when every party signed and the effective date is reached; otherwise nothing. */
export interface ActivateIfDue extends TickBase {
  type: 'ActivateIfDue';
}

export type LifecycleCommand = DraftContract | ReviseDraft | AttachAddendum | SignContract | ActivateContract | ActivateIfDue;
