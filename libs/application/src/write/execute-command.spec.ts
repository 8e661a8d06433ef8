import { MemoryEventStore } from '@covenant/event-store/adapters/memory/memory-event-store';
import { Decider, DomainEventLike } from './decider';
import { executeCommand, loadStream } from './execute-command';
import { StateCache } from './state-cache';

type Added = DomainEventLike & { type: 'Added'; data: { n: number } };
const counter: Decider<{ add: number }, number, Added> = {
  initialState: 0,
  decide: (c) => [{ type: 'Added', schemaVersion: 1, data: { n: c.add } }],
  evolve: (s, e) => s + e.data.n,
};
const added = (n: number) => ({ type: 'Added', schemaVersion: 1, data: { n }, metadata: { occurredAt: '2026-01-01T00:00:00.000Z' } });

describe('loadStream with a state cache', () => {
  it('answers from the cache without reading the stream when its version is unchanged', async () => {
    const store = new MemoryEventStore();
    const cache = new StateCache<number>();
    await store.appendToStream('counter-1', [added(2), added(3)]);
    expect(await loadStream(store, 'counter-1', counter, cache)).toEqual({ state: 5, version: 1 });
    const read = jest.spyOn(store, 'readStream');
    expect(await loadStream(store, 'counter-1', counter, cache)).toEqual({ state: 5, version: 1 });
    expect(read).not.toHaveBeenCalled();
  });

  it('reads only the tail appended since (e.g. by another process)', async () => {
    const store = new MemoryEventStore();
    const cache = new StateCache<number>();
    await store.appendToStream('counter-1', [added(2)]);
    await loadStream(store, 'counter-1', counter, cache);
    await store.appendToStream('counter-1', [added(10)]);
    const read = jest.spyOn(store, 'readStream');
    expect(await loadStream(store, 'counter-1', counter, cache)).toEqual({ state: 12, version: 1 });
    expect(read).toHaveBeenCalledWith('counter-1', { fromVersion: 1 });
  });

  it('folds the whole stream again when the store is behind the cache (another log)', async () => {
    const cache = new StateCache<number>();
    const first = new MemoryEventStore();
    await first.appendToStream('counter-1', [added(1), added(1), added(1)]);
    await loadStream(first, 'counter-1', counter, cache);
    const other = new MemoryEventStore();
    await other.appendToStream('counter-1', [added(7)]);
    expect(await loadStream(other, 'counter-1', counter, cache)).toEqual({ state: 7, version: 0 });
    expect(await loadStream(new MemoryEventStore(), 'counter-1', counter, cache)).toEqual({ state: 0, version: -1 });
  });

  it('keeps the cache current after a command, so the next one decides on the new state', async () => {
    const store = new MemoryEventStore();
    const cache = new StateCache<number>();
    const run = (add: number) =>
      executeCommand({ store, decider: counter, streamId: 'counter-1', command: { add }, context: () => undefined, cache, metadata: { actorId: 'a', correlationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z' } });
    await run(4);
    await run(5);
    expect(cache.get('counter-1')).toEqual({ version: 1, state: 9 });
    expect(await loadStream(store, 'counter-1', counter)).toEqual({ state: 9, version: 1 });
  });
});
