import { ContractEvent } from '../contract/contract.events';
import { PartnershipEvent } from '../partnership/partnership.events';
import { format } from '../shared/money';

/** Display names the caller knows (from projections); ids are shown when a name is unknown. */
export interface SummaryNames {
  party?(partyId: string): string | undefined;
  person?(personId: string): string | undefined;
  contract?(contractId: string): string | undefined;
}

const day = (iso: string): string => iso.slice(0, 10);
const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** One neutral, human line per event for the partnership timeline, e.g. "Acme Corp signed Master Services Agreement". */
export function summarise(event: PartnershipEvent | ContractEvent, names: SummaryNames = {}): string {
  const party = (id: string): string => names.party?.(id) ?? id;
  const person = (id: string): string => names.person?.(id) ?? id;
  const contract = (id: string): string => names.contract?.(id) ?? `contract ${id}`;
  switch (event.type) {
    case 'PartnershipFormed':
      return `Partnership "${event.data.name}" formed between ${event.data.parties.map((x) => x.name).join(' and ')}`;
    case 'GovernanceCharterAdopted':
      return `Governance charter version ${event.data.charterVersion} adopted`;
    case 'GovernanceMemberAppointed':
      return `${event.data.name} (${party(event.data.partyId)}) appointed to the ${event.data.tier} tier from ${day(event.data.from)}`;
    case 'GovernanceMemberRemoved':
      return `${person(event.data.personId)} (${party(event.data.partyId)}) left the ${event.data.tier} tier on ${day(event.data.until)}: ${event.data.reason}`;
    case 'BusinessReviewHeld':
      return `${cap(event.data.kind)} business review held with ${event.data.attendees.length} attendee(s)`;
    case 'HealthAssessmentRecorded': {
      const s = event.data.scores;
      return `Health assessed: operational ${s.operational}, relational ${s.relational}, strategic ${s.strategic}`;
    }
    case 'PartnershipStageChanged':
      return `Partnership moved from ${event.data.from} to ${event.data.to}: ${event.data.reason}`;
    case 'ContractDrafted':
      return `"${event.data.terms.title}" drafted between ${event.data.terms.parties.map((x) => x.name).join(' and ')}`;
    case 'DraftRevised':
      return `Draft of ${contract(event.data.contractId)} revised (${event.data.diff.length} change(s))`;
    case 'AddendumAttached':
      return `${cap(contract(event.data.contractId))} attached as an addendum to ${contract(event.data.masterContractId)}`;
    case 'ContractSigned':
      return `${party(event.data.partyId)} signed ${contract(event.data.contractId)} (signatory ${event.data.signatoryName})`;
    case 'ContractActivated':
      return `${cap(contract(event.data.contractId))} became active, running until ${day(event.data.expiresAt)}`;
    case 'ContractAmended':
      return `${cap(contract(event.data.contractId))} amended (amendment ${event.data.amendmentNumber}, ${event.data.diff.length} term change(s))`;
    case 'ContractExpired':
      return `${cap(contract(event.data.contractId))} expired (${event.data.reason.replace(/-/g, ' ')})`;
    case 'RenewalWindowOpened':
      return `Renewal window opened for ${contract(event.data.contractId)}; decision due ${day(event.data.decisionDueAt)}, expiry ${day(event.data.expiresAt)}`;
    case 'RenewalDecisionDue':
      return `Renewal decision due for ${contract(event.data.contractId)} (expiry ${day(event.data.expiresAt)})`;
    case 'ContractRenewed':
      return `${cap(contract(event.data.contractId))} renewed${event.data.automatic ? ' automatically' : ''} until ${day(event.data.newExpiresAt)}`;
    case 'RenewalDeclined':
      return `Renewal of ${contract(event.data.contractId)} declined: ${event.data.reason}`;
    case 'ContractTerminated':
      return `${cap(contract(event.data.contractId))} terminated (${event.data.reason.replace(/-/g, ' ')}), effective ${day(event.data.effectiveAt)}, with ${event.data.exitPlan.length} exit step(s)`;
    case 'ExitStepCompleted':
      return `Exit step ${event.data.stepId} completed${event.data.late ? ' late' : ''}`;
    case 'ExitStepOverdue':
      return `Exit step ${event.data.stepId} overdue since ${when(event.data.dueAt)}`;
    case 'ContractClosed':
      return `${cap(contract(event.data.contractId))} closed`;
    case 'ChangeRequested':
      return `Change "${event.data.title}" requested (${event.data.level}, cost impact ${format(event.data.costImpact)})`;
    case 'CollaborativeReviewOpened':
      return `Collaborative review of change ${event.data.changeId} opened; responses due ${when(event.data.respondBy)}`;
    case 'CollaborativeReviewConcluded':
      return `Collaborative review of change ${event.data.changeId} ended in ${event.data.outcome.replace(/-/g, ' ')}`;
    case 'CollaborativeReviewOverdue':
      return `Collaborative review of change ${event.data.changeId} passed its deadline without conclusion`;
    case 'ChangeApproved':
      return `Change ${event.data.changeId} (${event.data.level}) approved at ${event.data.tier} level`;
    case 'ChangeRejected':
      return `Change ${event.data.changeId} (${event.data.level}) rejected: ${event.data.reason}`;
    case 'ChangeReferredToMediation':
      return `Change ${event.data.changeId} referred to mediation: ${event.data.reason}`;
    case 'LinkedReviewRequested':
      return `Review of linked ${contract(event.data.linkedContractId)} requested after amendment ${event.data.amendmentNumber}`;
    case 'LinkedReviewReceived':
      return `Review requested: ${contract(event.data.sourceContractId)} was amended (amendment ${event.data.amendmentNumber}, change ${event.data.changeId})`;
    case 'SlaMeasurementRecorded':
      return `SLA ${event.data.slaId} measured ${event.data.value}: ${event.data.outcome}`;
    case 'SlaBreached':
      return `SLA ${event.data.slaId} breached${event.data.value === undefined ? '' : ` (${event.data.value} against target ${event.data.target})`}`;
    case 'ServiceCreditAccrued':
      return `Service credit of ${format(event.data.amount)} accrued for breach ${event.data.breachId}${event.data.capped ? ' (capped)' : ''}`;
    case 'ServiceCreditWaived':
      return `Service credit of ${format(event.data.amount)} for breach ${event.data.breachId} waived: ${event.data.reason}`;
    case 'EscalationRaised':
      return `Escalation "${event.data.subject}" raised to the ${event.data.tier} tier; response due ${when(event.data.dueAt)}`;
    case 'EscalationEscalated':
      return `Escalation ${event.data.escalationId} moved ${event.data.automatic ? 'automatically ' : ''}to level ${event.data.toLevel} (${event.data.tier})`;
    case 'EscalationResolved':
      return `Escalation ${event.data.escalationId} resolved at level ${event.data.level}${event.data.withinDeadline ? '' : ' after its deadline'}`;
    case 'DisputeOpened':
      return `${party(event.data.raisedByPartyId)} served formal notice of dispute "${event.data.subject}" on ${party(event.data.respondentPartyId)}`;
    case 'DisputeAdvanced':
      return `Dispute ${event.data.disputeId} moved from ${event.data.fromStep.replace(/-/g, ' ')} to ${event.data.toStep.replace(/-/g, ' ')}`;
    case 'PositionPaperSubmitted':
      return `${party(event.data.partyId)} submitted a position paper in dispute ${event.data.disputeId} (sha256 ${event.data.contentHash.slice(0, 12)}…)`;
    case 'MediationScheduled':
      return `Mediation of dispute ${event.data.disputeId} scheduled for ${when(event.data.scheduledFor)} with ${event.data.mediator}`;
    case 'MediationSchedulingOverdue':
      return `Mediation of dispute ${event.data.disputeId} was not scheduled by ${day(event.data.mediationDueBy)}`;
    case 'DisputeResolved':
      return `Dispute ${event.data.disputeId} resolved at ${event.data.step.replace(/-/g, ' ')} (${event.data.outcome}${event.data.binding ? ', binding' : ''})`;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
