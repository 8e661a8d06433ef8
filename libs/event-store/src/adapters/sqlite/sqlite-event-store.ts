import { resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type {
  AppendOptions,
  AppendResult,
  EventEnvelope,
  InTransactionWork,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../../envelope';
import { WrongExpectedVersionError } from '../../errors';
import type { EventStore } from '../../event-store.port';
import { RecordClock } from '../../record-clock';
import { prepareEvents, validateExpectedVersion, validateStreamId, type PreparedEvent } from '../../validation';
import { appendInTransaction, idempotentResult, isUniqueViolation, runWork, VersionConflict } from './sqlite-append';
import { validateReadAll, validateReadStream } from './read-options';
import { readAllPages, readStreamPages, subscriptionPage } from './sqlite-reads';
import { filterShape, prepareStatements, type SqliteStatements } from './sqlite-rows';
import { applyPragmas, createSchema, type SqliteSynchronous } from './sqlite-schema';
import { PagedSubscription, wakeSubscribers } from './paged-subscription';
import { WalCheckpointer } from './wal-checkpointer';
import { GroupCommit, type GroupOutcome, type PendingAppend } from './group-commit';
import { LogHeadCache } from './log-head-cache';

export interface SqliteEventStoreOptions {
  /** Database file; created with its schema when missing. Ignored when `db` is given. */
  file?: string;
  /** An open connection to share (inline projections write their read models in the append's transaction). */
  db?: Database;
  /** NORMAL (default) or FULL (survives power loss). */
  synchronous?: SqliteSynchronous;
  clock?: () => Date;
  /** How often a waiting subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
}

/** The embedded default store: one SQLite file, WAL, a single writer connection. */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  readonly supportsTransactions = true;
  readonly db: Database;
  private readonly ownsDb: boolean;
  private readonly statements: SqliteStatements;
  private readonly clock: RecordClock;
  private readonly works: InTransactionWork[] = [];
  private readonly subscriptions = new Set<PagedSubscription>();
  private readonly pollIntervalMs: number;
  /** Subscribers on the same file in this process are woken by name, whichever store appended. */
  private readonly logKey: string;
  private readonly group: GroupCommit;
  private readonly heads: LogHeadCache;
  /** Only on a file the store opened itself: a lent connection's pragmas are its owner's. */
  private readonly checkpointer: WalCheckpointer | undefined;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    if (!options.db && !options.file) throw new Error('SqliteEventStore needs a file or a db');
    this.ownsDb = !options.db;
    this.db = options.db ?? new BetterSqlite3(options.file as string);
    applyPragmas(this.db, options.synchronous ?? (this.ownsDb ? 'NORMAL' : undefined));
    createSchema(this.db);
    this.statements = prepareStatements(this.db);
    this.clock = new RecordClock(options.clock);
    this.clock.observe((this.statements.head.get() as { recorded_at: string } | undefined)?.recorded_at);
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.logKey = this.db.memory ? `memory:${this.db.name}` : resolve(this.db.name);
    if (this.ownsDb && !this.db.memory) this.checkpointer = new WalCheckpointer(this.db, options.synchronous ?? 'NORMAL');
    this.heads = LogHeadCache.of(this.db);
    const tx = { kind: 'sqlite' as const, db: this.db };
    const ctx = { statements: this.statements, clock: this.clock, heads: this.heads };
    // Each append in a savepoint of its own (a nested better-sqlite3 transaction), so a conflict rolls
    // back only that append and the rest of the group still commits.
    const appendOne = this.db.transaction((streamId: string, prepared: PreparedEvent[], data: unknown[], options: AppendOptions) => {
      const result = appendInTransaction(ctx, streamId, prepared, data, options.expectedVersion === undefined ? 'any' : options.expectedVersion);
      if (options.inTransaction) runWork(options.inTransaction, result.events, tx);
      for (const work of this.works) runWork(work, result.events, tx);
      return result;
    });
    // IMMEDIATE takes the write lock before reading the head, so another process cannot slip in
    // between the expected-version check and the insert (and WAL never reports a stale snapshot).
    const commitGroup = this.db.transaction((batch: PendingAppend[]): GroupOutcome[] => {
      this.heads.beginGroup();
      return batch.map((pending) => {
        try {
          const result = appendOne(pending.streamId, pending.prepared, pending.data, pending.options);
          this.heads.appended(result);
          return { pending, result };
        } catch (error) {
          return { pending, error };
        }
      });
    }).immediate;
    this.group = new GroupCommit(
      (batch) => {
        try {
          return commitGroup(batch);
        } catch (error) {
          this.heads.abandoned();
          throw error;
        }
      },
      (outcome) => this.settle(outcome),
      (batch) => {
        this.heads.committed();
        this.checkpointer?.committed(batch.reduce((bytes, p) => bytes + rowBytes(p.prepared), 0));
        wakeSubscribers(this.logKey);
      },
    );
  }

  registerInTransaction(work: InTransactionWork): void {
    this.works.push(work);
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    validateStreamId(streamId);
    const expected = options.expectedVersion === undefined ? 'any' : options.expectedVersion;
    validateExpectedVersion(expected);
    const prepared = prepareEvents(events);
    this.assertOpen();
    return new Promise<AppendResult>((resolve, reject) => {
      this.group.enqueue({ streamId, prepared, data: events.map((e) => e.data), options: { ...options, expectedVersion: expected }, resolve, reject });
    });
  }

  /** An append's answer once its group committed: its result, or its error as the port defines it. */
  private settle({ pending, result, error }: GroupOutcome): void {
    if (result) return pending.resolve(result);
    const { streamId, prepared } = pending;
    if (error instanceof VersionConflict || isUniqueViolation(error)) {
      const repeat = idempotentResult(this.statements, streamId, prepared);
      if (repeat) return pending.resolve(repeat);
      if (error instanceof VersionConflict) return pending.reject(new WrongExpectedVersionError(streamId, pending.options.expectedVersion ?? 'any', error.actual));
    }
    pending.reject(error);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<EventEnvelope> {
    validateStreamId(streamId);
    validateReadStream(options);
    return readStreamPages(this.statements, streamId, options, () => this.assertOpen());
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<EventEnvelope> {
    validateReadAll(options);
    return readAllPages(this.statements, options, () => this.assertOpen());
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    validateReadAll(options);
    this.assertOpen();
    const shape = filterShape(options.categories, options.types);
    const page = (after: number) => subscriptionPage(this.statements, shape, after, options);
    const sub = new PagedSubscription(page, options.after ?? 0, this.logKey, this.pollIntervalMs, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(sub);
    return sub;
  }

  async streamVersion(streamId: string): Promise<number> {
    validateStreamId(streamId);
    this.assertOpen();
    return this.heads.streamVersion(streamId, () => this.statements.streamVersion.get(streamId) as number | undefined);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.statements.headPosition.get() as number;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  /** Ends every subscription, then closes the connection unless it was lent to the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.group.flush();
    for (const sub of [...this.subscriptions]) await sub.close();
    this.closed = true;
    await this.checkpointer?.close();
    if (this.ownsDb) this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteEventStore is closed');
  }
}

/** About what an append's rows take: the data text plus metadata, the other columns and index entries. */
function rowBytes(prepared: readonly PreparedEvent[]): number {
  let bytes = 0;
  for (const p of prepared) bytes += p.dataJson.length + 640;
  return bytes;
}
