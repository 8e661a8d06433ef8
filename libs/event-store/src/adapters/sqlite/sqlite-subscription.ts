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
 * Wakers of subscribers waiting for new events, per database file: an append in this process wakes
 * every subscriber on the same file at once, whichever store instance it came through. Appends by
 * other processes are found by polling.
 */
const wakersByFile = new Map<string, Set<() => void>>();

export function wakeSubscribers(file: string): void {
  const wakers = wakersByFile.get(file);
  if (wakers) for (const wake of [...wakers]) wake();
}

function addWaker(file: string, wake: () => void): () => void {
  let set = wakersByFile.get(file);
  if (!set) wakersByFile.set(file, (set = new Set()));
  set.add(wake);
  return () => {
    set.delete(wake);
    if (set.size === 0 && wakersByFile.get(file) === set) wakersByFile.delete(file);
  };
}

/**
 * Catch-up then live over one loop: read a page after the checkpoint, hand its events out one per
 * pull, repeat; when a read finds nothing, wait for a wake-up or the poll timer. History and live
 * events come from the same query, so there is no hand-over gap and no duplicate. Only one page is
 * held at a time and the next is read only when the consumer pulls: back-pressure by construction.
 */
export class SqliteSubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | undefined;
  private iterator: AsyncGenerator<EventEnvelope> | undefined;

  constructor(
    private readonly readPage: PageReader,
    private after: number,
    private readonly file: string,
    private readonly pollIntervalMs: number,
    private readonly onClose: (s: SqliteSubscription) => void,
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
      const removeWaker = addWaker(this.file, done);
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wake = done;
    });
  }
}
