import { contractDecider, ContractEvent, ContractState } from '@covenant/domain';
import { MemoryEventStore } from '@covenant/event-store/adapters/memory/memory-event-store';
import { contractViewOf } from '@covenant/projections/read-models/contract-state/contract-view';
import { runStory } from '@covenant/testing/domain-story';
import { ContractAsOfHandler, ContractAsOfQuery } from './contract-as-of.query';

const MSA = 'msa-acme-globex';
const msaEvents = (): ContractEvent[] => runStory().streams[`contract-${MSA}`] as ContractEvent[];

/**
 * The master agreement's stream in a store whose record clock we set: every event is recorded an hour
 * after it occurred, except Globex's signature (dated 2024-12-28), recorded late on 2025-01-03.
 */
async function storeWithMsa(): Promise<MemoryEventStore> {
  let recordAt = '';
  const store = new MemoryEventStore({ clock: () => new Date(recordAt) });
  const events = msaEvents();
  for (const [i, e] of events.entries()) {
    recordAt = i === 3 ? '2025-01-03T10:00:00.000Z' : new Date(Date.parse(e.occurredAt as string) + 3_600_000).toISOString();
    await store.appendToStream(`contract-${MSA}`, [{ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: { actorId: 'tester', occurredAt: e.occurredAt } }], {
      expectedVersion: i === 0 ? 'no-stream' : i - 1,
    });
  }
  return store;
}

describe('contract as of a business instant, as known at a record instant', () => {
  let handler: ContractAsOfHandler;
  beforeEach(async () => {
    handler = new ContractAsOfHandler(await storeWithMsa());
  });
  const ask = (asOf?: string, knownAt?: string) => handler.execute(new ContractAsOfQuery(MSA, { ...(asOf ? { asOf } : {}), ...(knownAt ? { knownAt } : {}) }));

  it('applies only the events that had occurred by asOf', async () => {
    const view = await ask('2025-01-17T09:00:00.000Z');
    // Through ch-1's approval and the amendment it made (both dated 2025-01-17T09:00, inclusive).
    expect(view).toMatchObject({ status: 'active', title: 'Master Services Agreement 2025', amendments: 1, termsVersion: 2, version: 15, asOf: '2025-01-17T09:00:00.000Z', knownAt: null });
    expect(view?.eventsApplied.map((e) => e.version)).toEqual([...Array(16).keys()]);
    expect(view?.eventsApplied[4]).toEqual({ position: 5, version: 4, type: 'ContractActivated', occurredAt: '2025-01-06T09:00:00.000Z', recordedAt: '2025-01-06T10:00:00.000Z' });
  });

  it('leaves out what was not yet recorded at knownAt, even when it had occurred by asOf', async () => {
    const before = await ask('2024-12-30T00:00:00.000Z', '2024-12-31T00:00:00.000Z');
    expect(before).toMatchObject({ status: 'draft', signatures: [{ partyId: 'acme', signatoryName: 'Erin Exec', signedAt: '2024-12-27T09:00:00.000Z' }], version: 2, knownAt: '2024-12-31T00:00:00.000Z' });
    expect(before?.eventsApplied.map((e) => e.type)).toEqual(['ContractDrafted', 'DraftRevised', 'ContractSigned']);
    // Known by 2025-01-04, Globex's signature counts from the date it bears.
    const after = await ask('2024-12-30T00:00:00.000Z', '2025-01-04T00:00:00+00:00');
    expect(after).toMatchObject({ status: 'signed', version: 3, knownAt: '2025-01-04T00:00:00.000Z' });
    expect(after?.signatures.map((s) => s.signedAt)).toEqual(['2024-12-27T09:00:00.000Z', '2024-12-28T09:00:00.000Z']);
  });

  it('with knownAt alone, applies everything recorded by then', async () => {
    const view = await ask(undefined, '2025-01-03T10:00:00.000Z');
    expect(view).toMatchObject({ status: 'signed', version: 3, asOf: null });
  });

  it('answers null before the contract was drafted, or for a stream that does not exist', async () => {
    expect(await ask('2024-12-01T00:00:00.000Z')).toBeNull();
    expect(await ask(undefined, '2024-12-17T09:00:00.000Z')).toBeNull();
    expect(await handler.execute(new ContractAsOfQuery('nope', { asOf: '2030-01-01T00:00:00.000Z' }))).toBeNull();
  });

  it('as of the end of time equals the state the write side folds from the whole stream', async () => {
    const events = msaEvents();
    const state = events.reduce<ContractState>(contractDecider.evolve, contractDecider.initialState);
    if (state.status === 'none') throw new Error('no contract');
    const view = await ask('2100-01-01T00:00:00.000Z');
    const { asOf: _a, knownAt: _k, eventsApplied, ...rest } = view!;
    expect(rest).toEqual(contractViewOf(state, 54, rest.updatedAt));
    expect(rest.updatedAt).toBe(eventsApplied[54].recordedAt);
    expect(eventsApplied).toHaveLength(55);
  });
});
