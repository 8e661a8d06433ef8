import { ContractCommandType, CONTRACT_COMMAND_TYPES } from './contract/contract.commands';
import { CONTRACT_EVENT_TYPES, ContractEventType } from './contract/contract.events';
import { PARTNERSHIP_COMMAND_TYPES, PartnershipCommandType } from './partnership/partnership.commands';
import { PARTNERSHIP_EVENT_TYPES, PartnershipEventType } from './partnership/partnership.events';

export type DomainEventType = PartnershipEventType | ContractEventType;
export type StreamKind = 'partnership' | 'contract';
export type Feature = 'partnership' | 'lifecycle' | 'renewal' | 'exit' | 'change' | 'sla' | 'escalation' | 'dispute';

export interface CatalogueEntry {
  type: DomainEventType;
  schemaVersion: number;
  stream: StreamKind;
  feature: Feature;
  /** In DOMAIN.md's minimum catalogue (false: added by this implementation). */
  minimum: boolean;
  /** The commands that emit it. */
  producedBy: Array<PartnershipCommandType | ContractCommandType>;
}

const p = (type: PartnershipEventType, producedBy: PartnershipCommandType[]): CatalogueEntry => ({ type, schemaVersion: 1, stream: 'partnership', feature: 'partnership', minimum: true, producedBy });
const c = (type: ContractEventType, feature: Feature, producedBy: ContractCommandType[], minimum = true): CatalogueEntry => ({
  type,
  schemaVersion: 1,
  stream: 'contract',
  feature,
  minimum,
  producedBy,
});
const TICK_ALL: ContractCommandType[] = ['ProcessDueDeadlines'];

/** Every event type, its payload schema version, its stream, and the commands that produce it. */
export const EVENT_CATALOGUE: readonly CatalogueEntry[] = [
  p('PartnershipFormed', ['FormPartnership']),
  p('GovernanceCharterAdopted', ['AdoptGovernanceCharter']),
  p('GovernanceMemberAppointed', ['AppointGovernanceMember']),
  p('GovernanceMemberRemoved', ['RemoveGovernanceMember']),
  p('BusinessReviewHeld', ['HoldBusinessReview']),
  p('HealthAssessmentRecorded', ['RecordHealthAssessment']),
  p('PartnershipStageChanged', ['ChangePartnershipStage']),
  c('ContractDrafted', 'lifecycle', ['DraftContract']),
  c('DraftRevised', 'lifecycle', ['ReviseDraft'], false),
  c('AddendumAttached', 'lifecycle', ['DraftContract', 'AttachAddendum']),
  c('ContractSigned', 'lifecycle', ['SignContract']),
  c('ContractActivated', 'lifecycle', ['SignContract', 'ActivateContract', 'ActivateIfDue', ...TICK_ALL]),
  c('ContractAmended', 'change', ['ApproveChange']),
  c('ContractExpired', 'renewal', ['ProcessExpiry', ...TICK_ALL]),
  c('RenewalWindowOpened', 'renewal', ['OpenDueRenewalWindows', 'SignContract', 'ActivateContract', 'ActivateIfDue', 'ApproveChange', 'RenewContract', 'ProcessExpiry', ...TICK_ALL]),
  c('RenewalDecisionDue', 'renewal', ['OpenDueRenewalWindows', 'SignContract', 'ActivateContract', 'ActivateIfDue', 'ApproveChange', 'RenewContract', 'ProcessExpiry', ...TICK_ALL]),
  c('ContractRenewed', 'renewal', ['RenewContract', 'ProcessExpiry', ...TICK_ALL]),
  c('RenewalDeclined', 'renewal', ['DeclineRenewal']),
  c('ContractTerminated', 'exit', ['TerminateContract', 'TerminateWithMaster']),
  c('ExitStepCompleted', 'exit', ['CompleteExitStep']),
  c('ExitStepOverdue', 'exit', ['MarkOverdueExitSteps', ...TICK_ALL], false),
  c('ContractClosed', 'exit', ['CloseContract']),
  c('ChangeRequested', 'change', ['RequestChange']),
  c('CollaborativeReviewOpened', 'change', ['RequestChange']),
  c('CollaborativeReviewConcluded', 'change', ['ConcludeCollaborativeReview'], false),
  c('CollaborativeReviewOverdue', 'change', ['MarkOverdueReviews', 'ReferChangeToMediation', ...TICK_ALL], false),
  c('ChangeApproved', 'change', ['ApproveChange']),
  c('ChangeRejected', 'change', ['RejectChange']),
  c('ChangeReferredToMediation', 'change', ['ReferChangeToMediation']),
  c('LinkedReviewRequested', 'change', ['ApproveChange']),
  c('LinkedReviewReceived', 'change', ['ReceiveLinkedReview'], false),
  c('SlaMeasurementRecorded', 'sla', ['RecordSlaMeasurement']),
  c('SlaBreached', 'sla', ['RecordSlaMeasurement', 'ReportSlaBreach']),
  c('ServiceCreditAccrued', 'sla', ['RecordSlaMeasurement', 'ReportSlaBreach']),
  c('ServiceCreditWaived', 'sla', ['WaiveServiceCredit']),
  c('EscalationRaised', 'escalation', ['RaiseEscalation']),
  c('EscalationEscalated', 'escalation', ['EscalateEscalation', 'EscalateOverdue', 'ResolveEscalation', ...TICK_ALL]),
  c('EscalationResolved', 'escalation', ['ResolveEscalation']),
  c('DisputeOpened', 'dispute', ['OpenDispute']),
  c('DisputeAdvanced', 'dispute', ['AdvanceDispute']),
  c('PositionPaperSubmitted', 'dispute', ['SubmitPositionPaper']),
  c('MediationScheduled', 'dispute', ['ScheduleMediation']),
  c('MediationSchedulingOverdue', 'dispute', ['MarkMediationSchedulingOverdue', 'AdvanceDispute', ...TICK_ALL], false),
  c('DisputeResolved', 'dispute', ['ResolveDispute']),
];

export const ALL_EVENT_TYPES: readonly DomainEventType[] = [...PARTNERSHIP_EVENT_TYPES, ...CONTRACT_EVENT_TYPES];
export const ALL_COMMAND_TYPES: ReadonlyArray<PartnershipCommandType | ContractCommandType> = [...PARTNERSHIP_COMMAND_TYPES, ...CONTRACT_COMMAND_TYPES];

export function catalogueEntry(type: string): CatalogueEntry | undefined {
  return EVENT_CATALOGUE.find((e) => e.type === type);
}

// Compile-time completeness: every event and command type of the unions is listed.
type Missing<All, Listed> = Exclude<All, Listed>;
const _eventsComplete: [Missing<ContractEventType, (typeof CONTRACT_EVENT_TYPES)[number]>] extends [never] ? true : false = true;
const _partnershipEventsComplete: [Missing<PartnershipEventType, (typeof PARTNERSHIP_EVENT_TYPES)[number]>] extends [never] ? true : false = true;
const _commandsComplete: [Missing<ContractCommandType, (typeof CONTRACT_COMMAND_TYPES)[number]>] extends [never] ? true : false = true;
const _partnershipCommandsComplete: [Missing<PartnershipCommandType, (typeof PARTNERSHIP_COMMAND_TYPES)[number]>] extends [never] ? true : false = true;
export const CATALOGUE_IS_COMPLETE = _eventsComplete && _partnershipEventsComplete && _commandsComplete && _partnershipCommandsComplete;
