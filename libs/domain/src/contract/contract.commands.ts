import { TickBase } from '../shared/event';
import { ChangeCommand } from './change/change.commands';
import { DisputeCommand } from './dispute/dispute.commands';
import { EscalationCommand } from './escalation/escalation.commands';
import { ExitCommand } from './exit/exit.commands';
import { LifecycleCommand } from './lifecycle/lifecycle.commands';
import { RenewalCommand } from './renewal/renewal.commands';
import { SlaCommand } from './sla/sla.commands';

/** Scheduler: runs every due deadline of the contract in chronological order, each dated at its own time. */
export interface ProcessDueDeadlines extends TickBase {
  type: 'ProcessDueDeadlines';
}

export type ContractCommand = LifecycleCommand | ExitCommand | RenewalCommand | ChangeCommand | SlaCommand | EscalationCommand | DisputeCommand | ProcessDueDeadlines;
export type ContractCommandType = ContractCommand['type'];

/** Commands a scheduler sends with `now` (no actor decision involved). */
export const CONTRACT_TICK_COMMAND_TYPES = [
  'ActivateIfDue',
  'OpenDueRenewalWindows',
  'ProcessExpiry',
  'EscalateOverdue',
  'MarkOverdueReviews',
  'MarkMediationSchedulingOverdue',
  'MarkOverdueExitSteps',
  'ProcessDueDeadlines',
] as const satisfies readonly ContractCommandType[];
export type ContractTickCommandType = (typeof CONTRACT_TICK_COMMAND_TYPES)[number];
export type ContractTickCommand = Extract<ContractCommand, { type: ContractTickCommandType }>;

export const CONTRACT_COMMAND_TYPES = [
  'DraftContract',
  'ReviseDraft',
  'AttachAddendum',
  'SignContract',
  'ActivateContract',
  'RequestChange',
  'ConcludeCollaborativeReview',
  'ApproveChange',
  'RejectChange',
  'ReferChangeToMediation',
  'ReceiveLinkedReview',
  'RecordSlaMeasurement',
  'ReportSlaBreach',
  'WaiveServiceCredit',
  'RaiseEscalation',
  'EscalateEscalation',
  'ResolveEscalation',
  'OpenDispute',
  'AdvanceDispute',
  'SubmitPositionPaper',
  'ScheduleMediation',
  'ResolveDispute',
  'RenewContract',
  'DeclineRenewal',
  'TerminateContract',
  'TerminateWithMaster',
  'CompleteExitStep',
  'CloseContract',
  ...CONTRACT_TICK_COMMAND_TYPES,
] as const satisfies readonly ContractCommandType[];

export function isTick(c: ContractCommand): c is ContractTickCommand {
  return (CONTRACT_TICK_COMMAND_TYPES as readonly string[]).includes(c.type);
}

/** A scheduler's command for a tick type at an instant. */
export function tickCommand(type: ContractTickCommandType, now: string, actorId = 'system:scheduler'): ContractTickCommand {
  return { type, now, actorId } as ContractTickCommand;
}
