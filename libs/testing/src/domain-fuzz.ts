/**
 * Random but plausible contract histories for property tests: a list of small "intents" (which kind of
 * command, which item, who, how much) is interpreted against the current state into a concrete
 * command, so fast-check generates and shrinks freely while most commands make sense. Rejected commands
 * are part of the game; only a DomainError is an acceptable rejection.
 */
import fc from 'fast-check';
import { allBreaches, ContractCommand, ContractState, DISPUTE_STEPS, money } from '@covenant/domain';
import { addDays } from '@covenant/domain';
import { ACME, GLOBEX, masterTerms, MSA_ID, PARTNERSHIP_ID, RECORDER, SLA_AVAILABILITY, SLA_P1_RESPONSE, T0 } from './builders';

export interface Intent {
  gapMinutes: number;
  /** 0–97, mapped onto command kinds by weight (see KINDS). */
  kind: number;
  pick: number;
  who: number;
  amount: number;
  flag: boolean;
}

export const intentArb: fc.Arbitrary<Intent> = fc.record({
  gapMinutes: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 60 * 24 * 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 * 24 * 45 }) }),
  kind: fc.nat({ max: 97 }),
  pick: fc.nat({ max: 7 }),
  who: fc.nat({ max: 9 }),
  amount: fc.integer({ min: -300_000, max: 300_000 }),
  flag: fc.boolean(),
});

const KINDS: Array<[string, number]> = [
  ['sign', 2], ['activate', 1], ['request', 10], ['conclude', 6], ['approve', 8], ['reject', 3], ['refer', 3], ['measure', 10], ['report', 3], ['waive', 3],
  ['raise', 6], ['escalate', 3], ['resolve-esc', 5], ['open-dispute', 5], ['advance', 6], ['paper', 4], ['schedule', 4], ['resolve-dispute', 3],
  ['renewal', 4], ['terminate', 2], ['complete', 4], ['close', 3],
];

function kindOf(n: number): string {
  let acc = 0;
  for (const [k, w] of KINDS) {
    acc += w;
    if (n < acc) return k;
  }
  return 'close';
}

/** Executives appear more often: they hold every tier's right, so more decisions go through. */
export const PEOPLE_IDS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', RECORDER, 'erin', 'frank', 'carol'];
/** A short contract so renewals, expiry and exit happen within a few dozen commands. */
export const FUZZ_TERMS = masterTerms({ expiresAt: addDays(T0, 200), renewalTermDays: 90, noticePeriodDays: 30, coordinationLinks: ['sow-1'], slas: [SLA_AVAILABILITY, SLA_P1_RESPONSE] });
export const FUZZ_START = addDays(T0, -15);

/** Drafted and signed by both parties before T0, so most histories start from an active contract. */
export function prefixCommands(): ContractCommand[] {
  const r = { actorId: RECORDER };
  return [
    { ...r, type: 'DraftContract', occurredAt: addDays(FUZZ_START, -3), contractId: MSA_ID, partnershipId: PARTNERSHIP_ID, terms: FUZZ_TERMS },
    { ...r, type: 'SignContract', occurredAt: addDays(FUZZ_START, -2), partyId: ACME.partyId, signatoryName: 'Erin Exec' },
    { ...r, type: 'SignContract', occurredAt: addDays(FUZZ_START, -1), partyId: GLOBEX.partyId, signatoryName: 'Frank Exec' },
  ];
}

const pickOf = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);
const hex = (n: number): string => n.toString(16).padStart(2, '0').repeat(32);

/** Turns an intent into a command at `t`, given the state it will be decided against. */
export function commandFor(i: Intent, s: ContractState, t: string, seq: number): ContractCommand {
  const who = PEOPLE_IDS[i.who];
  const base = { actorId: who, occurredAt: t };
  const live = s.status === 'none' ? undefined : s;
  const changes = live ? Object.values(live.changes) : [];
  const pending = changes.filter((c) => c.status !== 'approved' && c.status !== 'rejected').map((c) => c.changeId);
  const escalations = live ? Object.values(live.escalations).filter((e) => e.status === 'open' || !i.flag).map((e) => e.escalationId) : [];
  const disputes = live ? Object.values(live.disputes).filter((d) => d.status === 'open' || !i.flag) : [];
  const dispute = pickOf(disputes, i.pick);
  const breaches = live ? allBreaches(live.sla).map((b) => b.breachId) : [];
  const steps = live?.termination?.steps.map((x) => x.stepId) ?? [];
  const party = i.flag ? ACME.partyId : GLOBEX.partyId;
  const other = i.flag ? GLOBEX.partyId : ACME.partyId;
  const eur = (n: number) => money((n / 100).toFixed(2), 'EUR');
  switch (kindOf(i.kind)) {
    case 'sign':
      return { ...base, actorId: RECORDER, type: 'SignContract', partyId: party, signatoryName: 'Signatory' };
    case 'activate':
      return { ...base, type: 'ActivateContract' };
    case 'request': {
      const proposals = [{ title: `MSA rev ${seq}` }, { noticePeriodDays: 30 + (i.pick % 60) }, { value: eur(108_000_000 + i.amount * 100) }, { expiresAt: addDays(t, 30 + i.pick * 20) }, { coordinationLinks: ['sow-1', 'sow-2'] }];
      const levels = ['minor', 'significant', 'fundamental'] as const;
      return { ...base, actorId: RECORDER, type: 'RequestChange', changeId: `ch-${seq}`, title: 'Change', rationale: 'why', proposedLevel: levels[i.pick % 3], costImpact: eur(i.amount * 100), proposedTerms: proposals[i.pick % proposals.length] };
    }
    case 'conclude':
      return { ...base, type: 'ConcludeCollaborativeReview', changeId: pickOf(pending, i.pick) ?? 'none', outcome: i.flag ? 'consensus' : 'no-consensus', summary: 's' };
    case 'approve':
      return { ...base, type: 'ApproveChange', changeId: pickOf(pending, i.pick) ?? 'none' };
    case 'reject':
      return { ...base, type: 'RejectChange', changeId: pickOf(pending, i.pick) ?? 'none', reason: 'r' };
    case 'refer':
      return { ...base, type: 'ReferChangeToMediation', changeId: pickOf(pending, i.pick) ?? 'none', reason: 'r' };
    case 'measure':
      return { ...base, actorId: RECORDER, type: 'RecordSlaMeasurement', measurementId: `m-${seq}`, slaId: i.flag ? 'availability' : 'p1-response', value: i.flag ? `99.${8 + (i.pick % 2)}${i.pick}` : String(25 + i.pick) };
    case 'report':
      return { ...base, actorId: RECORDER, type: 'ReportSlaBreach', breachId: `r-${seq}`, slaId: 'p1-response', description: 'late answer' };
    case 'waive':
      return { ...base, type: 'WaiveServiceCredit', breachId: pickOf(breaches, i.pick) ?? 'none', reason: 'goodwill' };
    case 'raise':
      return { ...base, actorId: RECORDER, type: 'RaiseEscalation', escalationId: `esc-${seq}`, subject: 'issue' };
    case 'escalate':
      return { ...base, type: 'EscalateEscalation', escalationId: pickOf(escalations, i.pick) ?? 'none', reason: 'stuck' };
    case 'resolve-esc':
      return { ...base, type: 'ResolveEscalation', escalationId: pickOf(escalations, i.pick) ?? 'none', resolution: 'fixed' };
    case 'open-dispute':
      return { ...base, type: 'OpenDispute', disputeId: `d-${seq}`, subject: 'claim', raisedByPartyId: party, respondentPartyId: other };
    case 'advance': {
      const next = dispute ? DISPUTE_STEPS[Math.min(DISPUTE_STEPS.indexOf(dispute.step) + (i.pick === 0 ? 2 : 1), 3)] : 'mediation';
      return { ...base, type: 'AdvanceDispute', disputeId: dispute?.disputeId ?? 'none', toStep: next, reason: 'no agreement' };
    }
    case 'paper':
      return { ...base, type: 'SubmitPositionPaper', disputeId: dispute?.disputeId ?? 'none', partyId: party, contentHash: hex(i.pick) };
    case 'schedule':
      return { ...base, type: 'ScheduleMediation', disputeId: dispute?.disputeId ?? 'none', scheduledFor: addDays(t, 1 + i.pick * 3), mediator: 'CEDR' };
    case 'resolve-dispute':
      return { ...base, type: 'ResolveDispute', disputeId: dispute?.disputeId ?? 'none', outcome: i.pick % 3 === 0 ? 'award' : i.flag ? 'agreement' : 'withdrawn', summary: 'done' };
    case 'renewal':
      return i.flag ? { ...base, type: 'RenewContract' } : { ...base, type: 'DeclineRenewal', reason: 'no' };
    case 'terminate':
      return {
        ...base,
        type: 'TerminateContract',
        reason: i.flag ? 'cause' : 'mutual',
        grounds: 'g',
        effectiveAt: addDays(t, i.pick * 5),
        exitPlan: [
          { stepId: 'kt', kind: 'knowledge-transfer', description: 'handover', dueAt: addDays(t, 10 + i.pick), ownerPartyId: GLOBEX.partyId },
          { stepId: 'data', kind: 'data-return', description: 'data', dueAt: addDays(t, 20), ownerPartyId: ACME.partyId },
        ],
      };
    case 'complete':
      return { ...base, actorId: RECORDER, type: 'CompleteExitStep', stepId: pickOf(steps, i.pick) ?? 'none' };
    default:
      return { ...base, actorId: RECORDER, type: 'CloseContract' };
  }
}
