import { DomainEvent } from '../../shared/event';
import { Instant } from '../../shared/time';
import { ExitStep, TerminationReason } from '../contract.state';

export type ContractTerminated = DomainEvent<
  'ContractTerminated',
  { contractId: string; reason: TerminationReason; grounds: string; effectiveAt: Instant; exitPlan: ExitStep[]; masterContractId?: string },
  1
>;
export type ExitStepCompleted = DomainEvent<'ExitStepCompleted', { contractId: string; stepId: string; late: boolean; evidence?: string }, 1>;
/** Beyond the minimum catalogue: an exit step passed its due date undone. */
export type ExitStepOverdue = DomainEvent<'ExitStepOverdue', { contractId: string; stepId: string; dueAt: Instant }, 1>;
export type ContractClosed = DomainEvent<'ContractClosed', { contractId: string }, 1>;

export type ExitEvent = ContractTerminated | ExitStepCompleted | ExitStepOverdue | ContractClosed;
