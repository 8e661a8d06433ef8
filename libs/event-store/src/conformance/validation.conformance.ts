import type { EventEnvelope, ExpectedVersion, NewEvent, StoreTransaction } from '../envelope';
import { InvalidEventError, UnsupportedOperationError } from '../errors';
import { collect, freshStream, rejection, sampleEvent, type ConformanceContext } from './conformance-helpers';

class Money {
  constructor(readonly cents: number) {}
}

export function validationConformance(ctx: ConformanceContext): void {
  const store = () => ctx.store();

  describe('bad input', () => {
    const badData: Array<[string, unknown]> = [
      ['a function', { f: () => 1 }],
      ['a BigInt', { n: BigInt(1) }],
      ['NaN', { n: Number.NaN }],
      ['Infinity', { n: Number.POSITIVE_INFINITY }],
      ['a class instance', { amount: new Money(5) }],
      ['a Date', { at: new Date(0) }],
      ['a Map', { m: new Map() }],
      ['undefined data', undefined],
    ];
    it.each(badData)('rejects data containing %s and writes nothing', async (_name, data) => {
      const s = freshStream();
      const err = await rejection(store().appendToStream(s, [sampleEvent(0), { type: 'Bad', data } as NewEvent]));
      expect(err).toBeInstanceOf(InvalidEventError);
      expect(await store().streamVersion(s)).toBe(-1);
    });

    const badEvents: Array<[string, unknown]> = [
      ['an empty type', { type: '', data: {} }],
      ['a 200-character type', { type: 'T'.repeat(200), data: {} }],
      ['a type with spaces', { type: 'Sla Breached', data: {} }],
      ['an id that is not a UUID', { id: 'not-a-uuid', type: 'T', data: {} }],
      ['metadata that is an array', { type: 'T', data: {}, metadata: [] }],
      ['an occurredAt that is not an instant', { type: 'T', data: {}, metadata: { occurredAt: 'yesterday' } }],
      ['a schemaVersion of 0', { type: 'T', data: {}, schemaVersion: 0 }],
      ['null instead of an event', null],
    ];
    it.each(badEvents)('rejects %s and writes nothing', async (_name, event) => {
      const s = freshStream();
      expect(await rejection(store().appendToStream(s, [event as NewEvent]))).toBeInstanceOf(InvalidEventError);
      expect(await store().streamVersion(s)).toBe(-1);
    });

    it('rejects an empty append', async () => {
      expect(await rejection(store().appendToStream(freshStream(), []))).toBeInstanceOf(InvalidEventError);
    });

    const badStreamIds: Array<[string, string]> = [
      ['empty', ''],
      ['with capitals and a space', 'Contract 1'],
      ['with a space', 'contract 1'],
      ['without a category', '-x'],
      ['with an empty id part', 'contract-'],
      ['with a slash', 'con/tract-1'],
      ['with a 300-character id part', `c-${'x'.repeat(300)}`],
    ];
    it.each(badStreamIds)('rejects a stream id %s', async (_name, streamId) => {
      expect(await rejection(store().appendToStream(streamId, [sampleEvent(0)]))).toBeInstanceOf(InvalidEventError);
    });

    it.each([-2, 1.5, 'x', Number.NaN, null])('rejects the expected version %p and writes nothing', async (expectedVersion) => {
      const s = freshStream();
      const attempt = store().appendToStream(s, [sampleEvent(0)], { expectedVersion: expectedVersion as ExpectedVersion });
      expect(await rejection(attempt)).toBeInstanceOf(InvalidEventError);
      expect(await store().streamVersion(s)).toBe(-1);
    });
  });

  describe('in-transaction work', () => {
    it('runs with the appended events and rolls the append back when it throws (transactional stores)', async () => {
      const s = freshStream();
      if (!store().supportsTransactions) {
        const attempt = store().appendToStream(s, [sampleEvent(0)], { inTransaction: () => undefined });
        expect(await rejection(attempt)).toBeInstanceOf(UnsupportedOperationError);
        expect(() => store().registerInTransaction(() => undefined)).toThrow(UnsupportedOperationError);
        expect(await store().streamVersion(s)).toBe(-1);
        return;
      }
      const seen: Array<{ events: EventEnvelope[]; kind: StoreTransaction['kind'] }> = [];
      const r = await store().appendToStream(s, [sampleEvent(0), sampleEvent(1)], {
        inTransaction: (events, tx) => void seen.push({ events, kind: tx.kind }),
      });
      expect(seen).toEqual([{ events: r.events, kind: store().kind }]);

      const boom = new Error('projection failed');
      const attempt = store().appendToStream(s, [sampleEvent(2)], {
        expectedVersion: 1,
        inTransaction: () => {
          throw boom;
        },
      });
      expect(await rejection(attempt)).toBe(boom);
      expect(await store().streamVersion(s)).toBe(1);
      expect((await collect(store().readStream(s))).map((e) => e.version)).toEqual([0, 1]);
      // The stream is still appendable at the version the failed append expected.
      expect((await store().appendToStream(s, [sampleEvent(3)], { expectedVersion: 1 })).nextExpectedVersion).toBe(2);
    });

    it('rolls the append back when registered work throws (transactional stores)', async () => {
      if (!store().supportsTransactions) {
        expect(() => store().registerInTransaction(() => undefined)).toThrow(UnsupportedOperationError);
        return;
      }
      const s = freshStream();
      // Registered work lives as long as the store, so it only ever objects to this test's stream.
      store().registerInTransaction((events) => {
        if (events.some((e) => e.streamId === s && (e.data as { n?: number }).n === 13)) throw new Error('unlucky');
      });
      await store().appendToStream(s, [sampleEvent(12)]);
      expect((await rejection(store().appendToStream(s, [sampleEvent(13)]))) as Error).toHaveProperty('message', 'unlucky');
      expect(await store().streamVersion(s)).toBe(0);
    });
  });
}
