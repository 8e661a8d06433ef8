import { Client } from 'pg';
import { NOTIFY_CHANNEL } from './postgres-schema';

/**
 * Wakes live subscribers when any process commits an append (LISTEN on one dedicated connection per
 * store, opened on first need). Notifications are only a hint to read now: subscribers re-read by
 * position, and also poll on a timer, so a lost connection or a missed notification costs latency,
 * never an event.
 */
export class PgNotifier {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly connectionString: string) {}

  /** Changes whenever a notification arrives; read it before a read, pass it to `wait` after. */
  get current(): number {
    return this.generation;
  }

  /**
   * Resolves when a notification newer than `since` has arrived, after `timeoutMs` (the polling
   * fallback), or when `abort` settles.
   */
  async wait(since: number, timeoutMs: number, abort: Promise<void>): Promise<void> {
    if (this.closed) return;
    void this.listen();
    if (this.generation !== since) return;
    let wake: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, timeoutMs);
      this.waiters.add(resolve);
    });
    try {
      await Promise.race([woken, abort]);
    } finally {
      clearTimeout(timer);
      this.waiters.delete(wake);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    const client = this.client;
    this.client = null;
    await this.connecting?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString, application_name: 'covenant-listen' });
    const drop = () => {
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
    };
    // A broken listener is dropped and re-opened on the next wait; meanwhile the timer polls.
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => {
      this.generation++;
      this.wakeAll();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch {
      drop();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Events may have committed while we were not listening: wake everyone to re-read.
    this.generation++;
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}
