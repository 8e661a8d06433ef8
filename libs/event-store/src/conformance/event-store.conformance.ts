import type { EventStore } from '../event-store.port';
import { appendConformance } from './append.conformance';
import { concurrencyConformance } from './concurrency.conformance';
import type { ConformanceContext, ConformanceOptions } from './conformance-helpers';
import { integrityConformance } from './integrity.conformance';
import { readConformance } from './read.conformance';
import { subscriptionConformance } from './subscription.conformance';
import { validationConformance } from './validation.conformance';

export type { ConformanceOptions } from './conformance-helpers';

export type EventStoreFactory = () => Promise<{ store: EventStore; cleanup?: () => Promise<void> }>;

/**
 * The one behavioural contract of the EventStore port. Every adapter's test file calls this with a
 * factory; the suite uses only the port, so a store that passes it can replace any other.
 *
 * The factory runs once (beforeAll); the suite closes the store and then runs `cleanup` (afterAll).
 * Every test writes to fresh uuidv7 stream ids and fresh categories, so the suite may share a
 * database with other tests. It is a plain module, not a test file: it only registers tests.
 */
export function runEventStoreConformance(name: string, factory: EventStoreFactory, options: ConformanceOptions = {}): void {
  const heavy = options.heavy ?? true;
  const resolved: Required<ConformanceOptions> = {
    heavy,
    raceRounds: options.raceRounds ?? (heavy ? 1000 : 100),
    hashIncludesPosition: options.hashIncludesPosition ?? true,
    gaplessPositions: options.gaplessPositions ?? true,
    globalEventIds: options.globalEventIds ?? true,
    deliveryTimeoutMs: options.deliveryTimeoutMs ?? 10_000,
  };

  describe(`EventStore conformance: ${name}`, () => {
    let store: EventStore | undefined;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, cleanup } = await factory());
    });

    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    const ctx: ConformanceContext = {
      store: () => {
        if (!store) throw new Error('the store factory did not run or failed');
        return store;
      },
      options: resolved,
    };

    it('answers ping and reports a head position', async () => {
      await expect(ctx.store().ping()).resolves.toBeUndefined();
      expect(await ctx.store().headPosition()).toBeGreaterThanOrEqual(0);
    });

    appendConformance(ctx);
    concurrencyConformance(ctx);
    readConformance(ctx);
    subscriptionConformance(ctx);
    integrityConformance(ctx);
    validationConformance(ctx);
  });
}
