import canonicalize from 'canonicalize';
import { canonicalEnvelope, canonicalJson, computeEventHash, sha256Hex } from './event-hash';

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
      dataJson: canonicalize(envelope.data)!,
      id: envelope.id,
      metadataJson: canonicalize(envelope.metadata)!,
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
    expect(computeEventHash(first)).toBe(sha256Hex(canonicalize(first)!));
  });

  it('changes when any byte of the payload changes', () => {
    const h1 = computeEventHash(envelope);
    const h2 = computeEventHash({ ...envelope, data: { ...envelope.data, z: 2 } });
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
    expect(h2).not.toBe(h1);
  });

  it('leaves position out only when asked (EventStoreDB assigns it after the write)', () => {
    const { position: _p, ...rest } = envelope;
    expect(computeEventHash(envelope, { includePosition: false })).toBe(sha256Hex(canonicalize(rest)!));
  });
});

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and serialises numbers as ECMAScript does', () => {
    // RFC 8785 section 3.2.3 example ordering, and its number examples.
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, '\u0080': 5, '\u00f6': 6 })).toBe(
      '{"\\r":2,"1":4,"\u0080":5,"\u00f6":6,"\u20ac":1,"\ud83d\ude00":3}',
    );
    expect(canonicalJson([1e21, 1e-7, -0, 0.000001, 123456789012345680000])).toBe('[1e+21,1e-7,0,0.000001,123456789012345680000]');
  });

  it('refuses values with no JSON form and lone surrogates', () => {
    expect(() => canonicalJson(undefined)).toThrow();
    expect(() => canonicalJson({ s: '\ud800' })).toThrow();
  });
});
