import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson, sha256Hex } from './event-hash';

/**
 * A signed tree head of the global log: "the first `treeSize` events hash to `rootHash`", dated and
 * signed with Ed25519, and chained to the checkpoint before it so none can be dropped or replaced
 * unnoticed in the middle of the sequence. Plain JSON (hex hashes, base64 signature) so evidence
 * bundles can embed it verbatim and anyone can check it with the public key alone.
 */
export interface SignedCheckpoint {
  /** Number of events covered: positions 1..treeSize. */
  treeSize: number;
  /** RFC 6962 MTH over the events' hashes in position order, hex. */
  rootHash: string;
  /** ISO-8601 instant the checkpoint was issued. */
  issuedAt: string;
  /** checkpointHash of the previous checkpoint, hex; null for the first one. */
  previousCheckpointHash: string | null;
  /** Ed25519 signature of checkpointSigningInput(...), base64. */
  signature: string;
}

export type UnsignedCheckpoint = Omit<SignedCheckpoint, 'signature'>;

/**
 * The exact bytes signed: a context line, so a Covenant checkpoint signature can never be replayed as
 * a signature over anything else, then the RFC 8785 canonical JSON of the four signed fields.
 */
export const CHECKPOINT_SIGNING_CONTEXT = 'covenant-checkpoint/v1\n';

export function checkpointSigningInput(c: UnsignedCheckpoint): Buffer {
  const body = canonicalJson({ issuedAt: c.issuedAt, previousCheckpointHash: c.previousCheckpointHash, rootHash: c.rootHash, treeSize: c.treeSize });
  return Buffer.from(CHECKPOINT_SIGNING_CONTEXT + body, 'utf8');
}

export function signCheckpoint(c: UnsignedCheckpoint, privateKey: KeyObject): SignedCheckpoint {
  assertEd25519(privateKey, 'private');
  const signature = sign(null, checkpointSigningInput(c), privateKey).toString('base64');
  return { treeSize: c.treeSize, rootHash: c.rootHash, issuedAt: c.issuedAt, previousCheckpointHash: c.previousCheckpointHash, signature };
}

/** False for a wrong key, a changed field or a malformed signature; never throws on bad input. */
export function verifyCheckpointSignature(c: SignedCheckpoint, publicKey: KeyObject): boolean {
  if (typeof c.signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(c.signature)) return false;
  try {
    return verify(null, checkpointSigningInput(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** What the next checkpoint's previousCheckpointHash must be: SHA-256 (hex) over the canonical JSON of all five fields. */
export function checkpointHash(c: SignedCheckpoint): string {
  return sha256Hex(
    canonicalJson({ issuedAt: c.issuedAt, previousCheckpointHash: c.previousCheckpointHash, rootHash: c.rootHash, signature: c.signature, treeSize: c.treeSize }),
  );
}

/** The public key as served at GET /audit/public-key and embedded in evidence bundles. */
export interface PublicKeyInfo {
  algorithm: 'Ed25519';
  /** SPKI PEM, what `openssl pkey -pubin` and node:crypto's createPublicKey read. */
  publicKeyPem: string;
  /** The 32 raw key bytes (RFC 8032), base64. */
  publicKey: string;
  /** SHA-256 of the raw key bytes, hex: a short name for the key. */
  keyId: string;
}

export function publicKeyInfo(key: KeyObject): PublicKeyInfo {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  assertEd25519(publicKey, 'public');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    algorithm: 'Ed25519',
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKey: raw.toString('base64'),
    keyId: createHash('sha256').update(raw).digest('hex'),
  };
}

function assertEd25519(key: KeyObject, type: 'private' | 'public'): void {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`an Ed25519 ${type} key is required, got a ${key.asymmetricKeyType ?? key.type} ${key.type} key`);
  }
}
