import type { EventEnvelope } from '../envelope';
import { computeEventHash } from './event-hash';
import type { IntegrityFailure } from './verify-report';

interface StreamHead {
  version: number;
  hash: string;
  position: number;
}

/**
 * The per-event checks of a log read once in position order. Memory is one entry per stream (its last
 * version, hash and position), never per event. The order of the checks decides the reason reported:
 * a gap first (position-missing), then the stream's version order (order-changed), then the chain
 * link (link-broken), then the event's own hash (payload-changed), then recordedAt order.
 */
export class EventChecker {
  private expected = 1;
  private lastPosition = 0;
  private lastRecordedAt = '';
  private readonly streams = new Map<string, StreamHead>();

  /**
   * @param gapFree positions are 1, 2, 3… (sqlite, postgres); on EventStoreDB they only increase.
   * @param hashIncludesPosition the hash covers the position (not on EventStoreDB, where it is known only after the write).
   */
  constructor(
    private readonly gapFree: boolean,
    private readonly hashIncludesPosition: boolean,
  ) {}

  /** Checks one event; on success it becomes part of the state the next one is checked against. */
  check(e: EventEnvelope): IntegrityFailure | null {
    const p = e.position;
    if (this.gapFree && p !== this.expected) {
      return p > this.expected
        ? fail(this.expected, 'position-missing', `no event at position ${this.expected}; the log continues at ${p}`)
        : fail(p, 'order-changed', `position ${p} appears again after position ${this.expected - 1}`);
    }
    if (!this.gapFree && p <= this.lastPosition) return fail(p, 'order-changed', `position ${p} does not follow position ${this.lastPosition}`);
    const head = this.streams.get(e.streamId);
    const version = head ? head.version + 1 : 0;
    if (e.version !== version) {
      return fail(p, 'order-changed', `stream ${e.streamId} continues with version ${version} here, but this event is version ${e.version}`);
    }
    const prevHash = head ? head.hash : null;
    if (e.prevHash !== prevHash) {
      const what = head ? `the hash of version ${head.version} at position ${head.position}` : 'null (first event of the stream)';
      return fail(p, 'link-broken', `prevHash of ${e.streamId} version ${e.version} is ${short(e.prevHash)}, not ${what}`);
    }
    const recomputed = computeEventHash(e, { includePosition: this.hashIncludesPosition });
    if (recomputed !== e.hash) {
      return fail(p, 'payload-changed', `the stored hash ${short(e.hash)} does not match the event's content (recomputed ${short(recomputed)})`);
    }
    const recordedAt = typeof e.metadata?.recordedAt === 'string' ? e.metadata.recordedAt : '';
    if (recordedAt < this.lastRecordedAt) {
      return fail(p, 'order-changed', `recorded at ${recordedAt}, before the event at the previous position (${this.lastRecordedAt})`);
    }
    this.lastRecordedAt = recordedAt;
    this.streams.set(e.streamId, { version: e.version, hash: e.hash, position: p });
    this.lastPosition = p;
    this.expected = p + 1;
    return null;
  }
}

/**
 * Tells a moved event from an edited one. A hash covers its position, so an event swapped with
 * another no longer matches its hash where it now sits. Reading on (memory-flat, one extra hash per
 * event, only after a failure), the suspect is order-changed if it hashes correctly at a later
 * position, or if a later event hashes correctly at the suspect's position; otherwise its content was
 * changed. Same-stream swaps never get here: the version order catches them first.
 */
export async function classifyHashMismatch(suspect: EventEnvelope, failure: IntegrityFailure, rest: AsyncIterator<EventEnvelope>): Promise<IntegrityFailure> {
  const p = suspect.position;
  for (let r = await rest.next(); !r.done; r = await rest.next()) {
    const e = r.value;
    if (computeEventHash({ ...suspect, position: e.position }) === suspect.hash) {
      return fail(p, 'order-changed', `the event at position ${p} (${suspect.streamId} version ${suspect.version}) was recorded at position ${e.position}`);
    }
    if (computeEventHash({ ...e, position: p }) === e.hash) {
      return fail(p, 'order-changed', `the event recorded at position ${p} (${e.streamId} version ${e.version}) is now at position ${e.position}`);
    }
  }
  return failure;
}

export function fail(position: number, reason: IntegrityFailure['reason'], detail: string, checkpointTreeSize?: number): IntegrityFailure {
  return checkpointTreeSize === undefined ? { position, reason, detail } : { position, reason, detail, checkpointTreeSize };
}

const short = (h: string | null): string => (h === null ? 'null' : h.length > 16 ? `${h.slice(0, 12)}…` : JSON.stringify(h));
