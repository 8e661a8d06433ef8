import {
  AppendResult,
  EventEnvelope,
  EventStore,
  InTransactionWork,
  UpcasterRegistry,
  WrongExpectedVersionError,
} from '@covenant/event-store';
import { CommandMetadata, Decider, DomainEventLike } from './decider';
import { StateCache } from './state-cache';

export interface LoadedStream<S> {
  state: S;
  /** -1 when the stream does not exist. */
  version: number;
}

export interface ExecuteOptions<C, S, E extends DomainEventLike, Ctx> {
  store: EventStore;
  decider: Decider<C, S, E, Ctx>;
  streamId: string;
  command: C;
  metadata: CommandMetadata;
  /** Loads what decide needs from other streams, given this stream's state. */
  context: (state: S) => Ctx | Promise<Ctx>;
  /** From If-Match: a mismatch is a conflict. Without it the handler reloads and retries once. */
  expectedVersion?: number;
  /** Deterministic event ids (e.g. derived from an idempotency key) make retries safe. */
  eventIds?: (index: number) => string | undefined;
  inTransaction?: InTransactionWork;
  cache?: StateCache<S>;
  upcasters?: UpcasterRegistry;
}

export interface ExecuteResult<E> {
  streamId: string;
  /** Stream version after the command (unchanged when the decider emitted nothing). */
  version: number;
  events: E[];
  envelopes: EventEnvelope[];
  position: number | null;
}

/** Folds a stream (or its cached snapshot plus tail) through evolve. */
export async function loadStream<S, E extends DomainEventLike>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<unknown, S, E, unknown>, 'initialState' | 'evolve'>,
  cache?: StateCache<S>,
  upcasters?: UpcasterRegistry,
): Promise<LoadedStream<S>> {
  let cached = cache?.get(streamId);
  if (cached) {
    // Usually nothing was appended since: asking the stream's version is one index probe, much
    // cheaper than an (empty) tail read. A version behind the cache means another log: start over.
    const current = await store.streamVersion(streamId);
    if (current === cached.version) return { state: cached.state, version: cached.version };
    if (current < cached.version) {
      cache?.invalidate(streamId);
      cached = undefined;
    }
  }
  let state = cached?.state ?? decider.initialState;
  let version = cached?.version ?? -1;
  for await (const env of store.readStream(streamId, { fromVersion: version + 1 })) {
    state = decider.evolve(state, toDomainEvent<E>(env, upcasters));
    version = env.version;
  }
  if (cache && version >= 0) cache.set(streamId, version, state);
  return { state, version };
}

export function toDomainEvent<E extends DomainEventLike>(env: EventEnvelope, upcasters?: UpcasterRegistry): E {
  const stored = { type: env.type, schemaVersion: env.schemaVersion, data: env.data };
  const current = upcasters ? upcasters.upcast(stored) : stored;
  return { ...current, occurredAt: env.metadata.occurredAt } as E;
}

/**
 * The one load-decide-append used by every command handler: load the stream, let the pure decider
 * decide, append with the version it read (never a blind write). With an explicit expected version a
 * conflict surfaces as WrongExpectedVersionError (409); without one the command is re-decided once on
 * fresh state, which is correct because decide is pure and saw nothing stale.
 */
export async function executeCommand<C, S, E extends DomainEventLike, Ctx>(opts: ExecuteOptions<C, S, E, Ctx>): Promise<ExecuteResult<E>> {
  const attempts = opts.expectedVersion === undefined ? 2 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(opts);
    } catch (err) {
      if (!(err instanceof WrongExpectedVersionError) || attempt >= attempts) throw err;
      opts.cache?.invalidate(opts.streamId);
    }
  }
}

async function attemptOnce<C, S, E extends DomainEventLike, Ctx>(opts: ExecuteOptions<C, S, E, Ctx>): Promise<ExecuteResult<E>> {
  const { store, decider, streamId, metadata } = opts;
  const loaded = await loadStream(store, streamId, decider, opts.cache, opts.upcasters);
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== loaded.version) {
    throw new WrongExpectedVersionError(streamId, opts.expectedVersion, loaded.version);
  }
  const context = await opts.context(loaded.state);
  const events = decider.decide(opts.command, loaded.state, context);
  if (events.length === 0) return { streamId, version: loaded.version, events, envelopes: [], position: null };
  const result: AppendResult = await store.appendToStream(
    streamId,
    events.map((e, i) => ({
      id: opts.eventIds?.(i),
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: {
        correlationId: metadata.correlationId,
        causationId: metadata.causationId,
        actorId: metadata.actorId,
        occurredAt: e.occurredAt ?? metadata.occurredAt,
      },
    })),
    { expectedVersion: loaded.version === -1 ? 'no-stream' : loaded.version, inTransaction: opts.inTransaction },
  );
  if (opts.cache) {
    let state = loaded.state;
    for (const env of result.events) state = decider.evolve(state, toDomainEvent<E>(env, opts.upcasters));
    opts.cache.set(streamId, result.nextExpectedVersion, state);
  }
  return { streamId, version: result.nextExpectedVersion, events, envelopes: result.events, position: result.position };
}
