import type { EventEnvelope } from '@covenant/event-store';
import type { SchedulerRound } from '@covenant/application/scheduler/scheduler';
import { cliTarget, covenant, readLog, removeTarget, Target } from '../test-support/cli-target';

/**
 * Issue #8, done when: `covenant tick` drives every deadline kind of DOMAIN.md on the demo seed. The
 * demo is seeded with the real command line as of NOW, then the scheduler is ticked forward at a few
 * instants; each tick writes exactly the facts due since the previous one, each dated at its deadline
 * by system:scheduler, and the same tick again writes nothing.
 */
const NOW = '2026-06-01T12:00:00.000Z';
const SCHEDULER = 'system:scheduler';

interface Fire {
  kind: string;
  contractId: string;
  ref: string | null;
  type: string;
  /** The deadline, and the fact's occurredAt. */
  at: string;
  data?: Record<string, unknown>;
}

const fire = (kind: string, contractId: string, ref: string | null, type: string, at: string, data?: Record<string, unknown>): Fire => ({ kind, contractId, ref, type, at, data });

/** Successive ticks and what each must fire, in order. Some ticks fall exactly on a deadline. */
const DRIVE: Array<{ now: string; fires: Fire[] }> = [
  {
    now: '2026-06-03T00:00:00.000Z',
    fires: [
      fire('escalation', 'demo-msa', 'demo-escalation-eu-outages', 'EscalationEscalated', '2026-06-02T10:00:00.000Z', { fromLevel: 2, toLevel: 3, tier: 'executive', automatic: true }),
      fire('escalation', 'demo-sow-dc-migration', 'demo-escalation-cutover', 'EscalationEscalated', '2026-06-02T14:30:00.000Z', { fromLevel: 1, toLevel: 2, tier: 'steering', automatic: true }),
    ],
  },
  {
    // Exactly the security agreement's effective date: deadlines are due at their instant.
    now: '2026-06-15T00:00:00.000Z',
    fires: [
      fire('escalation', 'demo-sow-dc-migration', 'demo-escalation-cutover', 'EscalationEscalated', '2026-06-05T14:30:00.000Z', { fromLevel: 2, toLevel: 3, tier: 'executive', automatic: true }),
      fire('collaborative-review', 'demo-msa', 'demo-change-eu-second-zone', 'CollaborativeReviewOverdue', '2026-06-10T10:00:00.000Z', { changeId: 'demo-change-eu-second-zone' }),
      fire('exit-step', 'demo-onsite-maintenance', 'onsite-runbooks', 'ExitStepOverdue', '2026-06-13T17:00:00.000Z', { stepId: 'onsite-runbooks' }),
      fire('activation', 'demo-security-operations', null, 'ContractActivated', '2026-06-15T00:00:00.000Z', { effectiveFrom: '2026-06-15T00:00:00.000Z' }),
    ],
  },
  {
    now: '2026-07-01T09:00:00.000Z',
    fires: [
      fire('mediation-scheduling', 'demo-msa', 'demo-dispute-eu-credits', 'MediationSchedulingOverdue', '2026-06-21T16:00:00.000Z', { disputeId: 'demo-dispute-eu-credits' }),
      fire('exit-step', 'demo-onsite-maintenance', 'onsite-spare-disks', 'ExitStepOverdue', '2026-06-29T17:00:00.000Z', { stepId: 'onsite-spare-disks' }),
      fire('renewal-window', 'demo-sow-dc-migration', null, 'RenewalWindowOpened', '2026-07-01T09:00:00.000Z', { expiresAt: '2026-10-29T09:00:00.000Z', autoRenew: false }),
    ],
  },
  {
    now: '2026-08-30T09:00:00.000Z',
    fires: [
      // Same instant: the master goes before its addendum.
      fire('renewal-decision-due', 'demo-msa', null, 'RenewalDecisionDue', '2026-07-11T09:00:00.000Z', { expiresAt: '2026-09-09T09:00:00.000Z' }),
      fire('renewal-decision-due', 'demo-addendum-analytics', null, 'RenewalDecisionDue', '2026-07-11T09:00:00.000Z', { expiresAt: '2026-09-09T09:00:00.000Z' }),
      fire('renewal-decision-due', 'demo-sow-dc-migration', null, 'RenewalDecisionDue', '2026-08-30T09:00:00.000Z', { expiresAt: '2026-10-29T09:00:00.000Z' }),
    ],
  },
  {
    now: '2026-11-01T00:00:00.000Z',
    fires: [
      fire('expiry', 'demo-msa', null, 'ContractRenewed', '2026-09-09T09:00:00.000Z', { automatic: true, previousExpiresAt: '2026-09-09T09:00:00.000Z', newExpiresAt: '2027-09-09T09:00:00.000Z' }),
      // Coterminous with its master, it renews with it (to the master's new expiry).
      fire('expiry', 'demo-addendum-analytics', null, 'ContractRenewed', '2026-09-09T09:00:00.000Z', { automatic: true, newExpiresAt: '2027-09-09T09:00:00.000Z' }),
      fire('expiry', 'demo-sow-dc-migration', null, 'ContractExpired', '2026-10-29T09:00:00.000Z', { reason: 'term-ended' }),
    ],
  },
];

const DEADLINE_KINDS = ['activation', 'escalation', 'renewal-window', 'renewal-decision-due', 'expiry', 'collaborative-review', 'mediation-scheduling', 'exit-step'];

function tick(t: Target, now: string): SchedulerRound {
  const run = covenant(['tick', '--now', now, '--json'], t);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as SchedulerRound;
}

describe.each(['sqlite', 'postgres'] as const)('covenant tick drives every deadline kind on the demo seed, %s', (engine) => {
  let t: Target;
  let log: EventEnvelope[];
  const fired: Array<{ deadlineId: string; kind: string; type: string; fromLevel?: number }> = [];

  beforeAll(async () => {
    t = await cliTarget(engine, 'covenant-drive-');
    const seed = covenant(['seed', '--demo', '--now', NOW], t);
    expect(seed.stderr).toBe('');
    expect(seed.status).toBe(0);
    log = await readLog(t);
  }, 120_000);
  afterAll(() => removeTarget(t));

  it('at the seed\'s now: nothing is due; the linked review and the addendum following its terminated master are routed, once', async () => {
    const request = log.find((e) => e.type === 'LinkedReviewRequested');
    const termination = log.find((e) => e.type === 'ContractTerminated' && e.streamId === 'contract-demo-onsite-maintenance');
    const round = tick(t, NOW);
    expect(round.fired.filter((f) => f.events.length > 0)).toEqual([]);
    expect(round.routed.map((r) => [r.command, r.contractId, r.outcome])).toEqual([
      ['ReceiveLinkedReview', 'demo-addendum-analytics', 'sent'],
      ['TerminateWithMaster', 'demo-addendum-onsite-spares', 'sent'],
    ]);
    const after = await readLog(t);
    expect(after.slice(log.length).map((e) => [e.streamId, e.type, e.metadata.causationId, e.metadata.actorId, e.metadata.occurredAt])).toEqual([
      ['contract-demo-addendum-analytics', 'LinkedReviewReceived', request?.id, 'system:process-manager', request?.metadata.occurredAt],
      ['contract-demo-addendum-onsite-spares', 'ContractTerminated', termination?.id, 'system:process-manager', termination?.metadata.occurredAt],
    ]);
    expect(after.at(-1)?.data).toMatchObject({ reason: 'master-terminated', masterContractId: 'demo-onsite-maintenance', effectiveAt: '2026-07-01T00:00:00.000Z' });
    log = after;

    const again = tick(t, NOW);
    expect(again.routed).toEqual([]);
    expect(again.fired).toEqual([]);
    expect(await readLog(t)).toHaveLength(log.length);
  });

  it.each(DRIVE.map((d) => [d.now, d.fires.map((f) => `${f.kind}:${f.contractId}`).join(', '), d] as const))(
    'tick --now %s fires %s, each dated at its deadline by system:scheduler; the same tick again writes nothing',
    async (now, _what, step) => {
      const round = tick(t, now);
      expect(round).toMatchObject({ now, leader: true, routed: [] });
      // What the scheduler reports: each deadline fired once, dated at the deadline itself.
      expect(round.fired.map((f) => [f.kind, f.contractId, f.ref, f.outcome, f.replayed, f.deadline, f.events.map((e) => [e.type, e.occurredAt])])).toEqual(
        step.fires.map((f) => [f.kind, f.contractId, f.ref, 'fired', false, f.at, [[f.type, f.at]]]),
      );
      // What the log holds: those events and nothing else, in the same order.
      const after = await readLog(t);
      const added = after.slice(log.length);
      expect(added.map((e) => [e.streamId, e.type, e.metadata.occurredAt, e.metadata.actorId])).toEqual(step.fires.map((f) => [`contract-${f.contractId}`, f.type, f.at, SCHEDULER]));
      for (const [i, f] of step.fires.entries()) if (f.data) expect(added[i].data).toMatchObject(f.data);
      for (const [i, f] of round.fired.entries()) fired.push({ deadlineId: f.deadlineId, kind: f.kind, type: added[i].type, fromLevel: (added[i].data as { fromLevel?: number }).fromLevel });
      log = after;

      const again = tick(t, now);
      expect(again.fired).toEqual([]);
      expect(again.routed).toEqual([]);
      expect(await readLog(t)).toHaveLength(log.length);
    },
  );

  it('over all ticks: every deadline kind fired, escalation to level 2 and to level 3, both auto-renewal and expiry, each deadline once', () => {
    expect(new Set(fired.map((f) => f.kind))).toEqual(new Set(DEADLINE_KINDS));
    expect(new Set(fired.filter((f) => f.kind === 'escalation').map((f) => f.fromLevel))).toEqual(new Set([1, 2]));
    expect(new Set(fired.filter((f) => f.kind === 'expiry').map((f) => f.type))).toEqual(new Set(['ContractRenewed', 'ContractExpired']));
    expect(new Set(fired.map((f) => f.deadlineId)).size).toBe(fired.length);
    expect(fired).toHaveLength(DRIVE.reduce((n, d) => n + d.fires.length, 0));
    // The scheduler wrote nothing else, at any tick.
    expect(log.filter((e) => e.metadata.actorId === SCHEDULER && Date.parse(e.metadata.occurredAt) > Date.parse(NOW))).toHaveLength(fired.length);
  });
});
