/**
 * The demo partnership of `covenant seed --demo`: every command a partnership's people and the
 * scheduler would have sent over almost three years, dated relative to a "demo now" so that every fact
 * lies in the past and the interesting things are open at that moment (an escalation at level 2, a
 * dispute at mediation, a renewal window). Pure data: the seed command sends it through the command bus.
 *
 * Ticking the scheduler forward from the demo now (`covenant tick --now`) fires every deadline kind at
 * least once, each at a fixed offset from the demo day:
 *   +1 d  the cut-over escalation of the SOW, level 1 → 2 (14:30), and the master's EU-outage escalation, 2 → 3 (10:00);
 *   +4 d  the cut-over escalation, 2 → 3 (14:30);
 *   +9 d  the master's second-zone change: collaborative review overdue (10:00);
 *   +12 d the on-site agreement's runbook hand-over: exit step overdue (17:00);
 *   +14 d the security operations agreement: activated at its effective date (00:00);
 *   +20 d the master's service-credit dispute: mediation scheduling overdue (16:00);
 *   +28 d the on-site agreement's spare disks: exit step overdue (17:00);
 *   +30 d the SOW's renewal window opens (T-120, 09:00);
 *   +40 d renewal decision due on the master and the analytics addendum (T-60, 09:00);
 *   +90 d renewal decision due on the SOW;
 *   +100 d the master and the analytics addendum renew by themselves (auto-renewal);
 *   +150 d the SOW expires (no auto-renewal).
 * The first round also routes the master's amendment to the linked analytics addendum (linked review)
 * and the on-site agreement's termination to its spare-parts addendum (terminate with master).
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
/** A change of the master still in its collaborative review (response due 9 days after the demo day). */
export const DEMO_REVIEW_CHANGE_ID = 'demo-change-eu-second-zone';
/** A dispute of the master at mediation, no mediation scheduled (due 20 days after the demo day). */
export const DEMO_CREDITS_DISPUTE_ID = 'demo-dispute-eu-credits';
/** A fixed-term statement of work (no auto-renewal) expiring 150 days after the demo day. */
export const DEMO_SOW_ID = 'demo-sow-dc-migration';
/** An escalation of the statement of work at level 1 (48-hour ladder), due the day after the demo day. */
export const DEMO_CUTOVER_ESCALATION_ID = 'demo-escalation-cutover';
/** Signed by both parties, in force 14 days after the demo day. */
export const DEMO_SECURITY_ID = 'demo-security-operations';
/** A master terminated by mutual agreement, its exit steps due after the demo day, and its addendum. */
export const DEMO_ONSITE_ID = 'demo-onsite-maintenance';
export const DEMO_ONSITE_ADDENDUM_ID = 'demo-addendum-onsite-spares';

/** Every contract of the demo, masters before their addenda. */
export const DEMO_CONTRACT_IDS = [DEMO_MASTER_ID, DEMO_ADDENDUM_ID, DEMO_SOW_ID, DEMO_SECURITY_ID, DEMO_ONSITE_ID, DEMO_ONSITE_ADDENDUM_ID];

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

  // ---------------------------------------------------------------- a second change of the master, still in its collaborative review (17 % > 15 %)
  c(DEMO_MASTER_ID, {
    ...rec,
    type: 'RequestChange',
    occurredAt: day(-5, 10),
    changeId: DEMO_REVIEW_CHANGE_ID,
    title: 'Run the EU cluster across a second availability zone',
    rationale: 'Three availability breaches in six months on the single-zone EU cluster; Acme wants zone redundancy before the renewal',
    proposedLevel: 'significant',
    costImpact: EUR('720000.00'),
    proposedTerms: {
      value: EUR('4968000.00'),
      incentives: { ...masterTerms.incentives, monthlyBaseFee: EUR('138000.00') },
    },
  });

  // ---------------------------------------------------------------- a dispute of the master at mediation, no mediation scheduled yet
  c(DEMO_MASTER_ID, {
    type: 'OpenDispute',
    actorId: P.bob.personId,
    occurredAt: day(-9, 11),
    disputeId: DEMO_CREDITS_DISPUTE_ID,
    subject: 'Service credits for the EU outages: Globex holds the March dip fell in an announced maintenance window',
    raisedByPartyId: GLOBEX.partyId,
    respondentPartyId: ACME.partyId,
    formalNoticeAt: day(-10, 16),
  });
  c(DEMO_MASTER_ID, { type: 'AdvanceDispute', actorId: P.dave.personId, occurredAt: day(-7, 10), disputeId: DEMO_CREDITS_DISPUTE_ID, toStep: 'relationship-managers', reason: 'The service managers disagree on what the maintenance calendar allowed' });
  c(DEMO_MASTER_ID, { type: 'AdvanceDispute', actorId: P.frank.personId, occurredAt: day(-3, 15), disputeId: DEMO_CREDITS_DISPUTE_ID, toStep: 'mediation', reason: 'Steering committee split on the credit calculation' });

  // ---------------------------------------------------------------- a fixed-term data-centre migration (no auto-renewal), its cut-over escalated
  const sowTerms: ContractTerms = {
    ...defaultContractTerms({
      title: 'Data Centre Migration Statement of Work',
      parties: [ACME, GLOBEX],
      effectiveFrom: day(-215),
      termDays: 365,
      value: EUR('540000.00'),
      monthlyBaseFee: EUR('45000.00'),
    }),
    autoRenew: false,
    // A migration project answers more slowly at the operational level than the run agreement.
    escalation: {
      levels: [
        { level: 1, tier: 'operational', responseHours: 48 },
        { level: 2, tier: 'steering', responseHours: 72 },
        { level: 3, tier: 'executive', responseHours: 168 },
      ],
    },
  };
  c(DEMO_SOW_ID, { ...rec, type: 'DraftContract', occurredAt: day(-240), contractId: DEMO_SOW_ID, partnershipId: DEMO_PARTNERSHIP_ID, terms: sowTerms });
  c(DEMO_SOW_ID, { ...rec, type: 'SignContract', occurredAt: day(-226, 14), partyId: ACME.partyId, signatoryName: P.erin.name });
  c(DEMO_SOW_ID, { ...rec, type: 'SignContract', occurredAt: day(-224, 10), partyId: GLOBEX.partyId, signatoryName: P.frank.name });
  c(DEMO_SOW_ID, { type: 'ActivateIfDue', actorId: SCHEDULER, now: day(-215) });
  c(DEMO_SOW_ID, {
    ...rec,
    type: 'RaiseEscalation',
    occurredAt: day(-1, 14, 30),
    escalationId: DEMO_CUTOVER_ESCALATION_ID,
    subject: 'Billing database cut-over rehearsal failed twice; the go-live date is at risk',
    relatesTo: { kind: 'other' },
  });

  // ---------------------------------------------------------------- a security operations agreement signed, in force in two weeks
  const securityTerms = defaultContractTerms({
    title: 'Managed Security Operations Agreement',
    parties: [ACME, GLOBEX],
    effectiveFrom: day(14, 0),
    termDays: 2 * 365,
    value: EUR('1440000.00'),
    monthlyBaseFee: EUR('60000.00'),
  });
  c(DEMO_SECURITY_ID, { ...rec, type: 'DraftContract', occurredAt: day(-45, 10), contractId: DEMO_SECURITY_ID, partnershipId: DEMO_PARTNERSHIP_ID, terms: securityTerms });
  c(DEMO_SECURITY_ID, { ...rec, type: 'SignContract', occurredAt: day(-21, 15), partyId: ACME.partyId, signatoryName: P.erin.name });
  c(DEMO_SECURITY_ID, { ...rec, type: 'SignContract', occurredAt: day(-19, 11), partyId: GLOBEX.partyId, signatoryName: P.frank.name });

  // ---------------------------------------------------------------- the on-site maintenance agreement and its addendum, ended by mutual agreement
  const onsiteTerms = defaultContractTerms({
    title: 'On-Site Hardware Maintenance Agreement',
    parties: [ACME, GLOBEX],
    effectiveFrom: day(-700),
    termDays: 3 * 365,
    value: EUR('900000.00'),
    monthlyBaseFee: EUR('25000.00'),
  });
  const sparesTerms: ContractTerms = {
    ...defaultContractTerms({ title: 'Spare Parts Depot Addendum', parties: [ACME, GLOBEX], effectiveFrom: day(-400), value: EUR('96000.00'), monthlyBaseFee: EUR('4000.00') }),
    expiresAt: onsiteTerms.expiresAt,
  };
  c(DEMO_ONSITE_ID, { ...rec, type: 'DraftContract', occurredAt: day(-730), contractId: DEMO_ONSITE_ID, partnershipId: DEMO_PARTNERSHIP_ID, terms: onsiteTerms });
  c(DEMO_ONSITE_ID, { ...rec, type: 'SignContract', occurredAt: day(-712, 15), partyId: ACME.partyId, signatoryName: P.erin.name });
  c(DEMO_ONSITE_ID, { ...rec, type: 'SignContract', occurredAt: day(-711, 10), partyId: GLOBEX.partyId, signatoryName: P.frank.name });
  c(DEMO_ONSITE_ID, { type: 'ActivateIfDue', actorId: SCHEDULER, now: day(-700) });
  c(DEMO_ONSITE_ADDENDUM_ID, { ...rec, type: 'DraftContract', occurredAt: day(-420), contractId: DEMO_ONSITE_ADDENDUM_ID, partnershipId: DEMO_PARTNERSHIP_ID, terms: sparesTerms, masterContractId: DEMO_ONSITE_ID });
  c(DEMO_ONSITE_ADDENDUM_ID, { ...rec, type: 'SignContract', occurredAt: day(-410, 16), partyId: ACME.partyId, signatoryName: P.carol.name });
  c(DEMO_ONSITE_ADDENDUM_ID, { ...rec, type: 'SignContract', occurredAt: day(-409, 10), partyId: GLOBEX.partyId, signatoryName: P.dave.name });
  c(DEMO_ONSITE_ADDENDUM_ID, { type: 'ActivateIfDue', actorId: SCHEDULER, now: day(-400) });
  c(DEMO_ONSITE_ID, {
    type: 'TerminateContract',
    actorId: P.erin.personId,
    occurredAt: day(-8, 14),
    reason: 'mutual',
    grounds: "Acme's last on-premises racks move onto the managed platform with the data-centre migration; both parties agree to end on-site maintenance",
    effectiveAt: day(30, 0),
    exitPlan: [
      { stepId: 'onsite-site-access', kind: 'other', description: "Revoke Globex engineers' badges for the Frankfurt hall", dueAt: day(5, 17), ownerPartyId: ACME.partyId },
      { stepId: 'onsite-runbooks', kind: 'knowledge-transfer', description: "Hand the rack runbooks and the spares inventory to Acme's cloud team", dueAt: day(12, 17), ownerPartyId: GLOBEX.partyId },
      { stepId: 'onsite-spare-disks', kind: 'asset-transition', description: 'Return the Acme-owned spare disks and empty the on-site depot', dueAt: day(28, 17), ownerPartyId: GLOBEX.partyId },
    ],
  });
  c(DEMO_ONSITE_ID, { type: 'CompleteExitStep', actorId: P.alice.personId, occurredAt: day(-3, 11), stepId: 'onsite-site-access', evidence: 'Badge system export: 14 Globex badges revoked' });

  // ---------------------------------------------------------------- renewal season
  p({ type: 'ChangePartnershipStage', actorId: P.frank.personId, occurredAt: day(-2, 9), stage: 'renewing', reason: 'Renewal window of the platform agreement is open' });
  c(DEMO_MASTER_ID, { type: 'OpenDueRenewalWindows', actorId: SCHEDULER, now });
  c(DEMO_ADDENDUM_ID, { type: 'OpenDueRenewalWindows', actorId: SCHEDULER, now });

  const at = (s: SeedStep): number => Date.parse('now' in s.command ? s.command.now : s.command.occurredAt);
  const ordered = steps.map((s, i) => ({ s, i })).sort((a, b) => at(a.s) - at(b.s) || a.i - b.i).map((x) => x.s);
  return { now, steps: ordered, streams: { partnership: DEMO_PARTNERSHIP_ID, contracts: DEMO_CONTRACT_IDS } };
}

/** The SHA-256 of a position paper (the parties keep the paper; the engine records its digest). */
function sha(paper: string): string {
  return createHash('sha256').update(`demo position paper: ${paper}`).digest('hex');
}
