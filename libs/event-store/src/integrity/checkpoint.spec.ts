import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { checkpointHash, checkpointSigningInput, publicKeyInfo, signCheckpoint, verifyCheckpointSignature, type UnsignedCheckpoint } from './checkpoint';
import { formatReport } from './verify-report';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const unsigned: UnsignedCheckpoint = { treeSize: 1000, rootHash: 'ab'.repeat(32), issuedAt: '2026-03-02T09:01:00.000Z', previousCheckpointHash: null };

describe('signed checkpoints', () => {
  it('signs "covenant-checkpoint/v1\\n" + the RFC 8785 JSON of the four fields, verifiable with node:crypto alone', () => {
    const signed = signCheckpoint(unsigned, privateKey);
    const message = 'covenant-checkpoint/v1\n{"issuedAt":"2026-03-02T09:01:00.000Z","previousCheckpointHash":null,"rootHash":"' + 'ab'.repeat(32) + '","treeSize":1000}';
    expect(checkpointSigningInput(unsigned).toString('utf8')).toBe(message);
    expect(verify(null, Buffer.from(message), publicKey, Buffer.from(signed.signature, 'base64'))).toBe(true);
    expect(verifyCheckpointSignature(signed, publicKey)).toBe(true);
  });

  it.each([
    ['treeSize', { treeSize: 1001 }],
    ['rootHash', { rootHash: 'cd'.repeat(32) }],
    ['issuedAt', { issuedAt: '2026-03-02T09:01:00.001Z' }],
    ['previousCheckpointHash', { previousCheckpointHash: 'ef'.repeat(32) }],
    ['signature', { signature: 'A'.repeat(86) + '==' }],
    ['signature (malformed)', { signature: 'not base64' }],
  ])('fails verification when %s changes', (_field, change) => {
    expect(verifyCheckpointSignature({ ...signCheckpoint(unsigned, privateKey), ...change }, publicKey)).toBe(false);
  });

  it('fails verification with another key, and refuses to sign with a key that is not Ed25519', () => {
    expect(verifyCheckpointSignature(signCheckpoint(unsigned, privateKey), generateKeyPairSync('ed25519').publicKey)).toBe(false);
    expect(() => signCheckpoint(unsigned, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)).toThrow(/Ed25519 private key/);
  });

  it('chains by the SHA-256 of the canonical JSON of all five fields', () => {
    const signed = signCheckpoint(unsigned, privateKey);
    const canonical = `{"issuedAt":"${signed.issuedAt}","previousCheckpointHash":null,"rootHash":"${signed.rootHash}","signature":"${signed.signature}","treeSize":1000}`;
    expect(checkpointHash(signed)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('describes the public key as PEM, raw base64 and a key id', () => {
    const info = publicKeyInfo(privateKey);
    const raw = Buffer.from(info.publicKey, 'base64');
    expect(raw).toHaveLength(32);
    expect(info).toEqual({ algorithm: 'Ed25519', publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }), publicKey: info.publicKey, keyId: createHash('sha256').update(raw).digest('hex') });
  });

  it('prints a report as the CLI does', () => {
    expect(formatReport({ ok: true, events: 12, checkpoints: 2, failure: null })).toBe('OK 12 events, 2 checkpoints');
    expect(formatReport({ ok: false, events: 4, checkpoints: 0, failure: { position: 5, reason: 'payload-changed', detail: 'the stored hash …' } })).toBe(
      'FAILED at position 5: payload-changed — the stored hash …',
    );
  });
});
