import type { EventEnvelope } from '../envelope';
import { freshCategory, freshStream, sampleEvent, sampleEvents, sleep, take, withTimeout, type ConformanceContext } from './conformance-helpers';

export function subscriptionConformance(ctx: ConformanceContext): void {
  const store = () => ctx.store();
  const timeout = () => ctx.options.deliveryTimeoutMs;
  const ids = (events: EventEnvelope[]): string[] => events.map((e) => e.id);

  describe('subscribeToAll', () => {
    it('started mid-way while appends continue, sees every later event exactly once, in order, through catch-up and live', async () => {
      const cat = freshCategory('s');
      const streams = [freshStream(cat), freshStream(cat), freshStream(cat)];
      const history: EventEnvelope[] = [];
      for (let i = 0; i < 20; i++) history.push(...(await store().appendToStream(streams[i % 3], [sampleEvent(i)])).events);
      const checkpoint = history[9].position;
      const sub = store().subscribeToAll({ after: checkpoint, categories: [cat] });
      const it = sub[Symbol.asyncIterator]();

      // A writer keeps appending while the subscriber catches up, then after it has gone live.
      const live: EventEnvelope[] = [];
      const writer = (async () => {
        for (let i = 0; i < 30; i++) {
          live.push(...(await store().appendToStream(streams[i % 3], [sampleEvent(100 + i)])).events);
          if (i === 20) await sleep(300);
          else await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const seen = await take(it, 40, timeout());
      await writer;
      // Every event of the writer is now committed; nothing more may arrive for this category.
      const extra = await Promise.race([it.next(), sleep(300).then(() => 'quiet' as const)]);
      await sub.close();
      expect(extra).toBe('quiet');
      expect(ids(seen)).toEqual(ids([...history.slice(10), ...live]));
      for (let i = 1; i < seen.length; i++) expect(seen[i].position).toBeGreaterThan(seen[i - 1].position);
    });

    it('delivers an event appended after it went live without waiting for more', async () => {
      const cat = freshCategory('l');
      const sub = store().subscribeToAll({ after: await store().headPosition(), categories: [cat] });
      const it = sub[Symbol.asyncIterator]();
      const pending = take(it, 1, timeout());
      await sleep(50);
      const r = await store().appendToStream(freshStream(cat), [sampleEvent(1)]);
      expect(ids(await pending)).toEqual(ids(r.events));
      await sub.close();
    });

    it('resumes from a checkpoint with the next event', async () => {
      const cat = freshCategory('r');
      const s = freshStream(cat);
      const written = (await store().appendToStream(s, sampleEvents(10))).events;
      const first = store().subscribeToAll({ categories: [cat] });
      const part = await take(first[Symbol.asyncIterator](), 4, timeout());
      await first.close();
      const resumed = store().subscribeToAll({ categories: [cat], after: part[3].position });
      const rest = await take(resumed[Symbol.asyncIterator](), 6, timeout());
      await resumed.close();
      expect(ids([...part, ...rest])).toEqual(ids(written));
    });

    it('catches up across a long history without gaps or repeats', async () => {
      const cat = freshCategory('h');
      const written: EventEnvelope[] = [];
      for (let i = 0; i < 3; i++) written.push(...(await store().appendToStream(freshStream(cat), sampleEvents(400, i * 400))).events);
      const sub = store().subscribeToAll({ categories: [cat] });
      const got = await take(sub[Symbol.asyncIterator](), 1200, timeout());
      await sub.close();
      expect(ids(got)).toEqual(ids(written));
    });

    it('filters by type', async () => {
      const cat = freshCategory('t');
      const s = freshStream(cat);
      const written = (await store().appendToStream(s, sampleEvents(6).map((e, i) => ({ ...e, type: i % 2 ? 'Kept' : 'Dropped' })))).events;
      const sub = store().subscribeToAll({ categories: [cat], types: ['Kept'] });
      const got = await take(sub[Symbol.asyncIterator](), 3, timeout());
      await sub.close();
      expect(ids(got)).toEqual(ids(written.filter((e) => e.type === 'Kept')));
    });

    it('close() ends a pending iteration, and iteration after close() is done', async () => {
      const sub = store().subscribeToAll({ categories: [freshCategory('x')] });
      const it = sub[Symbol.asyncIterator]();
      const pending = it.next();
      await sleep(50);
      await sub.close();
      expect(await withTimeout(pending, timeout(), 'close() did not end the pending iteration')).toEqual({ done: true, value: undefined });
      expect(await withTimeout(it.next(), timeout(), 'next() after close()')).toMatchObject({ done: true });
    });

    it('leaving a for-await loop ends the subscription, and a new one resumes after the last event seen', async () => {
      const cat = freshCategory('b');
      const written = (await store().appendToStream(freshStream(cat), sampleEvents(4))).events;
      const sub = store().subscribeToAll({ categories: [cat] });
      let last = 0;
      for await (const e of sub) {
        last = e.position;
        if (e.id === written[1].id) break;
      }
      expect(await withTimeout(sub[Symbol.asyncIterator]().next(), timeout(), 'next() after break')).toMatchObject({ done: true });
      const resumed = store().subscribeToAll({ categories: [cat], after: last });
      expect(ids(await take(resumed[Symbol.asyncIterator](), 2, timeout()))).toEqual(ids(written.slice(2)));
      await resumed.close();
    });

    it('close() during catch-up stops delivery', async () => {
      const cat = freshCategory('y');
      await store().appendToStream(freshStream(cat), sampleEvents(5));
      const sub = store().subscribeToAll({ categories: [cat] });
      const it = sub[Symbol.asyncIterator]();
      expect(await take(it, 2, timeout())).toHaveLength(2);
      await sub.close();
      expect(await withTimeout(it.next(), timeout(), 'next() after close()')).toMatchObject({ done: true });
    });
  });
}
