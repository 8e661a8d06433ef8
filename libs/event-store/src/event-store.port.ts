import type {
  AppendOptions,
  InTransactionWork,
  AppendResult,
  EventEnvelope,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from './envelope';

/** The one port every store adapter implements; the conformance suite holds them all to it. */
export interface EventStore {
  readonly kind: 'sqlite' | 'postgres' | 'eventstoredb' | 'memory';

  /** Whether appends are transactions that in-transaction work can join (false on EventStoreDB). */
  readonly supportsTransactions: boolean;

  /**
   * Registers work run inside every append's transaction, after the per-append `inTransaction`
   * (inline projections). Throws UnsupportedOperationError where there are no transactions.
   */
  registerInTransaction(work: InTransactionWork): void;

  /**
   * Appends atomically (all or nothing). Throws WrongExpectedVersionError on a version mismatch and
   * InvalidEventError on bad input; either way nothing is written. Re-appending events whose ids are
   * already stored (same stream, same ids, same order) returns the original result and writes nothing.
   */
  appendToStream(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<EventEnvelope>;

  readAll(options?: ReadAllOptions): AsyncIterable<EventEnvelope>;

  subscribeToAll(options?: SubscribeOptions): Subscription;

  /** Current version of a stream, or -1 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;

  /** Position of the last committed event (0 when empty); subscribers never see beyond it. */
  headPosition(): Promise<number>;

  /** Store readiness for /health. */
  ping(): Promise<void>;

  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
