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
    for (const id of ['demo-acme-globex', 'demo-msa', 'demo-addendum-analytics', 'demo-escalation-eu-outages', 'demo-dispute-model-ownership']) expect(first.stdout).toContain(id);
  });

  it('writes a partnership, a master and an addendum with deterministic ids, every fact dated before the demo now', () => {
    expect(new Set(events.map((e) => e.streamId))).toEqual(new Set(['partnership-demo-acme-globex', 'contract-demo-msa', 'contract-demo-addendum-analytics']));
    expect(head).toBe(events.length);
    for (const e of events) expect(e.metadata.occurredAt <= NOW).toBe(true);
  });

  it('has a governance charter with members in all three tiers', () => {
    expect(ofType('GovernanceCharterAdopted')).toHaveLength(1);
    expect(new Set(ofType('GovernanceMemberAppointed').map((e) => data(e).tier))).toEqual(new Set(['operational', 'steering', 'executive']));
  });

  it('has a master agreement and an addendum, each signed by each party and active', () => {
    for (const stream of ['contract-demo-msa', 'contract-demo-addendum-analytics']) {
      expect(ofType('ContractSigned', stream).map((e) => data(e).partyId).sort()).toEqual(['acme', 'globex']);
      expect(ofType('ContractActivated', stream)).toHaveLength(1);
    }
    expect(ofType('AddendumAttached', 'contract-demo-addendum-analytics').map((e) => data(e).masterContractId)).toEqual(['demo-msa']);
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
    expect(ofType('EscalationEscalated').map((e) => [data(e).fromLevel, data(e).toLevel])).toEqual([[1, 2]]);
    expect(ofType('CollaborativeReviewOpened')).toHaveLength(1);
    expect(ofType('ChangeApproved').map((e) => data(e).tier)).toEqual(['steering']);
    expect(ofType('ContractAmended')).toHaveLength(1);
    expect(Number(data(ofType('ChangeRequested')[0]).costImpactPercent)).toBeGreaterThan(15);
  });

  it('has a dispute at mediation with both position papers, and renewal windows open', () => {
    expect(ofType('DisputeAdvanced').map((e) => data(e).toStep)).toEqual(['relationship-managers', 'mediation']);
    expect(ofType('MediationScheduled')).toHaveLength(1);
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
