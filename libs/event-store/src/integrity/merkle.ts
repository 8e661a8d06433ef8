import { createHash } from 'node:crypto';

/**
 * RFC 6962 (Certificate Transparency) Merkle tree hashing, SHA-256. The 0x00 / 0x01 prefixes keep a
 * leaf from ever being passed off as an interior node (second-preimage resistance), and the split at
 * the largest power of two below n is what makes our roots and proofs checkable by any CT/RFC 9162
 * tool, not only by this code. The global log's leaf i (0-based) has as input the 32 bytes of the
 * event hash at position i + 1.
 */
export const HASH_BYTES = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export function hashLeaf(input: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(input).digest();
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The leaf hash of an event: its hash (64 hex characters) decoded to 32 bytes, with the leaf prefix. */
export function eventLeafHash(eventHashHex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(eventHashHex)) throw new RangeError(`not a SHA-256 hex hash: ${JSON.stringify(eventHashHex)}`);
  return hashLeaf(Buffer.from(eventHashHex, 'hex'));
}

/** k: the largest power of two strictly below n (n >= 2). Numbers stay below 2^53, so no bit tricks. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`splitPoint needs n >= 2, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** MTH over leaf hashes held in memory (tests, small trees). */
export function merkleRoot(leafHashes: readonly Buffer[]): Buffer {
  const n = leafHashes.length;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leafHashes[0];
  const k = splitPoint(n);
  return hashChildren(merkleRoot(leafHashes.slice(0, k)), merkleRoot(leafHashes.slice(k)));
}

/** A stored node: the root of the complete subtree covering leaves [index * 2^level, (index + 1) * 2^level). */
export interface MerkleNode {
  level: number;
  index: number;
  hash: Buffer;
}

/**
 * The right edge of a growing tree in O(log n) memory: the roots of its complete subtrees, largest
 * first (the binary digits of the size). Pushing a leaf merges equal-sized neighbours; every subtree
 * completed on the way is reported, which is how the node table is filled incrementally and how the
 * verifier recomputes a checkpoint's root while streaming the log once.
 */
export class MerkleFrontier {
  private constructor(
    private count: number,
    private readonly stack: MerkleNode[],
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** Resumes at `size` from the nodes of `frontierNodes(size)`, in that order. */
  static resume(size: number, nodes: readonly MerkleNode[]): MerkleFrontier {
    const expected = frontierNodes(size);
    if (nodes.length !== expected.length || nodes.some((n, i) => n.level !== expected[i].level || n.index !== expected[i].index)) {
      throw new RangeError(`the nodes given are not the frontier of a tree of size ${size}`);
    }
    return new MerkleFrontier(size, nodes.map((n) => ({ ...n })));
  }

  get size(): number {
    return this.count;
  }

  /** Adds the next leaf; `completed` sees the leaf node and every subtree it completes, bottom-up. */
  push(leafHash: Buffer, completed?: (node: MerkleNode) => void): void {
    let node: MerkleNode = { level: 0, index: this.count, hash: leafHash };
    completed?.(node);
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].level === node.level) {
      const left = this.stack.pop() as MerkleNode;
      node = { level: node.level + 1, index: left.index / 2, hash: hashChildren(left.hash, node.hash) };
      completed?.(node);
    }
    this.stack.push(node);
    this.count++;
  }

  /** MTH of the leaves pushed so far: the complete subtrees folded from the right. */
  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = hashChildren(this.stack[i].hash, hash);
    return hash;
  }
}

/** The complete subtrees a tree of `size` leaves decomposes into, largest (leftmost) first. */
export function frontierNodes(size: number): Array<{ level: number; index: number }> {
  const out: Array<{ level: number; index: number }> = [];
  let start = 0;
  let level = 0;
  while (2 ** (level + 1) <= size) level++;
  for (; level >= 0; level--) {
    const width = 2 ** level;
    if (start + width <= size) {
      out.push({ level, index: start / width });
      start += width;
    }
  }
  return out;
}
