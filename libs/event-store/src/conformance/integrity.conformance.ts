import { computeEventHash } from '../integrity/event-hash';
import { collect, freshCategory, freshStream, sampleEvent, sampleEvents, type ConformanceContext } from './conformance-helpers';

export function integrityConformance(ctx: ConformanceContext): void {
  const store = () => ctx.store();

  describe('hash chain', () => {
    it("links each event to the previous event of its stream, and each hash is the envelope's", async () => {
      const s = freshStream();
      await store().appendToStream(s, sampleEvents(3));
      await store().appendToStream(freshStream(), sampleEvents(2));
      await store().appendToStream(s, sampleEvents(2, 3));
      const read = await collect(store().readStream(s));
      expect(read[0].prevHash).toBeNull();
      for (let i = 1; i < read.length; i++) expect(read[i].prevHash).toBe(read[i - 1].hash);
      for (const e of read) {
        expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
        const { hash, ...rest } = e;
        expect(computeEventHash(rest, { includePosition: ctx.options.hashIncludesPosition })).toBe(hash);
      }
    });

    it('gives different streams independent chains', async () => {
      const [a, b] = [freshStream(), freshStream()];
      const ra = await store().appendToStream(a, [sampleEvent(1)]);
      const rb = await store().appendToStream(b, [sampleEvent(1)]);
      expect(ra.events[0].prevHash).toBeNull();
      expect(rb.events[0].prevHash).toBeNull();
      expect(ra.events[0].hash).not.toBe(rb.events[0].hash);
    });
  });

  describe('recordedAt and occurredAt', () => {
    it('stamps recordedAt, non-decreasing along positions, with occurredAt defaulting to it', async () => {
      const cat = freshCategory('t');
      const before = new Date(Date.now() - 1000).toISOString();
      for (let i = 0; i < 5; i++) await store().appendToStream(freshStream(cat), sampleEvents(2));
      const read = await collect(store().readAll({ categories: [cat] }));
      expect(read).toHaveLength(10);
      for (const e of read) {
        expect(e.metadata.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(e.metadata.recordedAt >= before).toBe(true);
        expect(e.metadata.occurredAt).toBe(e.metadata.recordedAt);
      }
      for (let i = 1; i < read.length; i++) expect(read[i].metadata.recordedAt >= read[i - 1].metadata.recordedAt).toBe(true);
    });

    it('keeps a given occurredAt (as UTC) and never takes recordedAt from the caller', async () => {
      const s = freshStream();
      const metadata = { occurredAt: '2025-06-30T23:00:00+02:00', recordedAt: '1999-01-01T00:00:00.000Z', actorId: 'a-1' };
      const r = await store().appendToStream(s, [sampleEvent(0, { metadata })]);
      const [e] = await collect(store().readStream(s));
      expect(e.metadata.occurredAt).toBe('2025-06-30T21:00:00.000Z');
      expect(e.metadata.recordedAt).not.toBe('1999-01-01T00:00:00.000Z');
      expect(e.metadata.actorId).toBe('a-1');
      expect(e).toEqual(r.events[0]);
    });
  });

  describe('metadata', () => {
    it('keeps each event of one append its own metadata, shared or not', async () => {
      const s = freshStream();
      const shared = { correlationId: 'corr-1', causationId: 'cmd-1', actorId: 'a-1' };
      const metas = [shared, { ...shared }, { ...shared, actorId: 'a-2' }, { ...shared }, { ...shared, extra: { nested: [1] } }, {}];
      const r = await store().appendToStream(s, metas.map((metadata, i) => sampleEvent(i, { metadata })));
      const read = await collect(store().readStream(s));
      expect(read).toEqual(r.events);
      read.forEach((e, i) => {
        const { occurredAt: _o, recordedAt: _r, ...rest } = e.metadata;
        expect(rest).toEqual(metas[i]);
      });
      // Events of one append never share a metadata object: changing one leaves the others alone.
      r.events[0].metadata.actorId = 'mutated';
      expect(r.events[1].metadata.actorId).toBe('a-1');
    });
  });

  describe('payloads', () => {
    const roundTrip = async (data: unknown) => {
      const s = freshStream();
      const r = await store().appendToStream(s, [{ type: 'Payload', data }]);
      const [read] = await collect(store().readStream(s));
      expect(read.data).toEqual(data);
      expect(r.events[0].data).toEqual(data);
      return read;
    };

    it('round-trips unicode: emoji, combining characters, right-to-left text, line separators', async () => {
      const text = 'emoji 😀👍🏽 family 👨‍👩‍👧 combining e\u0301 n\u0303 rtl שלום عليكم mixed abc אבג sep \u2028 \u2029 tab\t nl\n quote" back\\';
      await roundTrip({ text, [text]: [text], nested: { 'ключ': 'значение', '鍵': '値' } });
    });

    it('round-trips numbers, booleans, null and deep nesting exactly', async () => {
      const deep = Array.from({ length: 30 }).reduce<unknown>((acc) => ({ child: acc }), { leaf: true });
      await roundTrip({ ints: [0, -1, 2 ** 53 - 1], floats: [0.1, 1e-7, 1.5e300, -2.5], flags: [true, false], none: null, deep, empty: {}, list: [] });
    });

    if (ctx.options.heavy) {
      it('round-trips a 1 MB payload', async () => {
        const blob = 'x'.repeat(512 * 1024) + 'é😀'.repeat(128 * 1024);
        const read = await roundTrip({ blob, rows: Array.from({ length: 1000 }, (_, i) => ({ i, v: `row ${i}` })) });
        const { hash, ...rest } = read;
        expect(computeEventHash(rest, { includePosition: ctx.options.hashIncludesPosition })).toBe(hash);
      });
    }
  });
}
