import type { EventEnvelope } from '../envelope';
import { classifyHashMismatch, EventChecker } from './event-checks';
import { computeEventHash } from './event-hash';

/** A correctly hashed log built by hand: streams and recordedAt given per position. */
function log(spec: Array<[streamId: string, recordedAt: string]>, options: { positions?: number[]; includePosition?: boolean } = {}): EventEnvelope[] {
  const heads = new Map<string, { version: number; hash: string }>();
  return spec.map(([streamId, recordedAt], i) => {
    const head = heads.get(streamId);
    const e = {
      id: `0195a2b4-7c1e-7d3a-9f00-${String(i).padStart(12, '0')}`,
      streamId,
      version: head ? head.version + 1 : 0,
      position: options.positions?.[i] ?? i + 1,
      type: 'Noted',
      schemaVersion: 1,
      data: { i },
      metadata: { occurredAt: recordedAt, recordedAt },
      prevHash: head ? head.hash : null,
    };
    const hash = computeEventHash(e, { includePosition: options.includePosition ?? true });
    heads.set(streamId, { version: e.version, hash });
    return { ...e, hash };
  });
}

const check = (checker: EventChecker, events: EventEnvelope[]) => events.map((e) => checker.check(e)).find((f) => f !== null) ?? null;
const at = (n: number) => `2026-01-01T00:00:0${n}.000Z`;

describe('per-event checks', () => {
  it('accepts a well-formed interleaved log', () => {
    expect(check(new EventChecker(true, true), log([['a-1', at(1)], ['b-1', at(2)], ['a-1', at(3)]]))).toBeNull();
  });

  it('reports recordedAt going backwards along the log (every hash recomputed) as order-changed', () => {
    expect(check(new EventChecker(true, true), log([['a-1', at(1)], ['b-1', at(3)], ['a-1', at(2)]]))).toEqual({
      position: 3,
      reason: 'order-changed',
      detail: `recorded at ${at(2)}, before the event at the previous position (${at(3)})`,
    });
  });

  it('reports a position seen twice as order-changed', () => {
    const [a, b] = log([['a-1', at(1)], ['b-1', at(2)]]);
    expect(check(new EventChecker(true, true), [a, b, { ...b }])).toMatchObject({ position: 2, reason: 'order-changed' });
  });

  it('accepts increasing positions with gaps and hashes without positions on EventStoreDB, not on gap-free stores', () => {
    const esdb = log([['a-1', at(1)], ['a-1', at(2)]], { positions: [1024, 4096], includePosition: false });
    expect(check(new EventChecker(false, false), esdb)).toBeNull();
    expect(check(new EventChecker(true, true), esdb)).toMatchObject({ position: 1, reason: 'position-missing' });
  });

  it('tells a moved event from an edited one by reading on', async () => {
    const events = log([['a-1', at(1)], ['b-1', at(1)], ['c-1', at(1)], ['d-1', at(1)]]);
    const moved = { ...events[3], position: 2 };
    const first = { position: 2, reason: 'payload-changed' as const, detail: 'x' };
    const rest = async function* () {
      yield { ...events[1], position: 4 };
    };
    expect(await classifyHashMismatch(moved, first, rest())).toMatchObject({ position: 2, reason: 'order-changed' });
    const edited = { ...events[1], data: { i: 99 } };
    const none = async function* () {
      yield events[2];
      yield events[3];
    };
    expect(await classifyHashMismatch(edited, first, none())).toBe(first);
  });
});
