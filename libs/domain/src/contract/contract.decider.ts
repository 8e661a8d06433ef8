import { requireInstant } from '../shared/time';
import { requireText } from '../shared/validate';
import { approveChange, rejectChange } from './change/decision';
import { requestChange } from './change/request';
import { receiveLinkedReview } from './change/linked-review';
import { concludeCollaborativeReview, markOverdueReviews, referChangeToMediation } from './change/review';
import { ContractCommand, ContractTickCommand, ProcessDueDeadlines } from './contract.commands';
import { ContractDecisionContext } from './contract.context';
import { ContractEvent } from './contract.events';
import { evolveContract } from './contract.evolve';
import { ContractState, initialContractState } from './contract.state';
import { processDueDeadlines } from './deadlines/process-due-deadlines';
import { advanceDispute, markMediationSchedulingOverdue, openDispute, resolveDispute, scheduleMediation, submitPositionPaper } from './dispute/dispute.decide';
import { escalateEscalation, escalateOverdue, raiseEscalation, resolveEscalation } from './escalation/escalation.decide';
import { closeContract, completeExitStep, markOverdueExitSteps } from './exit/exit-steps';
import { terminateContract, terminateWithMaster } from './exit/terminate';
import { activateContract, activateIfDue, signContract } from './lifecycle/activation';
import { attachAddendum, draftContract, reviseDraft } from './lifecycle/draft';
import { declineRenewal, openDueRenewalWindows, processExpiry, renewContract } from './renewal/renewal.decide';
import { recordSlaMeasurement, reportSlaBreach, waiveServiceCredit } from './sla/sla.decide';

function decideTick(c: Exclude<ContractTickCommand, ProcessDueDeadlines>, s: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  switch (c.type) {
    case 'ActivateIfDue':
      return activateIfDue(c, s, ctx);
    case 'OpenDueRenewalWindows':
      return openDueRenewalWindows(c, s);
    case 'ProcessExpiry':
      return processExpiry(c, s, ctx);
    case 'EscalateOverdue':
      return escalateOverdue(c, s);
    case 'MarkOverdueReviews':
      return markOverdueReviews(c, s);
    case 'MarkMediationSchedulingOverdue':
      return markMediationSchedulingOverdue(c, s);
    case 'MarkOverdueExitSteps':
      return markOverdueExitSteps(c, s);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

/**
 * Decides a contract command against the contract's state and the context the application loaded.
 * Dispatch only: every rule lives in its feature folder, one function per command.
 */
export function decideContract(c: ContractCommand, s: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  requireText('actorId', c.actorId, 200);
  if ('now' in c) requireInstant('now', c.now);
  else requireInstant('occurredAt', c.occurredAt);
  switch (c.type) {
    case 'DraftContract':
      return draftContract(c, s, ctx);
    case 'ReviseDraft':
      return reviseDraft(c, s, ctx);
    case 'AttachAddendum':
      return attachAddendum(c, s, ctx);
    case 'SignContract':
      return signContract(c, s, ctx);
    case 'ActivateContract':
      return activateContract(c, s, ctx);
    case 'RequestChange':
      return requestChange(c, s, ctx);
    case 'ConcludeCollaborativeReview':
      return concludeCollaborativeReview(c, s, ctx);
    case 'ApproveChange':
      return approveChange(c, s, ctx);
    case 'RejectChange':
      return rejectChange(c, s, ctx);
    case 'ReferChangeToMediation':
      return referChangeToMediation(c, s, ctx);
    case 'ReceiveLinkedReview':
      return receiveLinkedReview(c, s);
    case 'RecordSlaMeasurement':
      return recordSlaMeasurement(c, s);
    case 'ReportSlaBreach':
      return reportSlaBreach(c, s);
    case 'WaiveServiceCredit':
      return waiveServiceCredit(c, s, ctx);
    case 'RaiseEscalation':
      return raiseEscalation(c, s);
    case 'EscalateEscalation':
      return escalateEscalation(c, s, ctx);
    case 'ResolveEscalation':
      return resolveEscalation(c, s, ctx);
    case 'OpenDispute':
      return openDispute(c, s, ctx);
    case 'AdvanceDispute':
      return advanceDispute(c, s, ctx);
    case 'SubmitPositionPaper':
      return submitPositionPaper(c, s, ctx);
    case 'ScheduleMediation':
      return scheduleMediation(c, s, ctx);
    case 'ResolveDispute':
      return resolveDispute(c, s, ctx);
    case 'RenewContract':
      return renewContract(c, s, ctx);
    case 'DeclineRenewal':
      return declineRenewal(c, s, ctx);
    case 'TerminateContract':
      return terminateContract(c, s, ctx);
    case 'TerminateWithMaster':
      return terminateWithMaster(c, s, ctx);
    case 'CompleteExitStep':
      return completeExitStep(c, s);
    case 'CloseContract':
      return closeContract(c, s, ctx);
    case 'ProcessDueDeadlines':
      return processDueDeadlines(c, s, ctx, decideTick);
    case 'ActivateIfDue':
    case 'OpenDueRenewalWindows':
    case 'ProcessExpiry':
    case 'EscalateOverdue':
    case 'MarkOverdueReviews':
    case 'MarkMediationSchedulingOverdue':
    case 'MarkOverdueExitSteps':
      return decideTick(c, s, ctx);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

/**
 * The Contract decider (stream `contract-<id>`): lifecycle, amendments, renewal, exit, the change
 * protocol, SLAs and credits, escalations and disputes, so a contract's history replays as one stream.
 */
export const contractDecider = {
  initialState: initialContractState,
  decide: decideContract,
  evolve: evolveContract,
};
