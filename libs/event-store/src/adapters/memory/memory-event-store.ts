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
import { categoryOf } from '../../envelope';
import { UnsupportedOperationError, WrongExpectedVersionError } from '../../errors';
import type { EventStore } from '../../event-store.port';
import { hashParts } from '../../integrity/event-hash';
import { RecordClock } from '../../record-clock';
import { finishMetadata, prepareEvents, validateExpectedVersion, validateStreamId } from '../../validation';
import { PagedSubscription, wakeSubscribers, type LogPage } from '../sqlite/paged-subscription';
import { validateReadAll, validateReadStream } from '../sqlite/read-options';
import { expectedVersionMatches, matches, rowToEnvelope, storedRepeat, type MemoryRow } from './memory-log';

const PAGE_SIZE = 500;
let instances = 0;

/**
 * The EventStore for unit tests of other libraries: same semantics as the real stores (it passes the
 * conformance suite) without a file. There are no transactions, so in-transaction work is refused
 * loudly rather than run outside one.
 */
export class MemoryEventStore implements EventStore {
  readonly kind = 'memory' as const;
  readonly supportsTransactions = false;
  private readonly log: MemoryRow[] = [];
  private readonly streams = new Map<string, MemoryRow[]>();
  private readonly byId = new Map<string, MemoryRow>();
  private readonly clock: RecordClock;
  private readonly logKey = `memory-store:${++instances}`;
  private readonly subscriptions = new Set<PagedSubscription>();
  private closed = false;

  constructor(options: { clock?: () => Date } = {}) {
    this.clock = new RecordClock(options.clock);
  }

  registerInTransaction(_work: InTransactionWork): void {
    throw new UnsupportedOperationError('The memory event store has no transactions to run work in');
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    validateStreamId(streamId);
    const expected = options.expectedVersion === undefined ? 'any' : options.expectedVersion;
    validateExpectedVersion(expected);
    const prepared = prepareEvents(events);
    if (options.inTransaction) throw new UnsupportedOperationError('The memory event store has no transactions: inTransaction is not supported');
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    const repeat = storedRepeat(this.byId, streamId, prepared);
    if (repeat) return this.result(streamId, repeat);
    if (!expectedVersionMatches(expected, current)) throw new WrongExpectedVersionError(streamId, expected, current);

    const recordedAt = this.clock.stamp();
    const category = categoryOf(streamId);
    let prevHash = current >= 0 ? stream[current].hash : null;
    const rows = prepared.map((p, i): MemoryRow => {
      const version = current + 1 + i;
      const position = this.log.length + 1 + i;
      const metadataJson = finishMetadata(p.metadata, recordedAt).json;
      const common = { id: p.id, streamId, version, position, type: p.type, schemaVersion: p.schemaVersion, dataJson: p.dataJson, metadataJson, prevHash };
      const hash = hashParts({ ...common, position });
      prevHash = hash;
      return { ...common, category, hash };
    });
    // Everything above may throw; nothing below can, so the append is all or nothing.
    for (const r of rows) {
      this.log.push(r);
      stream.push(r);
      this.byId.set(r.id, r);
    }
    this.streams.set(streamId, stream);
    wakeSubscribers(this.logKey);
    return this.result(streamId, rows);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<EventEnvelope> {
    validateStreamId(streamId);
    validateReadStream(options);
    return this.streamRows(streamId, options);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<EventEnvelope> {
    validateReadAll(options);
    return this.logRows(options);
  }

  private async *streamRows(streamId: string, options: ReadStreamOptions): AsyncGenerator<EventEnvelope> {
    const stream = this.streams.get(streamId) ?? [];
    const from = options.fromVersion ?? 0;
    const to = Math.min(options.toVersion ?? Number.MAX_SAFE_INTEGER, stream.length - 1);
    const count = Math.min(Math.max(to - from + 1, 0), options.limit ?? Number.POSITIVE_INFINITY);
    for (let i = 0; i < count; i++) {
      this.assertOpen();
      yield rowToEnvelope(stream[options.direction === 'backwards' ? to - i : from + i]);
    }
  }

  private async *logRows(options: ReadAllOptions): AsyncGenerator<EventEnvelope> {
    const upTo = this.log.length;
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    for (let p = (options.after ?? 0) + 1; p <= upTo && remaining > 0; p++) {
      this.assertOpen();
      const r = this.log[p - 1];
      if (!matches(r, options.categories, options.types)) continue;
      remaining--;
      yield rowToEnvelope(r);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    validateReadAll(options);
    this.assertOpen();
    const page = (after: number): LogPage => {
      const head = this.log.length;
      const events: EventEnvelope[] = [];
      let p = after + 1;
      for (; p <= head && events.length < PAGE_SIZE; p++) {
        const r = this.log[p - 1];
        if (matches(r, options.categories, options.types)) events.push(rowToEnvelope(r));
      }
      return { events, scannedTo: p - 1 };
    };
    // Every append wakes subscribers directly, so the poll is only a safety net.
    const sub = new PagedSubscription(page, options.after ?? 0, this.logKey, 1000, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(sub);
    return sub;
  }

  async streamVersion(streamId: string): Promise<number> {
    validateStreamId(streamId);
    return (this.streams.get(streamId)?.length ?? 0) - 1;
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    for (const sub of [...this.subscriptions]) await sub.close();
    this.closed = true;
  }

  private result(streamId: string, rows: MemoryRow[]): AppendResult {
    const last = rows[rows.length - 1];
    return { streamId, nextExpectedVersion: last.version, position: last.position, events: rows.map(rowToEnvelope) };
  }

  private assertOpen(): void {
    if (this.closed) throw new UnsupportedOperationError('The memory event store is closed');
  }
}
