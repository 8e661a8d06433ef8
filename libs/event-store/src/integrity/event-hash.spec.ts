import { canonicalize } from 'json-canonicalize';
import { canonicalEnvelope, computeEventHash, sha256Hex } from './event-hash';

describe('event hash', () => {
  const envelope = {
    id: '0190f5c2-7a3b-7cde-8f01-23456789abcd',
    streamId: 'contract-42',
    version: 3,
    position: 17,
    type: 'SlaBreached',
    schemaVersion: 1,
    data: { z: 1, a: [3, 'é', { y: null, b: 1.5e-7 }], 'é': true, '\u20ac': 'x' },
    metadata: { occurredAt: '2026-01-01T00:00:00.000Z', recordedAt: '2026-01-02T00:00:00.000Z', actorId: 'u' },
    prevHash: 'ab'.repeat(32),
  };

  it('builds exactly the RFC 8785 canonical form of the envelope without hash', () => {
    const fast = canonicalEnvelope({
      dataJson: canonicalize(envelope.data),
      id: envelope.id,
      metadataJson: canonicalize(envelope.metadata),
      position: envelope.position,
      prevHash: envelope.prevHash,
      schemaVersion: envelope.schemaVersion,
      streamId: envelope.streamId,
      type: envelope.type,
      version: envelope.version,
    });
    expect(fast).toBe(canonicalize(envelope));
  });

  it('handles a first event (prevHash null) the same way', () => {
    const first = { ...envelope, prevHash: null };
    expect(computeEventHash(first)).toBe(sha256Hex(canonicalize(first)));
  });

  it('changes when any byte of the payload changes', () => {
    const h1 = computeEventHash(envelope);
    const h2 = computeEventHash({ ...envelope, data: { ...envelope.data, z: 2 } });
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
    expect(h2).not.toBe(h1);
  });

  it('leaves position out only when asked (EventStoreDB assigns it after the write)', () => {
    const { position: _p, ...rest } = envelope;
    expect(computeEventHash(envelope, { includePosition: false })).toBe(sha256Hex(canonicalize(rest)));
  });
});
