import { evolveChange } from './change/change.evolve';
import { ContractEvent } from './contract.events';
import { ContractState } from './contract.state';
import { evolveDispute } from './dispute/dispute.evolve';
import { evolveEscalation } from './escalation/escalation.evolve';
import { evolveExit } from './exit/exit.evolve';
import { evolveLifecycle } from './lifecycle/lifecycle.evolve';
import { evolveRenewal } from './renewal/renewal.evolve';
import { evolveSla } from './sla/sla.evolve';

/**
 * Folds one event into the contract's state. Pure and total: an event that does not apply (which a
 * correct stream never holds) leaves the state as it is. Uses `occurredAt` where the fact's time matters
 * (a signature's date, an activation); the application layer fills it from metadata on replay.
 */
export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  switch (event.type) {
    case 'ContractDrafted':
    case 'DraftRevised':
    case 'AddendumAttached':
    case 'ContractSigned':
    case 'ContractActivated':
    case 'ContractAmended':
    case 'ContractExpired':
      return evolveLifecycle(state, event);
    case 'ContractTerminated':
    case 'ExitStepCompleted':
    case 'ExitStepOverdue':
    case 'ContractClosed':
      return evolveExit(state, event);
    case 'RenewalWindowOpened':
    case 'RenewalDecisionDue':
    case 'ContractRenewed':
    case 'RenewalDeclined':
      return evolveRenewal(state, event);
    case 'ChangeRequested':
    case 'CollaborativeReviewOpened':
    case 'CollaborativeReviewConcluded':
    case 'CollaborativeReviewOverdue':
    case 'ChangeApproved':
    case 'ChangeRejected':
    case 'ChangeReferredToMediation':
    case 'LinkedReviewRequested':
    case 'LinkedReviewReceived':
      return evolveChange(state, event);
    case 'SlaMeasurementRecorded':
    case 'SlaBreached':
    case 'ServiceCreditAccrued':
    case 'ServiceCreditWaived':
      return evolveSla(state, event);
    case 'EscalationRaised':
    case 'EscalationEscalated':
    case 'EscalationResolved':
      return evolveEscalation(state, event);
    case 'DisputeOpened':
    case 'DisputeAdvanced':
    case 'PositionPaperSubmitted':
    case 'MediationScheduled':
    case 'MediationSchedulingOverdue':
    case 'DisputeResolved':
      return evolveDispute(state, event);
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
