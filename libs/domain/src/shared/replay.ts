import { compareInstants } from './time';

interface Foldable<S, E> {
  initialState: S;
  evolve(state: S, event: E): S;
}

/** Replays events (in stream order) from the initial state. */
export function replay<S, E>(decider: Foldable<S, E>, events: Iterable<E>): S {
  let s = decider.initialState;
  for (const e of events) s = decider.evolve(s, e);
  return s;
}

/**
 * State as of a business instant: the events (in stream order, as known when read) whose fact had
 * occurred by then. Every event must carry its occurredAt (the application fills it from metadata).
 */
export function replayAsOf<S, E extends { occurredAt?: string }>(decider: Foldable<S, E>, events: Iterable<E>, asOf: string): S {
  let s = decider.initialState;
  for (const e of events) {
    if (e.occurredAt === undefined) throw new Error('replayAsOf needs every event dated (occurredAt from metadata)');
    if (compareInstants(e.occurredAt, asOf) <= 0) s = decider.evolve(s, e);
  }
  return s;
}
