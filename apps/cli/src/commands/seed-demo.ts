/**
 * The demo partnership of `covenant seed --demo`: every command a partnership's people and the
 * scheduler would have sent over almost three years, dated relative to a "demo now" so that every fact
 * lies in the past and the interesting things are open at that moment (an escalation at level 2, a
 * dispute at mediation, a renewal window). Pure data: the seed command sends it through the command bus.
 */
import { createHash } from 'node:crypto';
import { ContractCommand, ContractTerms, defaultContractTerms, money, PartnershipCommand } from '@covenant/domain';
import { SLA_AVAILABILITY, SLA_P1_RESPONSE } from '@covenant/application/demo/demo-slas';
import { mulberry32 } from '@covenant/application/demo/prng';

export const DEMO_PARTNERSHIP_ID = 'demo-acme-globex';
export const DEMO_MASTER_ID = 'demo-msa';
export const DEMO_ADDENDUM_ID = 'demo-addendum-analytics';
export const DEMO_CHANGE_ID = 'demo-change-apac-support';
export const DEMO_ESCALATION_ID = 'demo-escalation-eu-outages';
export const DEMO_DISPUTE_ID = 'demo-dispute-model-ownership';

export const ACME = { partyId: 'acme', name: 'Acme Corp' };
export const GLOBEX = { partyId: 'globex', name: 'Globex Services' };

/** Two people of each party in each tier of the charter. */
export const DEMO_PEOPLE = {
  alice: { personId: 'alice.martin', name: 'Alice Martin', partyId: ACME.partyId, tier: 'operational' },
  bob: { personId: 'bob.nguyen', name: 'Bob Nguyen', partyId: GLOBEX.partyId, tier: 'operational' },
  carol: { personId: 'carol.schmidt', name: 'Carol Schmidt', partyId: ACME.partyId, tier: 'steering' },
  dave: { personId: 'dave.okafor', name: 'Dave Okafor', partyId: GLOBEX.partyId, tier: 'steering' },
  erin: { personId: 'erin.lindqvist', name: 'Erin Lindqvist', partyId: ACME.partyId, tier: 'executive' },
  frank: { personId: 'frank.moreau', name: 'Frank Moreau', partyId: GLOBEX.partyId, tier: 'executive' },
} as const;

/** Records facts without deciding anything (a contract manager's desk). */
export const CONTRACT_MANAGER = 'grace.contracts';
export const SCHEDULER = 'system:scheduler';

export { SLA_AVAILABILITY, SLA_P1_RESPONSE } from '@covenant/application/demo/demo-slas';

export type SeedStep =
  | { aggregate: 'partnership'; id: string; command: PartnershipCommand }
  | { aggregate: 'contract'; id: string; command: ContractCommand };

export interface DemoPlan {
  now: string;
  steps: SeedStep[];
  streams: { partnership: string; contracts: string[] };
}

const DAY = 86_400_000;
const EUR = (amount: string) => money(amount, 'EUR');

/**
 * The plan for a demo now. Dates are whole days before the UTC day of `now` (so none is after it),
 * except the scheduler's ticks, which run at `now` itself.
 */
export function demoPlan(nowIso: string): DemoPlan {
  const now = new Date(nowIso).toISOString();
  const today = Math.floor(Date.parse(now) / DAY) * DAY;
  /** `days` from the start of the demo day (negative: before it), at hh:mm UTC. */
  const day = (days: number, hh = 9, mm = 0): string => new Date(today + days * DAY + (hh * 60 + mm) * 60_000).toISOString();
  const steps: SeedStep[] = [];
  const p = (command: PartnershipCommand) => steps.push({ aggregate: 'partnership', id: DEMO_PARTNERSHIP_ID, command });
  const c = (id: string, command: ContractCommand) => steps.push({ aggregate: 'contract', id, command });
  const rec = { actorId: CONTRACT_MANAGER };
  const P = DEMO_PEOPLE;

  // The master runs three years and ends 100 days after the demo day: its renewal window (120 days
  // before expiry) opened 20 days ago and the decision is due in 40 days.
  const expiresAt = day(100);
  const effectiveFrom = new Date(Date.parse(expiresAt) - 3 * 365 * DAY).toISOString();
  const start = Math.round((Date.parse(effectiveFrom) - today) / DAY); // about -995
  const masterTerms: ContractTerms = {
    ...defaultContractTerms({
      title: 'Managed Platform Services Agreement',
      parties: [ACME, GLOBEX],
      effectiveFrom,
      termDays: 3 * 365,
      value: EUR('3600000.00'),
      monthlyBaseFee: EUR('100000.00'),
    }),
    slas: [SLA_AVAILABILITY, SLA_P1_RESPONSE],
    coordinationLinks: [DEMO_ADDENDUM_ID],
  };
  const addendumTerms: ContractTerms = {
    ...defaultContractTerms({
      title: 'Analytics Module Addendum',
      parties: [ACME, GLOBEX],
      effectiveFrom: day(-300),
      value: EUR('240000.00'),
      monthlyBaseFee: EUR('20000.00'),
    }),
    expiresAt,
  };

  // ---------------------------------------------------------------- the partnership and its charter
  p({ ...rec, type: 'FormPartnership', occurredAt: day(start - 35), partnershipId: DEMO_PARTNERSHIP_ID, name: 'Acme × Globex managed platform', parties: [ACME, GLOBEX] });
  p({ ...rec, type: 'AdoptGovernanceCharter', occurredAt: day(start - 34), businessReviewCadenceDays: 90 });
  for (const person of Object.values(P)) p({ ...rec, type: 'AppointGovernanceMember', occurredAt: day(start - 33), ...person });

  // ---------------------------------------------------------------- the master: drafted, signed, active
  c(DEMO_MASTER_ID, { ...rec, type: 'DraftContract', occurredAt: day(start - 30), contractId: DEMO_MASTER_ID, partnershipId: DEMO_PARTNERSHIP_ID, terms: masterTerms });
  c(DEMO_MASTER_ID, { ...rec, type: 'SignContract', occurredAt: day(start - 12, 15), partyId: ACME.partyId, signatoryName: P.erin.name });
  c(DEMO_MASTER_ID, { ...rec, type: 'SignContract', occurredAt: day(start - 11, 11), partyId: GLOBEX.partyId, signatoryName: P.frank.name });
  c(DEMO_MASTER_ID, { type: 'ActivateIfDue', actorId: SCHEDULER, now: effectiveFrom });
  p({ type: 'ChangePartnershipStage', actorId: P.erin.personId, occurredAt: day(start + 1), stage: 'operating', reason: 'Managed platform agreement in force' });

  // ---------------------------------------------------------------- quarterly business reviews of the last year
  const scores = [
    { operational: 78, relational: 71, strategic: 60 },
    { operational: 74, relational: 66, strategic: 63 },
    { operational: 81, relational: 62, strategic: 67 },
    { operational: 83, relational: 58, strategic: 70 },
  ];
  [-330, -240, -150, -60].forEach((d, i) => {
    const reviewId = `demo-qbr-${i + 1}`;
    p({
      ...rec,
      type: 'HoldBusinessReview',
      occurredAt: day(d, 14),
      reviewId,
      kind: 'quarterly',
      attendees: [P.carol.personId, P.dave.personId, P.erin.personId, P.frank.personId],
      summary: ['Platform stable; analytics module scoped', 'Analytics module live; two availability dips reviewed', 'Cost of APAC expansion discussed', 'APAC support agreed; dispute over analytics models noted'][i],
      contractIds: i === 0 ? [DEMO_MASTER_ID] : [DEMO_MASTER_ID, DEMO_ADDENDUM_ID],
    });
    p({ ...rec, type: 'RecordHealthAssessment', occurredAt: day(d + 1, 10), assessmentId: `${reviewId}-health`, source: { kind: 'business-review', reviewId }, scores: scores[i] });
  });

  // ---------------------------------------------------------------- the analytics addendum, signed and active
  c(DEMO_ADDENDUM_ID, { ...rec, type: 'DraftContract', occurredAt: day(-330), contractId: DEMO_ADDENDUM_ID, partnershipId: DEMO_PARTNERSHIP_ID, terms: addendumTerms, masterContractId: DEMO_MASTER_ID });
  c(DEMO_ADDENDUM_ID, { ...rec, type: 'SignContract', occurredAt: day(-312, 16), partyId: ACME.partyId, signatoryName: P.carol.name });
  c(DEMO_ADDENDUM_ID, { ...rec, type: 'SignContract', occurredAt: day(-310, 10), partyId: GLOBEX.partyId, signatoryName: P.dave.name });
  c(DEMO_ADDENDUM_ID, { type: 'ActivateIfDue', actorId: SCHEDULER, now: day(-300) });

  // ---------------------------------------------------------------- six months of SLA measurements
  const rnd = mulberry32(20_240_601);
  const breachDays = new Map([
    [-150, '99.62'],
    [-97, '99.41'],
    [-38, '99.78'],
  ]);
  const date = (d: number) => day(d).slice(0, 10);
  for (let d = -182; d <= -1; d++) {
    const value = breachDays.get(d) ?? (99.9 + rnd() * 0.1).toFixed(3);
    c(DEMO_MASTER_ID, { ...rec, type: 'RecordSlaMeasurement', occurredAt: day(d, 6), measurementId: `demo-availability-${date(d)}`, slaId: 'availability', value });
    if ((d + 182) % 7 === 6) {
      const p95 = d === -64 ? '42' : String(12 + Math.floor(rnd() * 14));
      c(DEMO_MASTER_ID, { ...rec, type: 'RecordSlaMeasurement', occurredAt: day(d, 7), measurementId: `demo-p1-response-${date(d)}`, slaId: 'p1-response', value: p95 });
    }
    if (d === -148) {
      c(DEMO_MASTER_ID, { type: 'WaiveServiceCredit', actorId: P.carol.personId, occurredAt: day(d, 11), breachId: `demo-availability-${date(-150)}`, reason: 'Outage during the database migration Acme asked to bring forward' });
    }
  }

  // ---------------------------------------------------------------- an amendment through a collaborative review (18 % > 15 %)
  c(DEMO_MASTER_ID, {
    ...rec,
    type: 'RequestChange',
    occurredAt: day(-60, 10),
    changeId: DEMO_CHANGE_ID,
    title: 'Extend 24/7 support to the APAC region',
    rationale: 'Acme opens offices in Singapore and Sydney; incidents there must get the same response times',
    proposedLevel: 'minor',
    costImpact: EUR('648000.00'),
    proposedTerms: {
      value: EUR('4248000.00'),
      incentives: { ...masterTerms.incentives, monthlyBaseFee: EUR('118000.00') },
    },
  });
  c(DEMO_MASTER_ID, { type: 'ConcludeCollaborativeReview', actorId: P.dave.personId, occurredAt: day(-52, 15), changeId: DEMO_CHANGE_ID, outcome: 'consensus', summary: 'Staffing plan and price agreed; follow-the-sun rota from the first of next month' });
  c(DEMO_MASTER_ID, { type: 'ApproveChange', actorId: P.carol.personId, occurredAt: day(-50, 10), changeId: DEMO_CHANGE_ID });

  // ---------------------------------------------------------------- an escalation that went to level 2 by its deadline
  c(DEMO_MASTER_ID, {
    ...rec,
    type: 'RaiseEscalation',
    occurredAt: day(-3, 10),
    escalationId: DEMO_ESCALATION_ID,
    subject: 'Third availability breach in six months on the EU cluster; root-cause report still missing',
    relatesTo: { kind: 'sla-breach', id: `demo-availability-${date(-38)}` },
  });
  c(DEMO_MASTER_ID, { type: 'EscalateOverdue', actorId: SCHEDULER, now: day(-1, 8) });

  // ---------------------------------------------------------------- a dispute at mediation
  c(DEMO_ADDENDUM_ID, {
    type: 'OpenDispute',
    actorId: P.alice.personId,
    occurredAt: day(-20, 9),
    disputeId: DEMO_DISPUTE_ID,
    subject: 'Ownership of the forecasting models trained on Acme data',
    raisedByPartyId: ACME.partyId,
    respondentPartyId: GLOBEX.partyId,
    formalNoticeAt: day(-21, 17),
  });
  c(DEMO_ADDENDUM_ID, { type: 'AdvanceDispute', actorId: P.carol.personId, occurredAt: day(-16, 11), disputeId: DEMO_DISPUTE_ID, toStep: 'relationship-managers', reason: 'Negotiation between the analytics leads ended without agreement' });
  c(DEMO_ADDENDUM_ID, { type: 'AdvanceDispute', actorId: P.erin.personId, occurredAt: day(-12, 16), disputeId: DEMO_DISPUTE_ID, toStep: 'mediation', reason: 'Relationship managers could not agree on the licence terms' });
  c(DEMO_ADDENDUM_ID, { type: 'ScheduleMediation', actorId: P.frank.personId, occurredAt: day(-10, 10), disputeId: DEMO_DISPUTE_ID, scheduledFor: day(6, 10), mediator: 'CEDR panel: J. Whitfield' });
  c(DEMO_ADDENDUM_ID, { type: 'SubmitPositionPaper', actorId: P.alice.personId, occurredAt: day(-6, 15), disputeId: DEMO_DISPUTE_ID, partyId: ACME.partyId, contentHash: sha('acme-position'), documentRef: 'dms://acme/legal/models-position.pdf' });
  c(DEMO_ADDENDUM_ID, { type: 'SubmitPositionPaper', actorId: P.bob.personId, occurredAt: day(-5, 12), disputeId: DEMO_DISPUTE_ID, partyId: GLOBEX.partyId, contentHash: sha('globex-position'), documentRef: 'dms://globex/legal/models-position.pdf' });

  // ---------------------------------------------------------------- renewal season
  p({ type: 'ChangePartnershipStage', actorId: P.frank.personId, occurredAt: day(-2, 9), stage: 'renewing', reason: 'Renewal window of the platform agreement is open' });
  c(DEMO_MASTER_ID, { type: 'OpenDueRenewalWindows', actorId: SCHEDULER, now });
  c(DEMO_ADDENDUM_ID, { type: 'OpenDueRenewalWindows', actorId: SCHEDULER, now });

  const at = (s: SeedStep): number => Date.parse('now' in s.command ? s.command.now : s.command.occurredAt);
  const ordered = steps.map((s, i) => ({ s, i })).sort((a, b) => at(a.s) - at(b.s) || a.i - b.i).map((x) => x.s);
  return { now, steps: ordered, streams: { partnership: DEMO_PARTNERSHIP_ID, contracts: [DEMO_MASTER_ID, DEMO_ADDENDUM_ID] } };
}

/** The SHA-256 of a position paper (the parties keep the paper; the engine records its digest). */
function sha(paper: string): string {
  return createHash('sha256').update(`demo position paper: ${paper}`).digest('hex');
}
