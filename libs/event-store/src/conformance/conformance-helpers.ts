import type { EventEnvelope, NewEvent } from '../envelope';
import type { EventStore } from '../event-store.port';
import { uuidv7 } from '../uuid';

/** What every section of the suite gets: the store under test (set in beforeAll) and the options. */
export interface ConformanceContext {
  store(): EventStore;
  options: Required<ConformanceOptions>;
}

export interface ConformanceOptions {
  /** Runs the costly cases (1 MB payloads, the full race count). Default true. */
  heavy?: boolean;
  /** Rounds of two writers racing on one stream. Default 1000 (100 when heavy is false). */
  raceRounds?: number;
  /** Whether the store's hash covers the global position (false on EventStoreDB). Default true. */
  hashIncludesPosition?: boolean;
  /** Whether global positions are 1-based and gap-free (sqlite, postgres, memory). Default true. */
  gaplessPositions?: boolean;
  /**
   * Whether event ids are unique across the whole log (sqlite, postgres, memory). EventStoreDB checks
   * ids per stream only (its idempotency window), so the cross-stream cases are skipped there. Default true.
   */
  globalEventIds?: boolean;
  /** Longest wait for a subscription to deliver, in ms. Default 10,000. */
  deliveryTimeoutMs?: number;
}

/**
 * A category no other test (or other run on a shared database) uses, so filtered reads see only this
 * test's events. Categories are lowercase letters and digits (STREAM_ID_PATTERN).
 */
export function freshCategory(label = 'c'): string {
  return `${label}${uuidv7().replace(/-/g, '').slice(0, 20)}`;
}

export function freshStream(category = freshCategory()): string {
  return `${category}-${uuidv7()}`;
}

/** A realistic event: an SLA measurement with correlation, causation and actor in metadata. */
export function sampleEvent(n: number, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    type: 'SlaMeasurementRecorded',
    data: { metric: 'availability', value: 99.5 + (n % 5) / 10, unit: 'percent', window: { from: '2026-01-01', to: '2026-01-31' }, n },
    metadata: { correlationId: uuidv7(), causationId: uuidv7(), actorId: 'user-conformance' },
    ...overrides,
  };
}

export function sampleEvents(count: number, start = 0, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, (_, i) => sampleEvent(start + i, overrides));
}

export async function collect(iterable: AsyncIterable<EventEnvelope>): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

/** Settles a promise as a value or the error it rejected with, so tests can assert on either. */
export async function outcome<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  const r = await outcome(p);
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r.value)?.slice(0, 200)}`);
  return r.error;
}

/** Pulls `count` events from an iterator, failing (not hanging) when they do not come in time. */
export async function take(iterator: AsyncIterator<EventEnvelope>, count: number, timeoutMs: number): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    const next = await withTimeout(iterator.next(), deadline - Date.now(), `only ${out.length} of ${count} events arrived`);
    if (next.done) throw new Error(`subscription ended after ${out.length} of ${count} events`);
    out.push(next.value);
  }
  return out;
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), Math.max(ms, 0));
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
