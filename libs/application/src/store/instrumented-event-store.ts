import { DuplicateEventIdError, EventStore, WrongExpectedVersionError } from '@covenant/event-store';

export type AppendOutcome = 'ok' | 'conflict' | 'error';

/** Told about every append of the store it watches (metrics); must not throw. */
export interface AppendObserver {
  appendObserved(store: EventStore['kind'], outcome: AppendOutcome, seconds: number): void;
}

/** Optional provider: when present, the EVENT_STORE the application sees reports its appends to it. */
export const APPEND_OBSERVER = Symbol('APPEND_OBSERVER');

/** A stale expected version or a reused event id is a conflict (409 at the edge); anything else an error. */
export function appendOutcomeOf(err: unknown): AppendOutcome {
  return err instanceof WrongExpectedVersionError || err instanceof DuplicateEventIdError ? 'conflict' : 'error';
}

/**
 * The store with `appendToStream` timed and reported, every other member the adapter's own (methods
 * bound to it, so `instanceof`, `kind` and adapter-specific members such as the sqlite `db` still
 * work). A decorator rather than code in the adapters: they stay unaware of metrics.
 */
export function instrumentAppends(store: EventStore, observer: AppendObserver): EventStore {
  const appendToStream: EventStore['appendToStream'] = async (streamId, events, options) => {
    const started = performance.now();
    try {
      const result = await store.appendToStream(streamId, events, options);
      report('ok', started);
      return result;
    } catch (err) {
      report(appendOutcomeOf(err), started);
      throw err;
    }
  };
  const report = (outcome: AppendOutcome, started: number): void => {
    try {
      observer.appendObserved(store.kind, outcome, (performance.now() - started) / 1000);
    } catch {
      // Metrics never fail an append.
    }
  };
  const bound = new Map<PropertyKey, { of: unknown; fn: unknown }>();
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'appendToStream') return appendToStream;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const cached = bound.get(prop);
      if (cached?.of === value) return cached.fn;
      const fn = (value as (...args: unknown[]) => unknown).bind(target);
      bound.set(prop, { of: value, fn });
      return fn;
    },
  });
}
