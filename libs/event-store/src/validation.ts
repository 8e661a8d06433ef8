import type { ExpectedVersion, NewEvent } from './envelope';
import { InvalidEventError } from './errors';
import { canonicalPlainJson } from './integrity/canonical-json';
import { canonicalJson } from './integrity/event-hash';
import { uuidv7 } from './uuid';

/** `category-id`: a lowercase category, a dash, then an id of letters, digits, '-', '_' or '.'. */
export const STREAM_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[A-Za-z0-9][A-Za-z0-9._:-]{0,199})?$/;
export const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,127}$/;
export const EVENT_ID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A single event's data may be large (documents, position papers by reference), but bounded. */
export const MAX_EVENT_BYTES = 4 * 1024 * 1024;
export const MAX_EVENTS_PER_APPEND = 10_000;

/** An event checked and canonicalised, ready for an adapter to stamp and store. */
export interface PreparedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  /** Canonical metadata without recordedAt/occurredAt defaults applied: adapters finish it. */
  metadata: Record<string, unknown>;
}

export function validateStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || !STREAM_ID_PATTERN.test(streamId)) {
    throw new InvalidEventError('streamId', `must match ${STREAM_ID_PATTERN.source}`);
  }
}

export function validateExpectedVersion(v: unknown): asserts v is ExpectedVersion {
  if (v === 'no-stream' || v === 'exists' || v === 'any') return;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= -1) return;
  throw new InvalidEventError('expectedVersion', "must be an integer >= -1, 'no-stream', 'exists' or 'any'");
}

function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k in value as Record<string, unknown>) {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue;
        if (!isPlainJson(v, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

const NOT_PLAIN = 'must be JSON-serialisable (plain objects, arrays, finite numbers, strings, booleans, null)';

/** Checks and canonicalises an append's events. Throws InvalidEventError; never writes. */
export function prepareEvents(events: unknown, newId: () => string = uuidv7): PreparedEvent[] {
  if (!Array.isArray(events)) throw new InvalidEventError('events', 'must be an array');
  if (events.length === 0) throw new InvalidEventError('events', 'must not be empty');
  if (events.length > MAX_EVENTS_PER_APPEND) throw new InvalidEventError('events', `at most ${MAX_EVENTS_PER_APPEND} per append`);
  const seen = new Set<string>();
  const prepared: PreparedEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const raw = events[i] as NewEvent;
    if (raw === null || typeof raw !== 'object') throw new InvalidEventError(`events[${i}]`, 'must be an object');
    if (typeof raw.type !== 'string' || !EVENT_TYPE_PATTERN.test(raw.type)) {
      throw new InvalidEventError(`events[${i}].type`, `must match ${EVENT_TYPE_PATTERN.source} (1-128 characters)`);
    }
    const id = eventId(raw.id, newId, seen, i);
    const schemaVersion = raw.schemaVersion ?? 1;
    if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
      throw new InvalidEventError(`events[${i}].schemaVersion`, 'must be a positive integer');
    }
    // Checked and canonicalised in one pass. A lone surrogate is reported after the metadata checks,
    // and only for otherwise plain data: the order of the separate checks this pass replaced.
    let dataJson: string | undefined;
    let surrogate: unknown;
    try {
      dataJson = canonicalPlainJson(raw.data);
    } catch (err) {
      if (isPlainJson(raw.data)) surrogate = err;
    }
    if (dataJson === undefined && surrogate === undefined) throw new InvalidEventError(`events[${i}].data`, NOT_PLAIN);
    const metadata = raw.metadata ?? {};
    // The events of one command carry equal metadata: checked and copied once for the run of them.
    const sameMetadata = i > 0 && sameFlatObject(metadata, events[i - 1].metadata ?? {});
    if (!sameMetadata) checkMetadata(metadata, i);
    if (dataJson === undefined) {
      // RFC 8785 refuses lone surrogates (text that is not valid Unicode).
      throw new InvalidEventError(`events[${i}].data`, `cannot be canonicalised: ${surrogate instanceof Error ? surrogate.message : String(surrogate)}`);
    }
    if (dataJson.length > MAX_EVENT_BYTES) throw new InvalidEventError(`events[${i}].data`, `must be at most ${MAX_EVENT_BYTES} bytes`);
    prepared[i] = { id, type: raw.type, schemaVersion, dataJson, metadata: sameMetadata ? prepared[i - 1].metadata : { ...metadata } };
  }
  return prepared;
}

function checkMetadata(metadata: unknown, i: number): asserts metadata is Record<string, unknown> {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || !isPlainJson(metadata)) {
    throw new InvalidEventError(`events[${i}].metadata`, 'must be a JSON object');
  }
  const occurredAt = (metadata as Record<string, unknown>).occurredAt;
  if (occurredAt !== undefined && !isIsoInstant(occurredAt)) {
    throw new InvalidEventError(`events[${i}].metadata.occurredAt`, 'must be an ISO-8601 instant');
  }
}

/**
 * Whether two values are objects with the same keys holding the same primitive values (so whatever
 * was checked or derived for one holds for the other). Undefined and object values count as different.
 */
function sameFlatObject(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false;
  if (a === b) return true;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) {
    const v = x[k];
    if (v === undefined || v !== y[k] || (v !== null && typeof v === 'object')) return false;
  }
  return true;
}

/**
 * The event's id, lower-cased, refusing one repeated within the append. Ids this store mints are
 * UUIDs, unique and increasing by construction, so only callers' ids (or another generator's) are
 * checked; a caller's id equal to one minted here would still meet the UNIQUE index.
 */
function eventId(given: unknown, newId: () => string, seen: Set<string>, i: number): string {
  if (given === undefined && newId === uuidv7) return uuidv7();
  const id = given ?? newId();
  if (typeof id !== 'string' || !EVENT_ID_PATTERN.test(id)) throw new InvalidEventError(`events[${i}].id`, 'must be a UUID');
  const lower = id.toLowerCase();
  if (seen.has(lower)) throw new InvalidEventError(`events[${i}].id`, 'is repeated within the append');
  seen.add(lower);
  return lower;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
export function isIsoInstant(v: unknown): v is string {
  return typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v));
}

/**
 * Finishes metadata for storage: recordedAt stamped by the store, occurredAt defaulting to it, both as
 * UTC ISO strings with milliseconds so they sort as text. Returns the canonical JSON and the object.
 */
export function finishMetadata(meta: Record<string, unknown>, recordedAt: string): { json: string; value: Record<string, unknown> } {
  const occurred = typeof meta.occurredAt === 'string' ? new Date(meta.occurredAt).toISOString() : recordedAt;
  const value: Record<string, unknown> = { ...meta, occurredAt: occurred, recordedAt };
  for (const k of Object.keys(value)) if (value[k] === undefined) delete value[k];
  try {
    return { json: canonicalJson(value), value };
  } catch (err) {
    throw new InvalidEventError('metadata', `cannot be canonicalised: ${err instanceof Error ? err.message : String(err)}`);
  }
}
