import type { EventEnvelope } from '@covenant/event-store';
import { cliTarget, covenant, readLog, removeTarget, Target } from '../test-support/cli-target';
import type { SchedulerRound } from '@covenant/application/scheduler/scheduler';

const SEEDED_AT = '2026-06-01T12:00:00Z';
const TICK_AT = '2026-08-01T00:00:00.000Z';

describe.each(['sqlite', 'postgres'] as const)('covenant tick --now on the demo seed, %s', (engine) => {
  let t: Target;
  let seeded: EventEnvelope[];

  beforeAll(async () => {
    t = await cliTarget(engine, 'covenant-tick-');
    const seed = covenant(['seed', '--demo', '--now', SEEDED_AT], t);
    expect(seed.status).toBe(0);
    seeded = await readLog(t);
  }, 120_000);
  afterAll(() => removeTarget(t));

  it('fires the deadlines due by then through the command handlers, each event dated at its deadline; a second run sends nothing new', async () => {
    // Nothing was due at the seed's own "now" that the seed did not already do.
    const atSeed = covenant(['tick', '--now', SEEDED_AT, '--json'], t);
    expect(atSeed.stderr).toBe('');
    const first = JSON.parse(atSeed.stdout) as SchedulerRound;
    expect(first.fired.filter((f) => f.events.length > 0)).toEqual([]);
    // The demo's amendment of the master asked for a review of the linked addendum, and the on-site
    // agreement's termination carries its addendum: each routed once, caused by its source event.
    const request = seeded.find((e) => e.type === 'LinkedReviewRequested');
    const termination = seeded.find((e) => e.type === 'ContractTerminated');
    expect(first.routed.map((r) => [r.sourceEventId, r.contractId, r.command, r.outcome])).toEqual([
      [request?.id, 'demo-addendum-analytics', 'ReceiveLinkedReview', 'sent'],
      [termination?.id, 'demo-addendum-onsite-spares', 'TerminateWithMaster', 'sent'],
    ]);
    const routed = (await readLog(t)).slice(seeded.length);
    expect(routed.map((e) => [e.streamId, e.type, e.metadata.causationId, e.metadata.actorId])).toEqual([
      ['contract-demo-addendum-analytics', 'LinkedReviewReceived', request?.id, 'system:process-manager'],
      ['contract-demo-addendum-onsite-spares', 'ContractTerminated', termination?.id, 'system:process-manager'],
    ]);
    seeded = await readLog(t);

    const run = covenant(['tick', '--now', TICK_AT, '--json'], t);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const round = JSON.parse(run.stdout) as SchedulerRound;
    expect(round).toMatchObject({ now: TICK_AT, leader: true, routed: [] });
    const written = round.fired.flatMap((f) => f.events.map((e) => ({ ...e, runAt: f.runAt, contractId: f.contractId })));
    // Every deadline of the demo's first two months, in order, each fact dated at its deadline.
    expect(written.map((w) => [w.contractId, w.type, w.occurredAt])).toEqual([
      ['demo-msa', 'EscalationEscalated', '2026-06-02T10:00:00.000Z'],
      ['demo-sow-dc-migration', 'EscalationEscalated', '2026-06-02T14:30:00.000Z'],
      ['demo-sow-dc-migration', 'EscalationEscalated', '2026-06-05T14:30:00.000Z'],
      ['demo-msa', 'CollaborativeReviewOverdue', '2026-06-10T10:00:00.000Z'],
      ['demo-onsite-maintenance', 'ExitStepOverdue', '2026-06-13T17:00:00.000Z'],
      ['demo-security-operations', 'ContractActivated', '2026-06-15T00:00:00.000Z'],
      ['demo-msa', 'MediationSchedulingOverdue', '2026-06-21T16:00:00.000Z'],
      ['demo-onsite-maintenance', 'ExitStepOverdue', '2026-06-29T17:00:00.000Z'],
      ['demo-sow-dc-migration', 'RenewalWindowOpened', '2026-07-01T09:00:00.000Z'],
      ['demo-msa', 'RenewalDecisionDue', '2026-07-11T09:00:00.000Z'],
      ['demo-addendum-analytics', 'RenewalDecisionDue', '2026-07-11T09:00:00.000Z'],
    ]);
    // Deadlines in order, none after the tick's instant.
    const runAts = round.fired.map((f) => f.runAt);
    expect([...runAts].sort()).toEqual(runAts);
    expect(runAts.every((r) => r > SEEDED_AT.replace('Z', '.000Z') && r <= TICK_AT)).toBe(true);

    const after = await readLog(t);
    const added = after.slice(seeded.length);
    expect(added).toHaveLength(written.length);
    for (const [i, e] of added.entries()) {
      expect(e.metadata.actorId).toBe('system:scheduler');
      expect(e.streamId).toBe(`contract-${written[i].contractId}`);
      expect(e.type).toBe(written[i].type);
      // Dated at the deadline, not at the tick's time.
      expect(e.metadata.occurredAt).toBe(written[i].occurredAt);
      expect(written[i].occurredAt <= TICK_AT).toBe(true);
    }
    // The demo's escalation at level 2 is past its deadline by August: it reaches the executive tier.
    expect(added.some((e) => e.type === 'EscalationEscalated' && (e.data as { toLevel: number }).toLevel === 3)).toBe(true);

    const again = covenant(['tick', '--now', TICK_AT], t);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`Deadlines due by ${TICK_AT}:`);
    expect(again.stdout).toContain('0 event(s) written.');
    expect(await readLog(t)).toHaveLength(after.length);
  }, 120_000);

  it('refuses a --now that is not an instant', () => {
    const bad = covenant(['tick', '--now', 'next tuesday'], t);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--now must be an ISO-8601');
  });
});
