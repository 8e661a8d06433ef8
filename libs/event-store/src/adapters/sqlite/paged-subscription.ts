import type { EventEnvelope, Subscription } from '../../envelope';

/**
 * A page of the log: the matching events with after < position <= scannedTo. `scannedTo` is the
 * head the page was cut at when the page is not full, so a filter that matches nothing still moves
 * the cursor and the next poll does not rescan the same rows.
 */
export interface LogPage {
  events: EventEnvelope[];
  scannedTo: number;
}

export type PageReader = (after: number) => LogPage;

/**
 * Wakers of subscribers waiting for new events, per log (the database file for SQLite): an append in
 * this process wakes every subscriber on the same file at once, whichever store instance it came
 * through. Appends by other processes are found by polling.
 */
const wakersByLog = new Map<string, Set<() => void>>();

export function wakeSubscribers(logKey: string): void {
  const wakers = wakersByLog.get(logKey);
  if (wakers) for (const wake of [...wakers]) wake();
}

function addWaker(logKey: string, wake: () => void): () => void {
  let set = wakersByLog.get(logKey);
  if (!set) wakersByLog.set(logKey, (set = new Set()));
  set.add(wake);
  return () => {
    set.delete(wake);
    if (set.size === 0 && wakersByLog.get(logKey) === set) wakersByLog.delete(logKey);
  };
}

/**
 * A store-neutral catch-up subscription over any synchronous page reader (SQLite, memory).
 * Catch-up then live over one loop: read a page after the checkpoint, hand its events out one per
 * pull, repeat; when a read finds nothing, wait for a wake-up or the poll timer. History and live
 * events come from the same query, so there is no hand-over gap and no duplicate. Only one page is
 * held at a time and the next is read only when the consumer pulls: back-pressure by construction.
 */
export class PagedSubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | undefined;
  private iterator: AsyncGenerator<EventEnvelope> | undefined;

  constructor(
    private readonly readPage: PageReader,
    private after: number,
    private readonly logKey: string,
    private readonly pollIntervalMs: number,
    private readonly onClose: (s: PagedSubscription) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncGenerator<EventEnvelope> {
    this.iterator ??= this.run();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.onClose(this);
  }

  private async *run(): AsyncGenerator<EventEnvelope> {
    try {
      while (!this.closed) {
        const page = this.readPage(this.after);
        for (const event of page.events) {
          this.after = event.position;
          yield event;
          if (this.closed) return;
        }
        if (page.scannedTo > this.after) this.after = page.scannedTo;
        if (page.events.length === 0) await this.waitForAppend();
      }
    } finally {
      // A consumer that leaves a for-await loop (break, throw) ends the subscription too.
      await this.close();
    }
  }

  private waitForAppend(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.closed) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        removeWaker();
        this.wake = undefined;
        resolve();
      };
      const removeWaker = addWaker(this.logKey, done);
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wake = done;
    });
  }
}
