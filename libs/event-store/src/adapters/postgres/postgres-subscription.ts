import type { EventEnvelope, Subscription } from '../../envelope';
import type { PgNotifier } from './postgres-notifier';

export interface AllFilter {
  categories?: string[];
  types?: string[];
}

/** Reads up to `limit` events with position > after matching the filter, in position order. */
export type PageReader = (after: number, limit: number, filter: AllFilter) => Promise<EventEnvelope[]>;

export interface SubscriptionDeps {
  readPage: PageReader;
  notifier: PgNotifier;
  pageSize: number;
  pollIntervalMs: number;
  onEnd: (s: PgSubscription) => void;
}

/**
 * Catch-up then live, by one loop: read the next page after the last delivered position; when a page
 * comes back short the subscriber is live and waits for a notification or the poll timer. Because
 * appends commit in position order (see postgres-event-store.ts), "position > last delivered" never
 * skips a late commit, and never repeats one. The next page is read only when the consumer has pulled
 * the previous one through, which is the back-pressure.
 */
export class PgSubscription implements Subscription {
  private closed = false;
  private signalClosed: () => void = () => undefined;
  private readonly closedSignal = new Promise<void>((resolve) => {
    this.signalClosed = resolve;
  });
  private iterator: AsyncGenerator<EventEnvelope> | null = null;

  constructor(
    private readonly deps: SubscriptionDeps,
    private readonly after: number,
    private readonly filter: AllFilter,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<EventEnvelope> {
    this.iterator ??= this.run();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed();
    this.deps.onEnd(this);
  }

  private async *run(): AsyncGenerator<EventEnvelope> {
    const { readPage, notifier, pageSize, pollIntervalMs } = this.deps;
    let after = this.after;
    try {
      while (!this.closed) {
        const seen = notifier.current;
        let page: EventEnvelope[];
        try {
          page = await readPage(after, pageSize, this.filter);
        } catch (error) {
          if (this.closed) return; // the store closed under us: end quietly, as close() promises
          throw error;
        }
        for (const event of page) {
          if (this.closed) return;
          yield event;
          after = event.position;
        }
        if (page.length < pageSize && !this.closed) {
          await notifier.wait(seen, pollIntervalMs, this.closedSignal);
        }
      }
    } finally {
      await this.close();
    }
  }
}
