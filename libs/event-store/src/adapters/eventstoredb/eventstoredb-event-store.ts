/**
 * EventStoreDB / KurrentDB adapter: the only file that imports @eventstore/db-client.
 *
 * - `version` is the stream revision (0-based, as in the port).
 * - `position` is the event's $all commit position: unique and increasing along the log, NOT gap-free
 *   (it is a byte offset). `readAll({ after })`, `subscribeToAll({ after })` and `headPosition()` all
 *   speak in it, so a checkpoint taken from an envelope resumes exactly there. Events read from a
 *   stream carry it when the server reports it (0 otherwise, on older servers).
 * - Hashes exclude the position (unknown before the write): `computeEventHash(e, { includePosition:
 *   false })`. The chain (prevHash, hash) lives in the custom metadata next to our metadata.
 * - Appends chain to the stream's real last event, so they are sent with that exact revision; with
 *   'any'/'exists' a lost race is retried. Repeats are found among the stream's newest events (or where
 *   a named expected version puts them) and return the original; EventStoreDB has no global id index,
 *   so an id reused in another stream is not detected here.
 * - No transactions: in-transaction work throws UnsupportedOperationError. recordedAt is monotonic per
 *   process only (EventStoreDB's own `created` is the server-side stamp).
 */
import {
  BACKWARDS, END, EventStoreDBClient, FORWARDS, NO_STREAM, START, StreamNotFoundError, WrongExpectedVersionError as EsdbWrongExpectedVersion,
  eventTypeFilter, excludeSystemEvents, jsonEvent, streamNameFilter,
  type AllStreamResolvedEvent, type Filter, type JSONType, type Position, type ResolvedEvent,
} from '@eventstore/db-client';
import { type AppendOptions, type AppendResult, type EventEnvelope, type NewEvent, type ReadAllOptions, type ReadStreamOptions, type SubscribeOptions, type Subscription } from '../../envelope';
import { DuplicateEventIdError, UnsupportedOperationError, WrongExpectedVersionError } from '../../errors';
import type { EventStore } from '../../event-store.port';
import { RecordClock } from '../../record-clock';
import { prepareEvents, validateExpectedVersion, validateStreamId } from '../../validation';
import { anchoredAlternation, expectedFirstVersion, findRepeat, matches, positionNumber, resultOf, stampEvents, toEnvelope, versionMatches } from './eventstoredb-mapping';

export interface EventStoreDbEventStoreOptions {
  /** e.g. esdb://localhost:2113?tls=false */
  connectionString: string;
  /** Newest events of a stream searched for a repeated append (default 32). */
  idempotencyWindow?: number;
  /** Events per internal read page (default 500). */
  pageSize?: number;
}

const MAX_RACE_RETRIES = 50;
const at = (p: number): Position => ({ commit: BigInt(p), prepare: BigInt(p) });
const eventPosition = (r: ResolvedEvent | AllStreamResolvedEvent) => positionNumber(r.event?.position?.commit ?? r.commitPosition);

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  readonly supportsTransactions = false;
  private readonly client: EventStoreDBClient;
  private readonly clock = new RecordClock();
  private readonly window: number;
  private readonly pageSize: number;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.window = options.idempotencyWindow ?? 32;
    this.pageSize = options.pageSize ?? 500;
  }

  registerInTransaction(): void {
    throw new UnsupportedOperationError('EventStoreDB appends are not transactions that other work can join');
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    validateStreamId(streamId);
    const expected = options.expectedVersion === undefined ? 'any' : options.expectedVersion;
    validateExpectedVersion(expected);
    const prepared = prepareEvents(events);
    if (options.inTransaction) this.registerInTransaction();
    const ids = prepared.map((e) => e.id);
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const newest = await this.collectStream(streamId, { direction: 'backwards', limit: ids.length + this.window });
      const actual = newest[0]?.version ?? -1;
      const repeat = findRepeat(newest, ids) ?? (await this.repeatAt(streamId, expectedFirstVersion(expected), ids, actual));
      if (repeat) return resultOf(streamId, repeat);
      const reused = ids.find((id) => newest.some((e) => e.id === id));
      if (reused) throw new DuplicateEventIdError(reused);
      if (!versionMatches(expected, actual)) throw new WrongExpectedVersionError(streamId, expected, actual);
      const records = stampEvents(streamId, prepared, actual + 1, newest[0]?.hash ?? null, this.clock.stamp());
      try {
        const written = await this.client.appendToStream(
          streamId,
          records.map((r) => jsonEvent({ id: r.id, type: r.type, data: r.data as JSONType, metadata: { ...r.metadata } })),
          { expectedRevision: actual === -1 ? NO_STREAM : BigInt(actual) },
        );
        const stored = await this.collectStream(streamId, { fromVersion: actual + 1, limit: ids.length });
        const last = stored[stored.length - 1];
        if (last && last.position === 0) last.position = positionNumber(written.position?.commit) ?? 0;
        return resultOf(streamId, stored);
      } catch (error) {
        // Someone appended since we read: re-read, then repeat, refuse or (any/exists) try again.
        if (!(error instanceof EsdbWrongExpectedVersion)) throw error;
      }
    }
    throw new WrongExpectedVersionError(streamId, expected, await this.streamVersion(streamId));
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<EventEnvelope> {
    validateStreamId(streamId);
    const backwards = options.direction === 'backwards';
    const low = options.fromVersion ?? 0;
    const high = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let next: number | null = backwards ? (options.toVersion ?? null) : low;
    while (remaining > 0) {
      const maxCount = Math.min(this.pageSize, remaining);
      const from = next === null ? END : BigInt(next);
      let page = 0;
      try {
        for await (const r of this.client.readStream(streamId, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision: from, maxCount })) {
          page++;
          const e = r.event && toEnvelope(r.event, eventPosition(r));
          if (!e) continue;
          if (e.version < low || e.version > high) return;
          yield e;
          remaining--;
          next = backwards ? e.version - 1 : e.version + 1;
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return;
        throw error;
      }
      if (page < maxCount || (next !== null && next < 0)) return;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<EventEnvelope> {
    const after = options.after ?? 0;
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let from: Position | typeof START = after > 0 ? at(after) : START;
    let last = after;
    for (;;) {
      let page = 0;
      for await (const r of this.client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: this.pageSize })) {
        page++;
        const position = eventPosition(r);
        if (position === null || position <= last) continue; // readAll starts at `from` inclusive
        last = position;
        const e = r.event && toEnvelope(r.event, position);
        if (!e || !matches(e, options)) continue;
        yield e;
        if (--remaining <= 0) return;
      }
      if (page < this.pageSize) return;
      from = at(last);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const client = this.client;
    const fromPosition = options.after ? at(options.after) : START;
    const filter = subscriptionFilter(options);
    let closed = false;
    let source: ReturnType<EventStoreDBClient['subscribeToAll']> | null = null;
    async function* run(): AsyncGenerator<EventEnvelope> {
      if (closed) return;
      source = client.subscribeToAll({ fromPosition, filter });
      try {
        for await (const r of source) {
          if (closed) return;
          const e = r.event && toEnvelope(r.event, eventPosition(r));
          if (e && matches(e, options)) yield e;
        }
      } catch (error) {
        if (!closed) throw error; // unsubscribing cancels the call; that is the end, not a failure
      } finally {
        closed = true;
        await source.unsubscribe().catch(() => undefined);
      }
    }
    const iterator = run();
    return {
      [Symbol.asyncIterator]: () => iterator,
      // Unsubscribing ends the source, which ends a pending next() with done; a generator not yet
      // started sees `closed` on its first step.
      async close() {
        if (closed) return;
        closed = true;
        await source?.unsubscribe().catch(() => undefined);
      },
    };
  }

  async streamVersion(streamId: string): Promise<number> {
    validateStreamId(streamId);
    return (await this.collectStream(streamId, { direction: 'backwards', limit: 1 }))[0]?.version ?? -1;
  }

  async headPosition(): Promise<number> {
    for await (const r of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) return eventPosition(r) ?? 0;
    return 0;
  }

  async ping(): Promise<void> {
    await this.headPosition();
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async collectStream(streamId: string, options: ReadStreamOptions): Promise<EventEnvelope[]> {
    const out: EventEnvelope[] = [];
    for await (const e of this.readStream(streamId, options)) out.push(e);
    return out;
  }

  /** A repeat older than the window, where the caller's expected version says the original went. */
  private async repeatAt(streamId: string, first: number | null, ids: string[], actual: number): Promise<EventEnvelope[] | null> {
    if (first === null || first + ids.length - 1 > actual) return null;
    return findRepeat(await this.collectStream(streamId, { fromVersion: first, limit: ids.length }), ids);
  }
}

/** Server-side filtering where one filter can do it (the client takes one); `matches` finishes the job. */
function subscriptionFilter(o: SubscribeOptions): Filter {
  if (o.categories?.length) return streamNameFilter({ regex: anchoredAlternation(o.categories, '(?:-|$)') });
  if (o.types?.length) return eventTypeFilter({ regex: anchoredAlternation(o.types, '$') });
  return excludeSystemEvents();
}
