import { createHash } from 'node:crypto';
import { consistencyProof, inclusionProof, MemoryNodeSource } from './merkle-proofs';

/**
 * The proofs we serve, checked by a second, deliberately different implementation written here from
 * RFC 6962's recursive definitions (MTH, PATH, SUBPROOF) rather than RFC 9162's bit-walking verifier
 * the library uses. Nothing below imports the library's hashing or verification: if both shared a
 * mistake, this file would not share it.
 */
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leaf = (data: Buffer) => sha(Buffer.of(0), data);
const node = (l: Buffer, r: Buffer) => sha(Buffer.of(1), l, r);
const largestPow2Below = (n: number) => 2 ** Math.floor(Math.log2(n - 1));

function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0];
  const k = largestPow2Below(leaves.length);
  return node(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

/** Root from an audit path, consuming it from the top (its last element) down to the leaf. */
function rootFromPath(index: number, size: number, leafHash: Buffer, path: Buffer[]): Buffer | null {
  if (size === 1) return path.length === 0 ? leafHash : null;
  if (path.length === 0) return null;
  const k = largestPow2Below(size);
  const sibling = path[path.length - 1];
  const rest = path.slice(0, -1);
  if (index < k) {
    const left = rootFromPath(index, k, leafHash, rest);
    return left && node(left, sibling);
  }
  const right = rootFromPath(index - k, size - k, leafHash, rest);
  return right && node(sibling, right);
}

/** Replays SUBPROOF(m, D[n], b) backwards, rebuilding both the old and the new root from the proof. */
function rootsFromConsistency(m: number, n: number, oldRoot: Buffer, proof: Buffer[]): { old: Buffer; new: Buffer } | null {
  const stack = [...proof];
  const take = () => stack.pop();
  const walk = (m: number, n: number, whole: boolean): { old: Buffer; new: Buffer } | null => {
    if (m === n) {
      if (whole) return { old: oldRoot, new: oldRoot };
      const h = take();
      return h ? { old: h, new: h } : null;
    }
    const k = largestPow2Below(n);
    const sibling = take();
    if (!sibling) return null;
    if (m <= k) {
      const r = walk(m, k, whole);
      return r && { old: r.old, new: node(r.new, sibling) };
    }
    const r = walk(m - k, n - k, false);
    return r && { old: node(sibling, r.old), new: node(sibling, r.new) };
  };
  const result = walk(m, n, true);
  return result && stack.length === 0 ? result : null;
}

const MAX = 33;
const leaves = Array.from({ length: MAX }, (_, i) => leaf(sha(Buffer.from(`event ${i}`))));
const roots = Array.from({ length: MAX + 1 }, (_, n) => mth(leaves.slice(0, n)));
const source = new MemoryNodeSource(leaves);

describe('proofs checked by an independent re-implementation of RFC 6962', () => {
  it('verifies the inclusion proof of every leaf of every tree of sizes 1..33', async () => {
    let checked = 0;
    for (let n = 1; n <= MAX; n++) {
      for (let i = 0; i < n; i++) {
        const proof = await inclusionProof(source, i, n);
        expect(proof).toHaveLength(depthOf(i, n));
        expect(rootFromPath(i, n, leaves[i], proof)?.equals(roots[n])).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe((MAX * (MAX + 1)) / 2);
  });

  it('verifies the consistency proof of every pair of sizes 1 <= m <= n <= 33', async () => {
    let checked = 0;
    for (let n = 1; n <= MAX; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(source, m, n);
        const rebuilt = rootsFromConsistency(m, n, roots[m], proof);
        expect({ m, n, old: rebuilt?.old.equals(roots[m]), new: rebuilt?.new.equals(roots[n]) }).toEqual({ m, n, old: true, new: true });
        checked++;
      }
    }
    expect(checked).toBe((MAX * (MAX + 1)) / 2);
  });

  it('is itself able to refuse: a proof for another leaf or another size does not verify', async () => {
    const proof = await inclusionProof(source, 5, 13);
    expect(rootFromPath(6, 13, leaves[6], proof)?.equals(roots[13]) ?? false).toBe(false);
    expect(rootFromPath(5, 14, leaves[5], proof)?.equals(roots[14]) ?? false).toBe(false);
    const cons = await consistencyProof(source, 7, 13);
    const wrong = rootsFromConsistency(6, 13, roots[6], cons);
    expect(wrong !== null && wrong.old.equals(roots[6]) && wrong.new.equals(roots[13])).toBe(false);
  });
});

/** The depth of leaf `index` in the RFC 6962 tree of `size` leaves: the length its audit path must have. */
function depthOf(index: number, size: number): number {
  let lo = 0;
  let hi = size;
  let depth = 0;
  while (hi - lo > 1) {
    const k = largestPow2Below(hi - lo);
    if (index < lo + k) hi = lo + k;
    else lo += k;
    depth++;
  }
  return depth;
}
