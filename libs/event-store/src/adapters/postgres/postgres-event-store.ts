/**
 * PostgreSQL adapter of the EventStore port, for several API/projector processes on one database.
 *
 * The skipped-event problem: a subscriber that reads `position > checkpoint` must never miss an event
 * that commits late with a lower position than one it has already seen (what happens with a sequence
 * or identity column: positions are handed out at insert time, commits land in any order). Here every
 * append takes one transaction-scoped advisory lock (`pg_advisory_xact_lock`, released only when the
 * transaction ends) and only then reads the head position and assigns the next ones. PostgreSQL makes a
 * transaction visible before it releases its locks, so the next append cannot even read the head until
 * the previous one is visible: commit order equals position order, positions are gap-free (a rolled
 * back append never consumed any), and a reader that sees position p also sees every position below p.
 * The price is one append at a time per database: the lock is held for three round trips (lock and
 * state read, one INSERT for the whole batch, NOTIFY and COMMIT) plus any in-transaction work, so
 * inline projections should stay cheap. Proven by postgres-concurrency.int-spec.ts.
 *
 * Subscribers therefore only need "read after the last delivered position", woken by LISTEN/NOTIFY
 * (sent in the committing transaction, so delivered after the commit) with a polling fallback.
 */
import { Pool } from 'pg';
import { createPgPool } from './pg-pool';
import type { AppendOptions, AppendResult, EventEnvelope, InTransactionWork, NewEvent, ReadAllOptions, ReadStreamOptions, SubscribeOptions, Subscription } from '../../envelope';
import type { EventStore } from '../../event-store.port';
import { RecordClock } from '../../record-clock';
import { prepareEvents, validateExpectedVersion, validateStreamId } from '../../validation';
import { appendInTransaction } from './postgres-append';
import { PgNotifier } from './postgres-notifier';
import { EVENT_COLUMNS, createSchema, rowToEnvelope, type EventRow } from './postgres-schema';
import { PgSubscription, type AllFilter } from './postgres-subscription';

const MAX_VERSION = 2 ** 31 - 1; // the version column is an integer

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Rows per internal read page (default 500): memory stays flat however long the log. */
  pageSize?: number;
  /** Live subscribers re-read at least this often even without a notification (default 500 ms). */
  pollIntervalMs?: number;
  /** The clock recordedAt comes from (tests pin it). */
  now?: () => Date;
}

export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  readonly supportsTransactions = true;

  private readonly pool: Pool;
  private readonly notifier: PgNotifier;
  private readonly clock: RecordClock;
  private readonly registered: InTransactionWork[] = [];
  private readonly subscriptions = new Set<PgSubscription>();
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private schema: Promise<void> | null = null;
  private closed = false;

  constructor(options: PostgresEventStoreOptions) {
    this.pool = createPgPool({ connectionString: options.connectionString, max: options.maxConnections ?? 10, application_name: 'covenant' });
    this.notifier = new PgNotifier(options.connectionString);
    this.clock = new RecordClock(options.now);
    this.pageSize = options.pageSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  registerInTransaction(work: InTransactionWork): void {
    this.registered.push(work);
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    validateStreamId(streamId);
    // Only an absent expected version means 'any'; null is bad input like any other non-version.
    const expected = options.expectedVersion === undefined ? 'any' : options.expectedVersion;
    validateExpectedVersion(expected);
    const prepared = prepareEvents(events);
    await this.ready();
    const work = options.inTransaction ? [options.inTransaction, ...this.registered] : this.registered;
    return appendInTransaction(this.pool, { streamId, events: prepared, expected, clock: this.clock, work });
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<EventEnvelope> {
    validateStreamId(streamId);
    await this.ready();
    const backwards = options.direction === 'backwards';
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    // [fromVersion, toVersion] is an inclusive range whatever the direction; backwards walks it from
    // the top, so a limit keeps the newest events.
    let low = options.fromVersion ?? 0;
    let high = options.toVersion ?? MAX_VERSION;
    const sql = `SELECT ${EVENT_COLUMNS} FROM covenant_events WHERE stream_id = $1 AND version >= $2 AND version <= $3 ORDER BY version ${backwards ? 'DESC' : 'ASC'} LIMIT $4`;
    while (remaining > 0 && low <= high) {
      const limit = Math.min(this.pageSize, remaining);
      const { rows } = await this.pool.query<EventRow>(sql, [streamId, low, high, limit]);
      for (const row of rows) yield rowToEnvelope(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      if (backwards) high = rows[rows.length - 1].version - 1;
      else low = rows[rows.length - 1].version + 1;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<EventEnvelope> {
    await this.ready();
    let after = options.after ?? 0;
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const page = await this.readPage(after, Math.min(this.pageSize, remaining), options);
      for (const event of page) yield event;
      if (page.length < Math.min(this.pageSize, remaining)) return;
      remaining -= page.length;
      after = page[page.length - 1].position;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription = new PgSubscription(
      {
        readPage: async (after, limit, filter) => {
          await this.ready();
          return this.readPage(after, limit, filter);
        },
        notifier: this.notifier,
        pageSize: this.pageSize,
        pollIntervalMs: this.pollIntervalMs,
        onEnd: (s) => this.subscriptions.delete(s),
      },
      options.after ?? 0,
      { categories: options.categories, types: options.types },
    );
    if (this.closed) void subscription.close();
    else this.subscriptions.add(subscription);
    return subscription;
  }

  async streamVersion(streamId: string): Promise<number> {
    validateStreamId(streamId);
    await this.ready();
    const { rows } = await this.pool.query<{ v: number | null }>('SELECT max(version) AS v FROM covenant_events WHERE stream_id = $1', [streamId]);
    return rows[0].v ?? -1;
  }

  async headPosition(): Promise<number> {
    await this.ready();
    const { rows } = await this.pool.query<{ p: string | null }>('SELECT max(position) AS p FROM covenant_events');
    return Number(rows[0].p ?? 0);
  }

  async ping(): Promise<void> {
    await this.ready();
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.notifier.close();
    await this.pool.end();
  }

  /** The schema is created once per store, on first use (safe when several processes start at once). */
  private ready(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('PostgresEventStore is closed'));
    this.schema ??= createSchema(this.pool).catch((error: unknown) => {
      this.schema = null;
      throw error;
    });
    return this.schema;
  }

  private async readPage(after: number, limit: number, filter: AllFilter): Promise<EventEnvelope[]> {
    const where = ['position > $1'];
    const values: unknown[] = [after, limit];
    if (filter.categories?.length) where.push(`category = ANY($${values.push(filter.categories)}::text[])`);
    if (filter.types?.length) where.push(`type = ANY($${values.push(filter.types)}::text[])`);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM covenant_events WHERE ${where.join(' AND ')} ORDER BY position LIMIT $2`,
      values,
    );
    return rows.map(rowToEnvelope);
  }
}
