import { HASH_BYTES, hashChildren } from './merkle';

/**
 * Proof verification as RFC 9162 §2.1.3.2 and §2.1.4.2 state it (the iterative form over the bits of
 * the leaf index), for evidence bundles and auditors' tools. Sizes stay below 2^53, so the shifts are
 * divisions, not 32-bit `>>`. Every function answers false on malformed input; none throws.
 */

const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_BYTES;
const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const half = (n: number): number => Math.floor(n / 2);
const odd = (n: number): boolean => n % 2 === 1;

/** Recomputes the root from a leaf hash and its audit path (bottom-up), or null when the path cannot fit the size. */
export function rootFromInclusionProof(leafIndex: number, treeSize: number, leafHash: Uint8Array, proof: readonly Uint8Array[]): Buffer | null {
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize || !isHash(leafHash) || !Array.isArray(proof)) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (!isHash(p) || sn === 0) return null;
    if (odd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(leafIndex: number, treeSize: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!isHash(root)) return false;
  const computed = rootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
  return computed !== null && computed.equals(root);
}

/** True when the tree of `oldSize` leaves with `oldRoot` is a prefix of the one of `newSize` with `newRoot`. */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize || !isHash(oldRoot) || !isHash(newRoot) || !Array.isArray(proof)) return false;
  if (!proof.every(isHash)) return false;
  if (oldSize === newSize) return proof.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  // Every tree extends the empty one; there is nothing to prove.
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwoSize(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

function isPowerOfTwoSize(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
