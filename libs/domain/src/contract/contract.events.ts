import { ChangeEvent } from './change/change.events';
import { DisputeEvent } from './dispute/dispute.events';
import { EscalationEvent } from './escalation/escalation.events';
import { ExitEvent } from './exit/exit.events';
import { LifecycleEvent } from './lifecycle/lifecycle.events';
import { RenewalEvent } from './renewal/renewal.events';
import { SlaEvent } from './sla/sla.events';

/** Every event of the `contract-<id>` stream: a contract's whole history replays as one stream. */
export type ContractEvent = LifecycleEvent | ExitEvent | RenewalEvent | ChangeEvent | SlaEvent | EscalationEvent | DisputeEvent;
export type ContractEventType = ContractEvent['type'];

export const CONTRACT_EVENT_TYPES = [
  'ContractDrafted',
  'DraftRevised',
  'AddendumAttached',
  'ContractSigned',
  'ContractActivated',
  'ContractAmended',
  'RenewalWindowOpened',
  'RenewalDecisionDue',
  'ContractRenewed',
  'RenewalDeclined',
  'ContractTerminated',
  'ExitStepCompleted',
  'ExitStepOverdue',
  'ContractExpired',
  'ContractClosed',
  'ChangeRequested',
  'CollaborativeReviewOpened',
  'CollaborativeReviewConcluded',
  'CollaborativeReviewOverdue',
  'ChangeApproved',
  'ChangeRejected',
  'ChangeReferredToMediation',
  'LinkedReviewRequested',
  'LinkedReviewReceived',
  'SlaMeasurementRecorded',
  'SlaBreached',
  'ServiceCreditAccrued',
  'ServiceCreditWaived',
  'EscalationRaised',
  'EscalationEscalated',
  'EscalationResolved',
  'DisputeOpened',
  'DisputeAdvanced',
  'PositionPaperSubmitted',
  'MediationScheduled',
  'MediationSchedulingOverdue',
  'DisputeResolved',
] as const satisfies readonly ContractEventType[];

export type EventOf<T extends ContractEventType> = Extract<ContractEvent, { type: T }>;

/** Builds an event with the type's schema version; `occurredAt` only when the fact's time is not the command's. */
export function contractEvent<T extends ContractEventType>(type: T, data: EventOf<T>['data'], occurredAt?: string): EventOf<T> {
  return { type, schemaVersion: 1, data, ...(occurredAt === undefined ? {} : { occurredAt }) } as EventOf<T>;
}
