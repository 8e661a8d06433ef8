import type { EventEnvelope, Subscription } from '@covenant/event-store';
import { readRow, setPosition } from './catalog';
import type { OpGenerator } from './executors';
import type { Projection } from './projection';
import type { Projector } from './projector';

type Outcome = { kind: 'applied'; position: number } | { kind: 'restart' };

/**
 * Follows the log for one projection from its stored checkpoint. Each batch and the checkpoint commit
 * in one transaction that first re-reads the checkpoint (locked on PostgreSQL), so every event takes
 * effect exactly once even with two runners or after a crash; a checkpoint that moved backwards (a
 * rebuild was swapped in) restarts the subscription from there.
 */
export class AsyncRunner {
  private subscription: Subscription | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;
  lastError: Error | null = null;
  lastCommitted = 0;

  constructor(
    private readonly projector: Projector,
    readonly projection: Projection,
    private readonly maxBatch = 500,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
      } catch (error) {
        this.lastError = error as Error;
        await this.subscription?.close().catch(() => undefined);
        if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async follow(): Promise<void> {
    const row = (await this.projector.catalog()).find((r) => r.name === this.projection.name);
    if (!row || row.version !== this.projection.version) {
      // Not built for this version yet (a rebuild is running): look again shortly.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return;
    }
    this.lastCommitted = Number(row.position);
    const subscription = this.projector.store.subscribeToAll({ after: this.lastCommitted });
    this.subscription = subscription;
    for await (const batch of batches(subscription, this.maxBatch)) {
      if (this.stopped) break;
      const outcome = await this.projector.db.transact(() => this.applyBatch(batch));
      if (outcome.kind === 'restart') break;
      this.lastCommitted = outcome.position;
      this.lastError = null;
    }
    await subscription.close();
  }

  private *applyBatch(events: EventEnvelope[]): OpGenerator<Outcome> {
    const row = yield* readRow(this.projection.name, this.projector.db.dialect);
    if (!row || row.version !== this.projection.version) return { kind: 'restart' };
    const position = Number(row.position);
    if (position < this.lastCommitted) return { kind: 'restart' };
    const last = events[events.length - 1].position;
    if (last <= position) return { kind: 'applied', position };
    yield* this.projector.dispatcher.apply(events, new Set([this.projection]), new Map([[this.projection.name, position]]), this.projector.canonicalReads);
    yield* setPosition([this.projection.name], last, this.projector.timestamp());
    return { kind: 'applied', position: last };
  }
}

const IDLE = Symbol('idle');

/**
 * Groups a subscription into batches: as many events as are ready now (up to `max`), so catch-up
 * commits thousands per transaction while a live event is applied as soon as it arrives.
 */
export async function* batches(subscription: AsyncIterable<EventEnvelope>, max: number): AsyncGenerator<EventEnvelope[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<EventEnvelope>> | null = null;
  for (;;) {
    const first = await (pending ?? iterator.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
    while (batch.length < max) {
      pending = iterator.next();
      const next = await Promise.race([pending, new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)))]);
      if (next === IDLE) break;
      pending = null;
      if (next.done) {
        yield batch;
        return;
      }
      batch.push(next.value);
    }
    yield batch;
  }
}
