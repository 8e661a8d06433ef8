import { contractDecider, ContractEvent, partnershipDecider, PartnershipEvent } from '@covenant/domain';
import { MemoryEventStore } from '@covenant/event-store/adapters/memory/memory-event-store';
import { appendHistory, GeneratedEvent, generateHistory, HistoryOptions } from './history-generator';
import { mulberry32 } from '@covenant/application/demo/prng';

const MODEST: HistoryOptions = { seed: 42, partnerships: 2, contractsPerPartnership: 3, months: 12 };
const all = (o: HistoryOptions): GeneratedEvent[] => [...generateHistory(o)];

describe('generateHistory', () => {
  const history = all(MODEST);

  it('is deterministic: the same seed gives the same history', () => {
    expect(JSON.stringify(all(MODEST))).toBe(JSON.stringify(history));
  });

  it('differs for another seed', () => {
    expect(JSON.stringify(all({ ...MODEST, seed: 43 }))).not.toBe(JSON.stringify(history));
  });

  it('produces every core event type in a modest history', () => {
    const types = new Set(history.map((g) => g.event.type));
    for (const t of [
      'PartnershipFormed',
      'GovernanceCharterAdopted',
      'GovernanceMemberAppointed',
      'ContractDrafted',
      'ContractSigned',
      'ContractActivated',
      'SlaMeasurementRecorded',
      'SlaBreached',
      'ServiceCreditAccrued',
      'EscalationRaised',
      'EscalationEscalated',
      'ChangeRequested',
      'CollaborativeReviewOpened',
      'ContractAmended',
      'HealthAssessmentRecorded',
    ]) {
      expect(types).toContain(t);
    }
  });

  it('seats members of all three tiers and escalates some escalations automatically', () => {
    const tiers = new Set(history.filter((g) => g.event.type === 'GovernanceMemberAppointed').map((g) => (g.event.data as { tier: string }).tier));
    expect([...tiers].sort()).toEqual(['executive', 'operational', 'steering']);
    expect(history.some((g) => g.event.type === 'EscalationEscalated' && g.actorId === 'system:scheduler')).toBe(true);
  });

  it('dates every stream in non-decreasing order', () => {
    const last = new Map<string, string>();
    for (const g of history) {
      expect(g.occurredAt >= (last.get(g.streamId) ?? '')).toBe(true);
      last.set(g.streamId, g.occurredAt);
    }
    expect(last.size).toBe(2 * (1 + 3));
  });

  it('folds every stream through its decider', () => {
    const streams = new Map<string, GeneratedEvent[]>();
    for (const g of history) streams.set(g.streamId, [...(streams.get(g.streamId) ?? []), g]);
    for (const [streamId, events] of streams) {
      if (streamId.startsWith('partnership-')) {
        const s = events.reduce((st, g) => partnershipDecider.evolve(st, g.event as PartnershipEvent), partnershipDecider.initialState);
        expect(s.status).not.toBe('none');
      } else {
        const s = events.reduce((st, g) => contractDecider.evolve(st, g.event as ContractEvent), contractDecider.initialState);
        expect(s.status).toBe('active');
      }
    }
  });

  it('respects targetEvents within 10 %', () => {
    for (const targetEvents of [500, 5_000]) {
      const n = all({ seed: 3, targetEvents, months: 3 }).length;
      expect(Math.abs(n - targetEvents)).toBeLessThanOrEqual(targetEvents * 0.1);
    }
  });
});

describe('appendHistory', () => {
  it('appends the same events to the memory store, stream by stream', async () => {
    const store = new MemoryEventStore();
    const result = await appendHistory(store, MODEST);
    const expected = all(MODEST);
    expect(result).toEqual({ events: expected.length, streams: 8 });
    expect(await store.headPosition()).toBe(expected.length);
    const stored = [];
    for await (const e of store.readStream(expected[0].streamId)) stored.push(e);
    const first = expected.filter((g) => g.streamId === expected[0].streamId);
    expect(stored.map((e) => [e.type, e.metadata.occurredAt, e.metadata.actorId])).toEqual(first.map((g) => [g.event.type, g.occurredAt, g.actorId]));
    expect(stored[0].metadata.correlationId).toEqual(expect.any(String));
    await store.close();
  });
});

describe('mulberry32', () => {
  it('repeats for a seed', () => {
    const a = mulberry32(9);
    const b = mulberry32(9);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
