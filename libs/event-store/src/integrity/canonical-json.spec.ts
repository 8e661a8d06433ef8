import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalPlainJson, LoneSurrogateError, MAX_JSON_DEPTH } from './canonical-json';
import { canonicalEnvelope, canonicalJson, envelopeMetadataPart, envelopeTypePart, joinEnvelope, sha256Hex, trustedEnvelope } from './event-hash';

/** What the RFC author's package makes of a value: its text, or that it threw. */
function reference(value: unknown): { text: string | undefined } | { threw: true } {
  try {
    return { text: canonicalize(value) };
  } catch {
    return { threw: true };
  }
}

// Characters that are escaped, copied as they are, or refused; one code unit at a time, so lone
// surrogates appear and sometimes pair up with a neighbour.
const char = fc.oneof(
  fc.constantFrom('"', '\\', '/', '\u0000', '\b', '\t', '\n', '\f', '\r', '\u001f', '\u007f', '\u0080', 'é', 'ö', '€', '\u2028', '\ufeff', '😀'),
  fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: char, maxLength: 8 }));
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(1e21, 1e-7, 1e-6, -0, 0.1, 0.000001, 5e-324, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 123456789012345680000, 99.53, 1.5e-7),
);
// Keys with non-ASCII and astral characters and integer-like keys (which Object.keys lists first).
const key = fc.oneof(text, fc.constantFrom('', 'a', 'B', 'é', '€', '😀', '\r', '1', '10', '2', 'z', 'ä'));
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('canonical JSON fast path (RFC 8785)', () => {
  it('gives the canonicalize package text, or refuses where it throws', () => {
    fc.assert(
      fc.property(json, (value) => {
        const expected = reference(value);
        if ('threw' in expected) {
          expect(() => canonicalPlainJson(value)).toThrow(LoneSurrogateError);
          expect(() => canonicalJson(value)).toThrow();
        } else {
          expect(canonicalPlainJson(value)).toBe(expected.text);
          expect(canonicalJson(value)).toBe(expected.text);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('orders the same keys the same whatever their insertion order (cached orders included)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 8 }), fc.array(number, { minLength: 8, maxLength: 8 }), (keys, values) => {
        const forwards: Record<string, unknown> = {};
        const backwards: Record<string, unknown> = {};
        keys.forEach((k, i) => (forwards[k] = values[i]));
        [...keys].reverse().forEach((k) => (backwards[k] = forwards[k]));
        const expected = reference(forwards);
        if ('threw' in expected) return;
        expect(canonicalPlainJson(forwards)).toBe(expected.text);
        expect(canonicalPlainJson(backwards)).toBe(expected.text);
        expect(canonicalPlainJson(forwards)).toBe(expected.text);
      }),
    );
  });

  it('stays exact past the bound of its key-order cache', () => {
    for (let i = 0; i < 3000; i++) {
      const o = { [`k${i}`]: i, a: [i, { [`n${i % 7}`]: 'x', b: true }], é: null };
      expect(canonicalPlainJson(o)).toBe(canonicalize(o));
    }
  });

  it('matches the package on the RFC examples and on event-sized payloads', () => {
    const payload = {
      note: 'Monthly availability measured by the agreed external probe.',
      period: { to: '2026-03-31T23:59:59.999Z', from: '2026-03-01T00:00:00.000Z' },
      measured: 99.53, samples: 8641, breached: false, tags: ['a', 'é', '😀'], nested: [[], {}, [{}]], quote: 'say "hi"\n',
    };
    for (const value of [payload, { '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, '\u0080': 5, '\u00f6': 6 }, [1e21, 1e-7, -0, 0.000001], 'x', 0, null, true]) {
      expect(canonicalPlainJson(value)).toBe(canonicalize(value));
      expect(sha256Hex(canonicalPlainJson(value) as string)).toBe(sha256Hex(canonicalize(value) as string));
    }
  });

  it('takes holes as null, skips undefined members, and keeps a JSON.parse __proto__ key', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holes = [1, , 2];
    expect(canonicalPlainJson(holes)).toBe('[1,null,2]');
    expect(canonicalPlainJson({ b: undefined, a: 1 })).toBe('{"a":1}');
    expect(canonicalPlainJson({ b: undefined })).toBe('{}');
    const parsed: unknown = JSON.parse('{"__proto__":{"x":1},"a":2}');
    expect(canonicalPlainJson(parsed)).toBe(canonicalize(parsed));
    expect(canonicalPlainJson(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('says undefined for what is not plain JSON, and canonicalJson then gives the package result', () => {
    class Money {
      constructor(readonly cents: number) {}
    }
    const notPlain: unknown[] = [
      undefined, () => 1, Number.NaN, Number.POSITIVE_INFINITY, BigInt(1), Symbol('s'), new Money(5), new Date(0), new Map(),
      [undefined], { a: { b: [1, () => 1] } }, { toJSON: () => 'x' },
    ];
    for (const value of notPlain) expect(canonicalPlainJson(value)).toBeUndefined();
    expect(canonicalJson({ at: new Date(0) })).toBe(canonicalize({ at: new Date(0) }));
    expect(canonicalJson({ m: new Money(5) })).toBe('{"m":{"cents":5}}');
    expect(canonicalJson([undefined])).toBe('[null]');
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels, and cycles`, () => {
    const nest = (depth: number, leaf: unknown = 1): unknown => (depth === 0 ? leaf : [nest(depth - 1, leaf)]);
    expect(canonicalPlainJson(nest(MAX_JSON_DEPTH))).toBe(canonicalize(nest(MAX_JSON_DEPTH)));
    expect(canonicalPlainJson(nest(MAX_JSON_DEPTH + 1))).toBeUndefined();
    expect(canonicalPlainJson(nest(MAX_JSON_DEPTH - 1, { s: 'x' }))).toBe(canonicalize(nest(MAX_JSON_DEPTH - 1, { s: 'x' })));
    expect(canonicalPlainJson(nest(MAX_JSON_DEPTH, { s: 'x' }))).toBeUndefined();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(canonicalPlainJson(cycle)).toBeUndefined();
    expect(() => canonicalJson(cycle)).toThrow();
  });

  it('refuses lone surrogates in values and in the keys it writes', () => {
    expect(() => canonicalPlainJson({ s: 'a\ud800' })).toThrow(LoneSurrogateError);
    expect(() => canonicalPlainJson({ ['\udc00']: 1 })).toThrow(LoneSurrogateError);
    expect(canonicalPlainJson({ ['\udc00']: undefined, a: 1 })).toBe(canonicalize({ ['\udc00']: undefined, a: 1 }));
    expect(canonicalPlainJson('\ud83d\ude00')).toBe('"😀"');
  });
});

describe('envelope builders', () => {
  const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
  const uuid = fc.uuid().map((u) => u.toLowerCase());
  const parts = fc.record({
    dataJson: json.filter((v) => {
      const r = reference(v);
      return 'text' in r && r.text !== undefined;
    }),
    id: uuid,
    metadata: fc.dictionary(key, json, { maxKeys: 4 }).filter((v) => !('threw' in reference(v))),
    position: fc.option(fc.nat(), { nil: null }),
    prevHash: fc.option(hex, { nil: null }),
    schemaVersion: fc.integer({ min: 1, max: 1000 }),
    streamId: fc.stringMatching(/^[a-z][a-z0-9]{0,8}-[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/),
    type: fc.stringMatching(/^[A-Za-z][A-Za-z0-9._-]{0,20}$/),
    version: fc.nat(),
  });

  it('build the canonical text of the whole envelope, trusted, joined from per-append parts, or checked', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const { dataJson: data, metadata, position, ...rest } = p;
        const envelope = position === null ? { ...rest, data, metadata } : { ...rest, data, metadata, position };
        const hashable = { ...rest, position, dataJson: canonicalJson(data), metadataJson: canonicalJson(metadata) };
        const expected = canonicalize(envelope);
        expect(canonicalEnvelope(hashable)).toBe(expected);
        expect(trustedEnvelope(hashable)).toBe(expected);
        if (position !== null) {
          const metadataPart = envelopeMetadataPart(hashable.metadataJson);
          const typePart = envelopeTypePart(p.schemaVersion, p.streamId, p.type);
          expect(joinEnvelope(hashable.dataJson, p.id, metadataPart, position, p.prevHash, typePart, p.version)).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});
