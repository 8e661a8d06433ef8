import type { EventEnvelope } from '../../envelope';
import { computeEventHash } from '../../integrity/event-hash';
import { prepareEvents } from '../../validation';
import { anchoredAlternation, findRepeat, positionNumber, stampEvents, toEnvelope } from './eventstoredb-mapping';

// The EventStoreDB adapter cannot run here without a server; its pure half can.
describe('EventStoreDB mapping', () => {
  const prepared = prepareEvents([
    { type: 'Signed', data: { b: 1, a: [1, 2] }, metadata: { correlationId: 'c-1', causationId: 'k-1', actorId: 'u-1' } },
    { type: 'Amended', data: { clause: 'x' } },
  ]);

  it('hashes without the position (unknown before the write) and chains within the stream', () => {
    const records = stampEvents('contract-1', prepared, 3, 'f'.repeat(64), '2026-01-02T03:04:05.006Z');
    const envelopes = records.map((r, i) =>
      toEnvelope({ id: r.id, streamId: 'contract-1', revision: BigInt(3 + i), type: r.type, data: r.data, metadata: JSON.parse(JSON.stringify(r.metadata)) }, 1234 + i),
    ) as EventEnvelope[];
    expect(envelopes.map((e) => e.version)).toEqual([3, 4]);
    expect(envelopes[0].prevHash).toBe('f'.repeat(64));
    expect(envelopes[1].prevHash).toBe(envelopes[0].hash);
    for (const { hash, ...rest } of envelopes) {
      expect(computeEventHash(rest, { includePosition: false })).toBe(hash);
      expect(computeEventHash(rest, { includePosition: true })).not.toBe(hash);
    }
    expect(envelopes[0].metadata).toEqual({ correlationId: 'c-1', causationId: 'k-1', actorId: 'u-1', occurredAt: '2026-01-02T03:04:05.006Z', recordedAt: '2026-01-02T03:04:05.006Z' });
    // EventStoreDB's system projections read these two from the top level of the metadata.
    expect(records[0].metadata).toMatchObject({ $correlationId: 'c-1', $causationId: 'k-1' });
  });

  it('skips system and foreign events, and maps the "no position" sentinel to null', () => {
    expect(toEnvelope({ id: 'x', streamId: '$stats-1', revision: 0n, type: '$statsCollected', data: {}, metadata: {} }, 1)).toBeNull();
    expect(toEnvelope({ id: 'x', streamId: 'contract-1', revision: 0n, type: 'Foreign', data: {}, metadata: { some: 'thing' } }, 1)).toBeNull();
    expect(positionNumber(18446744073709551615n)).toBeNull();
    expect(positionNumber(undefined)).toBeNull();
    expect(positionNumber(4096n)).toBe(4096);
  });

  it('finds a repeated append only as the same ids, consecutive and in order', () => {
    const stored = ['a', 'b', 'c', 'd'].map((id, version) => ({ id, version }) as EventEnvelope);
    const newestFirst = [...stored].reverse();
    expect(findRepeat(newestFirst, ['b', 'c'])?.map((e) => e.version)).toEqual([1, 2]);
    expect(findRepeat(newestFirst, ['c', 'b'])).toBeNull();
    expect(findRepeat(newestFirst, ['c', 'd', 'e'])).toBeNull();
    expect(findRepeat(newestFirst, ['x'])).toBeNull();
  });

  it('builds anchored filters that match a category with or without an id, and nothing longer', () => {
    const categories = new RegExp(anchoredAlternation(['contract', 'a.b'], '(?:-|$)'));
    expect(['contract-1', 'contract', 'a.b-2'].every((s) => categories.test(s))).toBe(true);
    expect(['contracts-1', 'xcontract-1', 'aXb-2'].some((s) => categories.test(s))).toBe(false);
  });
});
