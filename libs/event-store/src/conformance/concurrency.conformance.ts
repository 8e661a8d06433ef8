import { WrongExpectedVersionError } from '../errors';
import { uuidv7 } from '../uuid';
import { collect, freshStream, outcome, sampleEvent, type ConformanceContext } from './conformance-helpers';

export function concurrencyConformance(ctx: ConformanceContext): void {
  const store = () => ctx.store();
  const rounds = ctx.options.raceRounds;

  describe('optimistic concurrency', () => {
    it(`lets exactly one of two racing writers win, ${rounds} rounds on one stream`, async () => {
      const s = freshStream();
      const winners: string[] = [];
      for (let round = 0; round < rounds; round++) {
        const expectedVersion = round === 0 ? 'no-stream' : round - 1;
        const a = { ...sampleEvent(round), id: uuidv7() };
        const b = { ...sampleEvent(round), id: uuidv7() };
        const [ra, rb] = await Promise.all([
          outcome(store().appendToStream(s, [a], { expectedVersion })),
          outcome(store().appendToStream(s, [b], { expectedVersion })),
        ]);
        const won = [ra, rb].filter((r) => r.ok);
        const lost = [ra, rb].filter((r) => !r.ok);
        if (won.length !== 1) throw new Error(`round ${round}: ${won.length} writers won`);
        const loser = lost[0];
        if (!loser.ok && !(loser.error instanceof WrongExpectedVersionError)) throw loser.error;
        winners.push(ra.ok ? a.id : b.id);
      }
      const read = await collect(store().readStream(s));
      expect(read.map((e) => e.version)).toEqual(Array.from({ length: rounds }, (_, i) => i));
      expect(read.map((e) => e.id)).toEqual(winners);
      expect(new Set(read.map((e) => e.position)).size).toBe(rounds);
      expect(await store().streamVersion(s)).toBe(rounds - 1);
    });

    it('keeps positions unique and streams contiguous when many streams are appended at once', async () => {
      const streams = Array.from({ length: 20 }, () => freshStream());
      const results = await Promise.all(streams.flatMap((s) => [0, 1, 2].map(() => store().appendToStream(s, [sampleEvent(0), sampleEvent(1)]))));
      const positions = results.flatMap((r) => r.events.map((e) => e.position));
      expect(new Set(positions).size).toBe(positions.length);
      for (const s of streams) {
        expect((await collect(store().readStream(s))).map((e) => e.version)).toEqual([0, 1, 2, 3, 4, 5]);
      }
    });
  });
}
