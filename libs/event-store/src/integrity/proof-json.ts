import type { KeyObject } from 'node:crypto';
import { verifyCheckpointSignature, type SignedCheckpoint } from './checkpoint';
import { eventLeafHash } from './merkle';
import { verifyConsistency, verifyInclusion } from './merkle-verify';

/**
 * Proofs as served by GET /audit/proof and GET /audit/consistency, and as an evidence bundle embeds
 * them: plain JSON, hashes in lowercase hex, each with the signed checkpoint(s) it is relative to, so
 * that with the public key alone a reader can check "this event is in the log the operator signed".
 */
export interface InclusionProofJson {
  /** 1-based position of the event in the global log. */
  position: number;
  /** RFC 6962 leaf index: position - 1. */
  leafIndex: number;
  /** Size of the tree the proof is against: the checkpoint's treeSize. */
  treeSize: number;
  /** The event's hash: the leaf input. */
  eventHash: string;
  /** SHA-256(0x00 || eventHash bytes). */
  leafHash: string;
  /** RFC 6962 PATH(leafIndex, D[treeSize]), bottom-up. */
  proof: string[];
  checkpoint: SignedCheckpoint;
}

export interface ConsistencyProofJson {
  fromTreeSize: number;
  toTreeSize: number;
  /** RFC 6962 PROOF(fromTreeSize, D[toTreeSize]). */
  proof: string[];
  from: SignedCheckpoint;
  to: SignedCheckpoint;
}

const bytes = (hex: string): Buffer => Buffer.from(/^[0-9a-f]{64}$/.test(hex) ? hex : '', 'hex');

/** Checks the signature of the checkpoint, the leaf hash and the path to the signed root. */
export function verifyInclusionProofJson(p: InclusionProofJson, publicKey: KeyObject): boolean {
  try {
    if (p.leafIndex !== p.position - 1 || p.treeSize !== p.checkpoint.treeSize) return false;
    if (!verifyCheckpointSignature(p.checkpoint, publicKey)) return false;
    if (eventLeafHash(p.eventHash).toString('hex') !== p.leafHash) return false;
    return verifyInclusion(p.leafIndex, p.treeSize, bytes(p.leafHash), p.proof.map(bytes), bytes(p.checkpoint.rootHash));
  } catch {
    return false;
  }
}

/** Checks both checkpoints' signatures and that the older tree is a prefix of the newer. */
export function verifyConsistencyProofJson(p: ConsistencyProofJson, publicKey: KeyObject): boolean {
  try {
    if (p.fromTreeSize !== p.from.treeSize || p.toTreeSize !== p.to.treeSize) return false;
    if (!verifyCheckpointSignature(p.from, publicKey) || !verifyCheckpointSignature(p.to, publicKey)) return false;
    return verifyConsistency(p.fromTreeSize, p.toTreeSize, bytes(p.from.rootHash), bytes(p.to.rootHash), p.proof.map(bytes));
  } catch {
    return false;
  }
}
