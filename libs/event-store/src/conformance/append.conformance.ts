import { categoryOf, type ExpectedVersion } from '../envelope';
import { DuplicateEventIdError, InvalidEventError, WrongExpectedVersionError } from '../errors';
import { uuidv7 } from '../uuid';
import { collect, freshStream, rejection, sampleEvent, sampleEvents, type ConformanceContext } from './conformance-helpers';

export function appendConformance(ctx: ConformanceContext): void {
  const store = () => ctx.store();
  const globalIds = () => ctx.options.globalEventIds;

  describe('append', () => {
    it('stores events in order with 0-based versions and increasing positions', async () => {
      const s = freshStream();
      const first = await store().appendToStream(s, sampleEvents(3), { expectedVersion: 'no-stream' });
      const second = await store().appendToStream(s, sampleEvents(2, 3), { expectedVersion: 2 });
      expect(first.nextExpectedVersion).toBe(2);
      expect(second.nextExpectedVersion).toBe(4);
      expect(second.position).toBe(second.events[1].position);
      const read = await collect(store().readStream(s));
      expect(read.map((e) => e.version)).toEqual([0, 1, 2, 3, 4]);
      expect(read.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
      expect(read).toEqual([...first.events, ...second.events]);
      for (let i = 1; i < read.length; i++) expect(read[i].position).toBeGreaterThan(read[i - 1].position);
      if (ctx.options.gaplessPositions) expect(read[2].position - read[0].position).toBe(2);
      expect(await store().streamVersion(s)).toBe(4);
      expect(await store().headPosition()).toBeGreaterThanOrEqual(second.position);
    });

    it('is atomic: an append with one bad event writes nothing', async () => {
      const s = freshStream();
      const bad = { type: 'Bad', data: { when: new Date() } };
      expect(await rejection(store().appendToStream(s, [sampleEvent(0), bad, sampleEvent(2)]))).toBeInstanceOf(InvalidEventError);
      expect(await store().streamVersion(s)).toBe(-1);
      expect(await collect(store().readStream(s))).toEqual([]);
    });

    (ctx.options.globalEventIds ? it : it.skip)('is atomic when the store itself refuses a later event (id stored elsewhere)', async () => {
      const other = freshStream();
      const taken = uuidv7();
      await store().appendToStream(other, [sampleEvent(0, { id: taken })]);
      const s = freshStream();
      const err = await rejection(store().appendToStream(s, [sampleEvent(0), sampleEvent(1, { id: taken })]));
      expect(err).toBeInstanceOf(DuplicateEventIdError);
      expect(await store().streamVersion(s)).toBe(-1);
    });

    it('assigns ids when none are given and keeps given ids (lowercase)', async () => {
      const s = freshStream();
      const id = uuidv7();
      const r = await store().appendToStream(s, [sampleEvent(0), sampleEvent(1, { id: id.toUpperCase() })]);
      expect(r.events[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.events[1].id).toBe(id);
    });
  });

  describe('expected version', () => {
    async function streamAt(version: number): Promise<string> {
      const s = freshStream();
      if (version >= 0) await store().appendToStream(s, sampleEvents(version + 1));
      return s;
    }

    const cases: Array<[string, number, ExpectedVersion, boolean]> = [
      ["'no-stream' on a new stream", -1, 'no-stream', true],
      ["'no-stream' on an existing stream", 0, 'no-stream', false],
      ['-1 on a new stream', -1, -1, true],
      ['-1 on an existing stream', 1, -1, false],
      ["'exists' on a new stream", -1, 'exists', false],
      ["'exists' on an existing stream", 0, 'exists', true],
      ["'any' on a new stream", -1, 'any', true],
      ["'any' on an existing stream", 2, 'any', true],
      ['the current version', 2, 2, true],
      ['a stale version', 2, 1, false],
      ['a version ahead of the stream', 2, 3, false],
      ['version 0 on a new stream', -1, 0, false],
    ];
    it.each(cases)('%s (stream at %d, expected %p): accepted=%p', async (_name, at, expected, accepted) => {
      const s = await streamAt(at);
      const attempt = store().appendToStream(s, [sampleEvent(99)], { expectedVersion: expected });
      if (accepted) {
        expect((await attempt).nextExpectedVersion).toBe(at + 1);
        expect(await store().streamVersion(s)).toBe(at + 1);
      } else {
        const err = await rejection(attempt);
        expect(err).toBeInstanceOf(WrongExpectedVersionError);
        expect(err).toMatchObject({ streamId: s, expected, actual: at, code: 'STORE.WRONG_EXPECTED_VERSION' });
        expect(await store().streamVersion(s)).toBe(at);
      }
    });

    it("defaults to 'any' when no expected version is given", async () => {
      const s = await streamAt(1);
      expect((await store().appendToStream(s, [sampleEvent(5)])).nextExpectedVersion).toBe(2);
    });
  });

  describe('idempotent re-append', () => {
    it('returns the original result and writes nothing when the same ids are appended again', async () => {
      const s = freshStream();
      const events = sampleEvents(3).map((e) => ({ ...e, id: uuidv7() }));
      const original = await store().appendToStream(s, events, { expectedVersion: 'no-stream' });
      for (const expectedVersion of ['no-stream', 'any', -1, 2] as ExpectedVersion[]) {
        const again = await store().appendToStream(s, events, { expectedVersion });
        expect(again).toEqual(original);
      }
      await store().appendToStream(s, [sampleEvent(3)], { expectedVersion: 2 });
      expect(await store().appendToStream(s, events, { expectedVersion: 3 })).toEqual(original);
      expect(await store().streamVersion(s)).toBe(3);
      expect((await collect(store().readStream(s))).length).toBe(4);
      expect((await collect(store().readAll({ categories: [categoryOf(s)] }))).length).toBe(4);
    });

    it('rejects a partial overlap, a different order and ids stored in another stream', async () => {
      const s = freshStream();
      const [a, b, c] = sampleEvents(3).map((e) => ({ ...e, id: uuidv7() }));
      await store().appendToStream(s, [a, b]);
      const attempts = [
        store().appendToStream(s, [b, c]),
        store().appendToStream(s, [c, a]),
        store().appendToStream(s, [b, a]),
        ...(globalIds() ? [store().appendToStream(freshStream(), [a, b])] : []),
      ];
      for (const attempt of attempts) expect(await rejection(attempt)).toBeInstanceOf(DuplicateEventIdError);
      expect(await store().streamVersion(s)).toBe(1);
    });
  });
}
