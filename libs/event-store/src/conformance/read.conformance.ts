import type { EventEnvelope, ReadStreamOptions } from '../envelope';
import { collect, freshCategory, freshStream, sampleEvent, sampleEvents, type ConformanceContext } from './conformance-helpers';

const versions = (events: EventEnvelope[]): number[] => events.map((e) => e.version);
const range = (from: number, to: number): number[] => Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => (from <= to ? from + i : from - i));

export function readConformance(ctx: ConformanceContext): void {
  const store = () => ctx.store();

  describe('readStream', () => {
    const s = freshStream();
    beforeAll(async () => {
      await store().appendToStream(s, sampleEvents(6), { expectedVersion: 'no-stream' });
      await store().appendToStream(s, sampleEvents(4, 6), { expectedVersion: 5 });
    });

    // [fromVersion, toVersion] is an inclusive range whatever the direction; limit counts from the
    // direction's start, so backwards + limit gives the newest events first.
    const cases: Array<[string, ReadStreamOptions, number[]]> = [
      ['everything forwards', {}, range(0, 9)],
      ['from a version', { fromVersion: 3 }, range(3, 9)],
      ['up to a version', { toVersion: 5 }, range(0, 5)],
      ['a closed range', { fromVersion: 3, toVersion: 5 }, [3, 4, 5]],
      ['a limit', { limit: 4 }, range(0, 3)],
      ['from a version with a limit', { fromVersion: 7, limit: 2 }, [7, 8]],
      ['a limit beyond the end', { fromVersion: 8, limit: 10 }, [8, 9]],
      ['from beyond the end', { fromVersion: 10 }, []],
      ['an empty range', { fromVersion: 5, toVersion: 4 }, []],
      ['everything backwards', { direction: 'backwards' }, range(9, 0)],
      ['backwards down to a version', { direction: 'backwards', fromVersion: 7 }, [9, 8, 7]],
      ['backwards from a version', { direction: 'backwards', toVersion: 5 }, range(5, 0)],
      ['backwards in a closed range', { direction: 'backwards', fromVersion: 2, toVersion: 4 }, [4, 3, 2]],
      ['the newest three', { direction: 'backwards', limit: 3 }, [9, 8, 7]],
      ['backwards from a version with a limit', { direction: 'backwards', toVersion: 6, limit: 2 }, [6, 5]],
      ['forwards explicitly', { direction: 'forwards', fromVersion: 8 }, [8, 9]],
    ];
    it.each(cases)('reads %s', async (_name, options, expected) => {
      expect(versions(await collect(store().readStream(s, options)))).toEqual(expected);
    });

    it('reads a stream that does not exist as empty', async () => {
      expect(await collect(store().readStream(freshStream()))).toEqual([]);
      expect(await store().streamVersion(freshStream())).toBe(-1);
    });

    it('reads long streams across internal pages without gaps or repeats', async () => {
      const long = freshStream();
      for (let i = 0; i < 3; i++) await store().appendToStream(long, sampleEvents(450, i * 450));
      expect(versions(await collect(store().readStream(long)))).toEqual(range(0, 1349));
      expect(versions(await collect(store().readStream(long, { direction: 'backwards' })))).toEqual(range(1349, 0));
      expect(versions(await collect(store().readStream(long, { fromVersion: 100, limit: 1001 })))).toEqual(range(100, 1100));
    });
  });

  describe('readAll', () => {
    const catA = freshCategory('a');
    const catB = freshCategory('b');
    const appended: EventEnvelope[] = [];
    beforeAll(async () => {
      const streams = [freshStream(catA), freshStream(catB), freshStream(catA)];
      for (let i = 0; i < 12; i++) {
        const type = i % 3 === 0 ? 'SlaBreached' : 'SlaMeasurementRecorded';
        const r = await store().appendToStream(streams[i % 3], [sampleEvent(i, { type })]);
        appended.push(...r.events);
      }
    });
    const ids = (events: EventEnvelope[]): string[] => events.map((e) => e.id);
    const inCats = (...cats: string[]) => appended.filter((e) => cats.some((c) => e.streamId.startsWith(`${c}-`)));

    it('reads every stream of the log in position order', async () => {
      const start = appended[0].position - 1;
      const all = await collect(store().readAll({ after: start, limit: 10_000 }));
      const ours = all.filter((e) => appended.some((a) => a.id === e.id));
      expect(ours).toEqual(appended);
      for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
      if (ctx.options.gaplessPositions) {
        expect(all.map((e) => e.position)).toEqual(all.map((_, i) => start + 1 + i));
      }
    });

    it('filters by category', async () => {
      expect(ids(await collect(store().readAll({ categories: [catA] })))).toEqual(ids(inCats(catA)));
      expect(ids(await collect(store().readAll({ categories: [catB, catA] })))).toEqual(ids(inCats(catA, catB)));
    });

    it('filters by type, and by category and type together', async () => {
      const breached = appended.filter((e) => e.type === 'SlaBreached');
      expect(ids(await collect(store().readAll({ categories: [catA, catB], types: ['SlaBreached'] })))).toEqual(ids(breached));
      expect(ids(await collect(store().readAll({ categories: [catB], types: ['SlaMeasurementRecorded'] })))).toEqual(
        ids(inCats(catB).filter((e) => e.type === 'SlaMeasurementRecorded')),
      );
      const typeOnly = await collect(store().readAll({ after: appended[0].position - 1, types: ['SlaBreached'], limit: 10_000 }));
      expect(typeOnly.every((e) => e.type === 'SlaBreached')).toBe(true);
      expect(ids(typeOnly.filter((e) => breached.some((b) => b.id === e.id)))).toEqual(ids(breached));
    });

    it('starts after an exclusive position and stops at a limit', async () => {
      const a = inCats(catA);
      expect(ids(await collect(store().readAll({ categories: [catA], after: a[2].position })))).toEqual(ids(a.slice(3)));
      expect(ids(await collect(store().readAll({ categories: [catA], after: a[2].position, limit: 2 })))).toEqual(ids(a.slice(3, 5)));
      expect(ids(await collect(store().readAll({ categories: [catA], limit: 1 })))).toEqual(ids(a.slice(0, 1)));
      expect(await collect(store().readAll({ categories: [catA], after: a[a.length - 1].position }))).toEqual([]);
    });

    it('reads a filtered category across internal pages', async () => {
      const cat = freshCategory('p');
      const s = freshStream(cat);
      await store().appendToStream(s, sampleEvents(1200));
      expect((await collect(store().readAll({ categories: [cat] }))).map((e) => e.version)).toEqual(range(0, 1199));
    });
  });
}
