import type { EventEnvelope } from '@covenant/event-store';
import { cliTarget, covenant, readLog, removeTarget, Target } from '../test-support/cli-target';

const NOW = '2026-03-01T12:00:00.000Z';

describe.each(['sqlite', 'postgres'] as const)('covenant seed --demo on %s', (engine) => {
  let dir: Target;
  let first: ReturnType<typeof covenant>;
  let events: EventEnvelope[];
  let head: number;
  const ofType = (type: string, streamId?: string) => events.filter((e) => e.type === type && (streamId === undefined || e.streamId === streamId));
  const data = (e: EventEnvelope) => e.data as Record<string, unknown>;

  beforeAll(async () => {
    dir = await cliTarget(engine, 'covenant-seed-');
    first = covenant(['seed', '--demo', '--now', NOW], dir);
    events = await readLog(dir);
    head = events.at(-1)?.position ?? 0;
  });
  afterAll(() => removeTarget(dir));

  it('exits 0 and prints a summary with the ids and the event count', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Seeded the demo partnership as of ${NOW}`);
    expect(first.stdout).toContain(`${events.length} events`);
    for (const id of [
      'demo-acme-globex',
      'demo-msa',
      'demo-addendum-analytics',
      'demo-escalation-eu-outages',
      'demo-dispute-model-ownership',
      'demo-change-eu-second-zone',
      'demo-dispute-eu-credits',
      'demo-sow-dc-migration',
      'demo-escalation-cutover',
      'demo-security-operations',
      'demo-onsite-maintenance',
      'demo-addendum-onsite-spares',
    ]) {
      expect(first.stdout).toContain(id);
    }
  });

  it('writes a partnership and six contracts with deterministic ids, every fact dated before the demo now', () => {
    expect(new Set(events.map((e) => e.streamId))).toEqual(
      new Set([
        'partnership-demo-acme-globex',
        'contract-demo-msa',
        'contract-demo-addendum-analytics',
        'contract-demo-sow-dc-migration',
        'contract-demo-security-operations',
        'contract-demo-onsite-maintenance',
        'contract-demo-addendum-onsite-spares',
      ]),
    );
    expect(events).toHaveLength(284);
    expect(head).toBe(events.length);
    for (const e of events) expect(e.metadata.occurredAt <= NOW).toBe(true);
  });

  it('has a governance charter with members in all three tiers', () => {
    expect(ofType('GovernanceCharterAdopted')).toHaveLength(1);
    expect(new Set(ofType('GovernanceMemberAppointed').map((e) => data(e).tier))).toEqual(new Set(['operational', 'steering', 'executive']));
  });

  it('has masters and addenda, each signed by each party, all active but the security agreement (in force 14 days after now)', () => {
    const contracts = ['demo-msa', 'demo-addendum-analytics', 'demo-sow-dc-migration', 'demo-security-operations', 'demo-onsite-maintenance', 'demo-addendum-onsite-spares'];
    for (const id of contracts) expect(ofType('ContractSigned', `contract-${id}`).map((e) => data(e).partyId).sort()).toEqual(['acme', 'globex']);
    expect(ofType('ContractActivated').map((e) => data(e).contractId).sort()).toEqual(contracts.filter((id) => id !== 'demo-security-operations').sort());
    expect(ofType('ContractDrafted', 'contract-demo-security-operations').map((e) => (data(e).terms as { effectiveFrom: string }).effectiveFrom)).toEqual(['2026-03-15T00:00:00.000Z']);
    expect(ofType('AddendumAttached').map((e) => [e.streamId, data(e).masterContractId])).toEqual([
      ['contract-demo-addendum-onsite-spares', 'demo-onsite-maintenance'],
      ['contract-demo-addendum-analytics', 'demo-msa'],
    ]);
  });

  it('has a fixed-term statement of work (no auto-renewal) next to auto-renewing agreements', () => {
    const autoRenew = Object.fromEntries(ofType('ContractDrafted').map((e) => [data(e).contractId, (data(e).terms as { autoRenew: boolean }).autoRenew]));
    expect(autoRenew).toEqual({
      'demo-msa': true,
      'demo-addendum-analytics': true,
      'demo-sow-dc-migration': false,
      'demo-security-operations': true,
      'demo-onsite-maintenance': true,
      'demo-addendum-onsite-spares': true,
    });
    expect(ofType('ContractActivated', 'contract-demo-sow-dc-migration').map((e) => data(e).expiresAt)).toEqual(['2026-07-29T09:00:00.000Z']);
  });

  it('has a master terminated by mutual agreement with exit steps due after now, one of them done', () => {
    const [terminated] = ofType('ContractTerminated');
    expect(ofType('ContractTerminated')).toHaveLength(1);
    expect(terminated.streamId).toBe('contract-demo-onsite-maintenance');
    expect(data(terminated)).toMatchObject({ reason: 'mutual', effectiveAt: '2026-03-31T00:00:00.000Z' });
    expect((data(terminated).exitPlan as Array<{ stepId: string; dueAt: string }>).map((s) => [s.stepId, s.dueAt])).toEqual([
      ['onsite-site-access', '2026-03-06T17:00:00.000Z'],
      ['onsite-runbooks', '2026-03-13T17:00:00.000Z'],
      ['onsite-spare-disks', '2026-03-29T17:00:00.000Z'],
    ]);
    expect(ofType('ExitStepCompleted').map((e) => data(e).stepId)).toEqual(['onsite-site-access']);
  });

  it('has months of SLA measurements and breaches with their service credits', () => {
    const measured = ofType('SlaMeasurementRecorded').map((e) => Date.parse(e.metadata.occurredAt));
    expect(measured.length).toBeGreaterThan(150);
    expect(Math.max(...measured) - Math.min(...measured)).toBeGreaterThan(150 * 86_400_000);
    const breaches = ofType('SlaBreached');
    expect(breaches.length).toBeGreaterThan(0);
    expect(ofType('ServiceCreditAccrued').map((e) => data(e).breachId).sort()).toEqual(breaches.map((e) => data(e).breachId).sort());
  });

  it('has an escalation that went to level 2 and an amendment approved by the steering committee after a collaborative review', () => {
    expect(ofType('EscalationEscalated').map((e) => [data(e).escalationId, data(e).fromLevel, data(e).toLevel])).toEqual([['demo-escalation-eu-outages', 1, 2]]);
    expect(ofType('CollaborativeReviewOpened').map((e) => data(e).changeId)).toEqual(['demo-change-apac-support', 'demo-change-eu-second-zone']);
    expect(ofType('ChangeApproved').map((e) => data(e).tier)).toEqual(['steering']);
    expect(ofType('ContractAmended')).toHaveLength(1);
    expect(Number(data(ofType('ChangeRequested')[0]).costImpactPercent)).toBeGreaterThan(15);
  });

  it('has a change still in its collaborative review and an escalation at level 1, both due after now', () => {
    expect(ofType('CollaborativeReviewOpened').map((e) => [data(e).changeId, data(e).respondBy])).toContainEqual(['demo-change-eu-second-zone', '2026-03-10T10:00:00.000Z']);
    expect(Number(data(ofType('ChangeRequested')[1]).costImpactPercent)).toBeGreaterThan(15);
    expect(ofType('ChangeApproved').map((e) => data(e).changeId)).toEqual(['demo-change-apac-support']);
    // The statement of work's ladder answers in 48 hours at level 1 (the master's in 24).
    expect(ofType('EscalationRaised').map((e) => [e.streamId, data(e).escalationId, data(e).dueAt])).toEqual([
      ['contract-demo-msa', 'demo-escalation-eu-outages', '2026-02-27T10:00:00.000Z'],
      ['contract-demo-sow-dc-migration', 'demo-escalation-cutover', '2026-03-02T14:30:00.000Z'],
    ]);
  });

  it('has a dispute at mediation with both position papers, and renewal windows open', () => {
    for (const id of ['demo-dispute-model-ownership', 'demo-dispute-eu-credits']) {
      expect(ofType('DisputeAdvanced').filter((e) => data(e).disputeId === id).map((e) => data(e).toStep)).toEqual(['relationship-managers', 'mediation']);
    }
    // The model-ownership mediation is scheduled; the service-credit one is due by notice + 30 days and is not.
    expect(ofType('MediationScheduled').map((e) => data(e).disputeId)).toEqual(['demo-dispute-model-ownership']);
    expect(ofType('DisputeOpened').map((e) => [data(e).disputeId, data(e).mediationDueBy])).toContainEqual(['demo-dispute-eu-credits', '2026-03-21T16:00:00.000Z']);
    expect(ofType('PositionPaperSubmitted').map((e) => data(e).partyId).sort()).toEqual(['acme', 'globex']);
    expect(ofType('DisputeResolved')).toHaveLength(0);
    expect(ofType('RenewalWindowOpened', 'contract-demo-msa')).toHaveLength(1);
  });

  it('refuses a second run cleanly: exit 0, "already seeded", nothing written', async () => {
    const again = covenant(['seed', '--demo', '--now', NOW], dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already seeded');
    expect(((await readLog(dir)).at(-1)?.position ?? 0)).toBe(head);
  });

  it('refuses a malformed --now and a missing --demo with exit 2, writing nothing', async () => {
    const bad = covenant(['seed', '--demo', '--now', 'yesterday'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--now must be an ISO-8601');
    expect(covenant(['seed'], dir).status).toBe(2);
    expect(((await readLog(dir)).at(-1)?.position ?? 0)).toBe(head);
  });
});
