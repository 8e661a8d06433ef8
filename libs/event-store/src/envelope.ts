/**
 * The stored form of every fact. `hash` is SHA-256 over the RFC 8785 canonical JSON of the envelope
 * without `hash`; `prevHash` is the hash of the previous event of the same stream (null for the first),
 * so every stream is a hash chain and any change to a stored event is detectable.
 */
export interface EventMetadata {
  /** Groups every event caused by one request or process. */
  correlationId?: string;
  /** The id of the event or command that caused this one. */
  causationId?: string;
  /** Who recorded the fact (from the token, never from a body). */
  actorId?: string;
  /** When the fact happened in the world (ISO-8601). Defaults to recordedAt. */
  occurredAt: string;
  /** When the store learned it (ISO-8601), stamped by the store, never by the caller. */
  recordedAt: string;
  [key: string]: unknown;
}

export interface EventEnvelope<TData = unknown> {
  id: string;
  streamId: string;
  /** 0-based revision within the stream (EventStoreDB convention). */
  version: number;
  /** 1-based global position, gap-free on sqlite and postgres. */
  position: number;
  type: string;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  prevHash: string | null;
  hash: string;
}

/** What a caller hands to appendToStream. The store stamps version, position, recordedAt and hashes. */
export interface NewEvent<TData = unknown> {
  /** Client-chosen id makes retries safe: a re-append of stored ids writes nothing. Defaults to a UUIDv7. */
  id?: string;
  type: string;
  schemaVersion?: number;
  data: TData;
  metadata?: Partial<Omit<EventMetadata, 'recordedAt'>> & { [key: string]: unknown };
}

export type ExpectedVersion = number | 'no-stream' | 'exists' | 'any';

/**
 * The transaction an append runs in, handed to in-transaction work (inline projections, idempotency
 * records) so it commits or rolls back with the events. Adapter-specific on purpose: sqlite work is
 * synchronous on the writer connection; postgres work is async on the append's client.
 */
export type StoreTransaction =
  | { kind: 'sqlite'; db: import('better-sqlite3').Database }
  | { kind: 'postgres'; client: import('pg').PoolClient };

/** Runs inside the append's transaction after the events are inserted; a throw rolls the append back. */
export type InTransactionWork = (events: EventEnvelope[], tx: StoreTransaction) => void | Promise<void>;

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
  /** Per-append work in the same transaction (e.g. storing the Idempotency-Key response). */
  inTransaction?: InTransactionWork;
}

export interface AppendResult {
  streamId: string;
  /** Version of the last event of the stream after the append. */
  nextExpectedVersion: number;
  /** Global position of the last appended event (of the original append, for an idempotent repeat). */
  position: number;
  /** The stored envelopes of this append, in order. */
  events: EventEnvelope[];
}

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with position > after. 0 (default) reads from the start. */
  after?: number;
  limit?: number;
  /** Stream categories: the part of the stream id before the first '-' (e.g. 'contract'). */
  categories?: string[];
  types?: string[];
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: delivery starts with the first event whose position > after. */
  after?: number;
  categories?: string[];
  types?: string[];
}

/**
 * A catch-up subscription: an async iterable that reads history then hands over to live events, with
 * no gap and no duplicate. Back-pressure is natural: the next event is read only when the consumer asks.
 */
export interface Subscription extends AsyncIterable<EventEnvelope> {
  /** Stops the subscription; a pending iteration ends. */
  close(): Promise<void>;
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
