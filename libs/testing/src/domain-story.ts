/**
 * A whole partnership story, run through the real deciders: every command type of the catalogue that
 * a person or the scheduler sends, in chronological order, across the partnership, a master agreement
 * and two addenda. Tests use it to check that every event type is produced by some command and that
 * every event survives JSON; the seed and e2e tests can reuse it as realistic data.
 */
import {
  ContractCommand,
  contractDecider,
  ContractDecisionContext,
  ContractEvent,
  governanceView,
  masterView,
  money,
  PartnershipCommand,
  partnershipDecider,
  PartnershipEvent,
  replayAsOf,
} from '@covenant/domain';
import { ACME, addendumTerms, ADDENDUM_ID, at, days, GLOBEX, hours, masterTerms, MSA_ID, PARTNERSHIP_ID, PEOPLE, RECORDER, SLA_AVAILABILITY, T0 } from './builders';

export interface Step<C, E> {
  streamId: string;
  command: C;
  events: E[];
}

export interface Story {
  partnership: Array<Step<PartnershipCommand, PartnershipEvent>>;
  contracts: Array<Step<ContractCommand, ContractEvent>>;
  /** Every event per stream, dated as the application would date it. */
  streams: Record<string, Array<PartnershipEvent | ContractEvent>>;
}

const date = <E extends { occurredAt?: string }>(events: E[], at: string): E[] => events.map((e) => (e.occurredAt === undefined ? { ...e, occurredAt: at } : e));
const timeOf = (c: { occurredAt?: string; now?: string }): string => (c.occurredAt ?? c.now) as string;
const EUR = (a: string) => money(a, 'EUR');
const SCHED = 'system:scheduler';
const HASH = 'c0ffee'.padEnd(64, '0');
export const ADDENDUM_B_ID = 'addendum-logistics';

function partnershipCommands(): PartnershipCommand[] {
  const r = { actorId: RECORDER };
  return [
    { ...r, type: 'FormPartnership', occurredAt: at(-days(30)), partnershipId: PARTNERSHIP_ID, name: 'Acme × Globex', parties: [ACME, GLOBEX] },
    { ...r, type: 'AdoptGovernanceCharter', occurredAt: at(-days(29)) },
    ...Object.values(PEOPLE).map((p): PartnershipCommand => ({ ...r, type: 'AppointGovernanceMember', occurredAt: at(-days(28)), ...p })),
    { ...r, type: 'AppointGovernanceMember', occurredAt: at(-days(28)), personId: 'gina', name: 'Gina Temp', partyId: ACME.partyId, tier: 'operational' },
    { ...r, type: 'RemoveGovernanceMember', occurredAt: at(days(40)), personId: 'gina', reason: 'contract ended' },
    { type: 'ChangePartnershipStage', actorId: PEOPLE.erin.personId, occurredAt: at(days(1)), stage: 'operating', reason: 'master agreement live' },
    { ...r, type: 'HoldBusinessReview', occurredAt: at(days(85)), reviewId: 'qbr-2025-q1', kind: 'quarterly', attendees: ['carol', 'dave', 'erin', 'frank'], summary: 'Delivery on track; invoicing friction', contractIds: [MSA_ID] },
    { ...r, type: 'RecordHealthAssessment', occurredAt: at(days(86)), assessmentId: 'qbr-2025-q1-health', source: { kind: 'business-review', reviewId: 'qbr-2025-q1' }, scores: { operational: 82, relational: 64, strategic: 58 } },
  ];
}

function masterCommands(): ContractCommand[] {
  const r = { actorId: RECORDER };
  const terms = masterTerms({ coordinationLinks: [ADDENDUM_ID] });
  const expiry = terms.expiresAt;
  const big = { type: 'RequestChange' as const, ...r, title: 'Double the analytics capacity', rationale: 'growth', proposedLevel: 'significant' as const, costImpact: EUR('200000.00'), proposedTerms: { value: EUR('1280000.00') } };
  const d = (n: number): string => at(days(n));
  const after = (base: string, n: number): string => at(days(n), base);
  // Renewed by decision for a year, then once more automatically at that expiry.
  const renewed = after(expiry, 365);
  return [
    { ...r, type: 'DraftContract', occurredAt: d(-20), contractId: MSA_ID, partnershipId: PARTNERSHIP_ID, terms: { ...terms, noticePeriodDays: 60 } },
    { ...r, type: 'ReviseDraft', occurredAt: d(-19), terms },
    { ...r, type: 'SignContract', occurredAt: d(-10), partyId: ACME.partyId, signatoryName: 'Erin Exec' },
    { ...r, type: 'SignContract', occurredAt: d(-9), partyId: GLOBEX.partyId, signatoryName: 'Frank Exec' },
    { type: 'ActivateIfDue', actorId: SCHED, now: T0 },
    { ...r, type: 'RecordSlaMeasurement', occurredAt: d(7), measurementId: 'm-1', slaId: 'availability', value: '99.95' },
    { ...r, type: 'RecordSlaMeasurement', occurredAt: d(8), measurementId: 'm-2', slaId: 'availability', value: '99.50' },
    { type: 'WaiveServiceCredit', actorId: PEOPLE.carol.personId, occurredAt: d(9), breachId: 'm-2', reason: 'root cause on Acme side' },
    { ...r, type: 'ReportSlaBreach', occurredAt: d(9), breachId: 'r-1', slaId: 'p1-response', description: 'P1 #4711 answered after 2 hours' },
    { ...r, type: 'RequestChange', occurredAt: d(10), changeId: 'ch-1', title: 'Rename the agreement', rationale: 'branding', proposedLevel: 'minor', costImpact: EUR('0.00'), proposedTerms: { title: 'Master Services Agreement 2025' } },
    { type: 'ApproveChange', actorId: PEOPLE.alice.personId, occurredAt: d(11), changeId: 'ch-1' },
    { ...r, type: 'RaiseEscalation', occurredAt: d(12), escalationId: 'esc-1', subject: 'Invoices rejected twice', relatesTo: { kind: 'sla-breach', id: 'r-1' } },
    { type: 'EscalateOverdue', actorId: SCHED, now: d(14) },
    { type: 'ResolveEscalation', actorId: PEOPLE.carol.personId, occurredAt: at(hours(1), d(14)), escalationId: 'esc-1', resolution: 'Invoice template fixed' },
    { ...r, type: 'RaiseEscalation', occurredAt: d(15), escalationId: 'esc-2', subject: 'Roadmap slip' },
    { type: 'EscalateEscalation', actorId: PEOPLE.alice.personId, occurredAt: at(hours(2), d(15)), escalationId: 'esc-2', reason: 'needs budget' },
    { ...big, occurredAt: d(20), changeId: 'ch-2' },
    { type: 'ConcludeCollaborativeReview', actorId: PEOPLE.carol.personId, occurredAt: d(25), changeId: 'ch-2', outcome: 'no-consensus', summary: 'cost split disputed' },
    { type: 'ReferChangeToMediation', actorId: PEOPLE.carol.personId, occurredAt: d(26), changeId: 'ch-2', reason: 'deadlock', mediator: 'CEDR' },
    { type: 'RejectChange', actorId: PEOPLE.erin.personId, occurredAt: d(40), changeId: 'ch-2', reason: 'mediator advised against' },
    { ...big, occurredAt: d(41), changeId: 'ch-3' },
    { type: 'MarkOverdueReviews', actorId: SCHED, now: d(56) },
    { ...big, occurredAt: d(57), changeId: 'ch-4', proposedTerms: { value: EUR('1300000.00') } },
    { type: 'ConcludeCollaborativeReview', actorId: PEOPLE.dave.personId, occurredAt: d(58), changeId: 'ch-4', outcome: 'consensus', summary: 'agreed' },
    { type: 'ApproveChange', actorId: PEOPLE.dave.personId, occurredAt: d(59), changeId: 'ch-4' },
    { type: 'OpenDispute', actorId: PEOPLE.alice.personId, occurredAt: d(60), disputeId: 'd-1', subject: 'Unpaid change order CO-7', raisedByPartyId: ACME.partyId, respondentPartyId: GLOBEX.partyId },
    { type: 'AdvanceDispute', actorId: PEOPLE.carol.personId, occurredAt: d(62), disputeId: 'd-1', toStep: 'relationship-managers', reason: 'no agreement' },
    { type: 'AdvanceDispute', actorId: PEOPLE.erin.personId, occurredAt: d(65), disputeId: 'd-1', toStep: 'mediation', reason: 'no agreement' },
    { type: 'ScheduleMediation', actorId: PEOPLE.frank.personId, occurredAt: d(66), disputeId: 'd-1', scheduledFor: d(80), mediator: 'CEDR panel' },
    { type: 'SubmitPositionPaper', actorId: PEOPLE.alice.personId, occurredAt: d(67), disputeId: 'd-1', partyId: ACME.partyId, contentHash: HASH, documentRef: 'dms://acme/co7-position.pdf' },
    { type: 'SubmitPositionPaper', actorId: PEOPLE.bob.personId, occurredAt: d(68), disputeId: 'd-1', partyId: GLOBEX.partyId, contentHash: HASH.replace('c0ffee', 'beef00') },
    { type: 'OpenDispute', actorId: PEOPLE.bob.personId, occurredAt: d(70), disputeId: 'd-2', subject: 'Scope of weekend support', raisedByPartyId: GLOBEX.partyId, respondentPartyId: ACME.partyId },
    { type: 'AdvanceDispute', actorId: PEOPLE.erin.personId, occurredAt: d(81), disputeId: 'd-1', toStep: 'arbitration', reason: 'mediation failed' },
    { type: 'MarkMediationSchedulingOverdue', actorId: SCHED, now: d(101) },
    { type: 'ResolveDispute', actorId: PEOPLE.dave.personId, occurredAt: d(102), disputeId: 'd-2', outcome: 'agreement', summary: 'weekend support is out of scope' },
    { type: 'ResolveDispute', actorId: PEOPLE.frank.personId, occurredAt: d(120), disputeId: 'd-1', outcome: 'award', summary: 'Globex pays 40 %' },
    { type: 'OpenDueRenewalWindows', actorId: SCHED, now: after(expiry, -60) },
    { type: 'RenewContract', actorId: PEOPLE.frank.personId, occurredAt: after(expiry, -50) },
    { type: 'ProcessExpiry', actorId: SCHED, now: renewed },
    {
      type: 'TerminateContract',
      actorId: PEOPLE.erin.personId,
      occurredAt: after(renewed, 10),
      reason: 'convenience',
      grounds: 'strategy change',
      effectiveAt: after(renewed, 100),
      exitPlan: [
        { stepId: 'kt', kind: 'knowledge-transfer', description: 'Runbooks and shadowing', dueAt: after(renewed, 40), ownerPartyId: GLOBEX.partyId },
        { stepId: 'assets', kind: 'asset-transition', description: 'Licences and hardware', dueAt: after(renewed, 95), ownerPartyId: GLOBEX.partyId },
      ],
    },
    { type: 'MarkOverdueExitSteps', actorId: SCHED, now: after(renewed, 41) },
    { ...r, type: 'CompleteExitStep', occurredAt: after(renewed, 45), stepId: 'kt', evidence: 'sign-off 2028-02-20' },
    { ...r, type: 'CompleteExitStep', occurredAt: after(renewed, 90), stepId: 'assets' },
    { ...r, type: 'CloseContract', occurredAt: after(renewed, 100) },
  ];
}

function addendumCommands(): Array<{ contractId: string; command: ContractCommand }> {
  const r = { actorId: RECORDER };
  const expiry = masterTerms().expiresAt;
  const a = (command: ContractCommand) => ({ contractId: ADDENDUM_ID, command });
  const b = (command: ContractCommand) => ({ contractId: ADDENDUM_B_ID, command });
  const bTerms = addendumTerms({ title: 'Logistics Addendum', effectiveFrom: at(days(400)), expiresAt: expiry, slas: [SLA_AVAILABILITY] });
  return [
    a({ ...r, type: 'DraftContract', occurredAt: at(days(1)), contractId: ADDENDUM_ID, partnershipId: PARTNERSHIP_ID, terms: addendumTerms({ autoRenew: false }), masterContractId: MSA_ID }),
    a({ ...r, type: 'SignContract', occurredAt: at(days(2)), partyId: ACME.partyId, signatoryName: 'Carol Steer' }),
    a({ ...r, type: 'SignContract', occurredAt: at(days(3)), partyId: GLOBEX.partyId, signatoryName: 'Dave Steer' }),
    a({ type: 'DeclineRenewal', actorId: PEOPLE.erin.personId, occurredAt: at(days(300)), reason: 'analytics moves in-house' }),
    a({ type: 'ProcessExpiry', actorId: SCHED, now: at(days(366)) }),
    b({ ...r, type: 'DraftContract', occurredAt: at(days(390)), contractId: ADDENDUM_B_ID, partnershipId: PARTNERSHIP_ID, terms: bTerms }),
    b({ ...r, type: 'AttachAddendum', occurredAt: at(days(391)), masterContractId: MSA_ID }),
    b({ ...r, type: 'SignContract', occurredAt: at(days(392)), partyId: ACME.partyId, signatoryName: 'Carol Steer' }),
    b({ ...r, type: 'SignContract', occurredAt: at(days(393)), partyId: GLOBEX.partyId, signatoryName: 'Dave Steer' }),
    b({ type: 'ActivateContract', actorId: RECORDER, occurredAt: at(days(400)) }),
    b({ type: 'TerminateWithMaster', actorId: 'system:process-manager', occurredAt: at(days(365 + 11), expiry) }),
    // A review request routed by the process manager (here, of the master's second amendment): an
    // addendum in its exit still receives one.
    b({ type: 'ReceiveLinkedReview', actorId: 'system:process-manager', occurredAt: at(days(365 + 12), expiry), sourceContractId: MSA_ID, changeId: 'ch-4', amendmentNumber: 2 }),
    b({ ...r, type: 'CloseContract', occurredAt: at(days(365 + 100), expiry) }),
  ];
}

/** Runs the story. Throws if any command is rejected: the story is valid by construction. */
export function runStory(): Story {
  const story: Story = { partnership: [], contracts: [], streams: {} };
  const pStream = `partnership-${PARTNERSHIP_ID}`;
  let pState = partnershipDecider.initialState;
  story.streams[pStream] = [];
  for (const command of partnershipCommands()) {
    const events = date(partnershipDecider.decide(command, pState), command.occurredAt);
    for (const e of events) pState = partnershipDecider.evolve(pState, e);
    story.streams[pStream].push(...events);
    story.partnership.push({ streamId: pStream, command, events });
  }
  const governance = governanceView(pState);
  const runOn = (contractId: string, command: ContractCommand, context: ContractDecisionContext): void => {
    const streamId = `contract-${contractId}`;
    const past = (story.streams[streamId] ?? []) as ContractEvent[];
    const state = past.reduce(contractDecider.evolve, contractDecider.initialState);
    const events = date(contractDecider.decide(command, state, context), timeOf(command));
    story.streams[streamId] = [...past, ...events];
    story.contracts.push({ streamId, command, events });
  };
  for (const c of masterCommands()) runOn(MSA_ID, c, { governance });
  const masterEvents = story.streams[`contract-${MSA_ID}`] as ContractEvent[];
  for (const { contractId, command } of addendumCommands()) {
    // The master as it stood when the addendum's fact happened (as the application would load it then).
    const master = masterView(replayAsOf(contractDecider, masterEvents, timeOf(command)));
    runOn(contractId, command, { governance, master });
  }
  return story;
}
