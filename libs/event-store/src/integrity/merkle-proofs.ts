import { EMPTY_ROOT, hashChildren, isPowerOfTwo, MerkleFrontier, splitPoint, type MerkleNode } from './merkle';

/**
 * RFC 6962 proofs computed from stored complete subtrees instead of a tree held in memory. Both PATH
 * (inclusion) and PROOF (consistency) are, by their definitions in RFC 6962 §2.1.1-2.1.2, lists of
 * MTH(D[lo:hi]) for O(log n) ranges. Each range is a complete aligned subtree (one stored node) or a
 * right edge, which splits into O(log n) of them. So a proof is planned as ranges, the nodes they
 * need are fetched in one batch, and the hashes are combined: O(log² n) node reads at worst, whatever
 * the size of the log, and nothing kept in memory between requests.
 */
export type Range = readonly [lo: number, hi: number];

export interface NodeKey {
  level: number;
  index: number;
}

/** Where stored complete subtrees come from (the covenant_merkle table, or memory in tests). */
export interface NodeSource {
  /** Every key asked for must be answered: a missing node is an error, never a guess. */
  getNodes(keys: readonly NodeKey[]): Promise<Map<string, Buffer>>;
}

export const nodeKey = (level: number, index: number): string => `${level}:${index}`;

/** The stored nodes whose combination is MTH(D[lo:hi]), following the RFC's split rule. */
export function rangeNodes([lo, hi]: Range, out: NodeKey[] = []): NodeKey[] {
  const width = hi - lo;
  if (width < 1) throw new RangeError(`empty range [${lo}, ${hi})`);
  if (isPowerOfTwo(width) && lo % width === 0) {
    out.push({ level: Math.log2(width), index: lo / width });
    return out;
  }
  const k = splitPoint(width);
  rangeNodes([lo, lo + k], out);
  rangeNodes([lo + k, hi], out);
  return out;
}

function rangeHash([lo, hi]: Range, nodes: Map<string, Buffer>): Buffer {
  const width = hi - lo;
  if (isPowerOfTwo(width) && lo % width === 0) {
    const hash = nodes.get(nodeKey(Math.log2(width), lo / width));
    if (!hash) throw new Error(`Merkle node for leaves [${lo}, ${hi}) is missing`);
    return hash;
  }
  const k = splitPoint(width);
  return hashChildren(rangeHash([lo, lo + k], nodes), rangeHash([lo + k, hi], nodes));
}

/** RFC 6962 PATH(m, D[lo:hi]) as the ranges whose MTH it lists, bottom-up. */
export function inclusionRanges(index: number, size: number): Range[] {
  checkIndex(index, size);
  const out: Range[] = [];
  const walk = (lo: number, hi: number): void => {
    if (hi - lo === 1) return;
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      walk(lo, lo + k);
      out.push([lo + k, hi]);
    } else {
      walk(lo + k, hi);
      out.push([lo, lo + k]);
    }
  };
  walk(0, size);
  return out;
}

/** RFC 6962 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as ranges, in the RFC's order. */
export function consistencyRanges(oldSize: number, newSize: number): Range[] {
  checkSizes(oldSize, newSize);
  if (oldSize === 0 || oldSize === newSize) return [];
  const out: Range[] = [];
  const sub = (m: number, lo: number, hi: number, whole: boolean): void => {
    if (lo + m === hi) {
      if (!whole) out.push([lo, hi]);
      return;
    }
    const k = splitPoint(hi - lo);
    if (m <= k) {
      sub(m, lo, lo + k, whole);
      out.push([lo + k, hi]);
    } else {
      sub(m - k, lo + k, hi, false);
      out.push([lo, lo + k]);
    }
  };
  sub(oldSize, 0, newSize, true);
  return out;
}

async function hashesOf(source: NodeSource, ranges: readonly Range[]): Promise<Buffer[]> {
  const keys = ranges.flatMap((r) => rangeNodes(r));
  const nodes = await source.getNodes(dedupe(keys));
  return ranges.map((r) => rangeHash(r, nodes));
}

export async function inclusionProof(source: NodeSource, index: number, size: number): Promise<Buffer[]> {
  return hashesOf(source, inclusionRanges(index, size));
}

export async function consistencyProof(source: NodeSource, oldSize: number, newSize: number): Promise<Buffer[]> {
  return hashesOf(source, consistencyRanges(oldSize, newSize));
}

/** MTH of the first `size` leaves. */
export async function treeRoot(source: NodeSource, size: number): Promise<Buffer> {
  if (size === 0) return EMPTY_ROOT;
  const [root] = await hashesOf(source, [[0, size]]);
  return root;
}

function dedupe(keys: NodeKey[]): NodeKey[] {
  const seen = new Map<string, NodeKey>();
  for (const k of keys) seen.set(nodeKey(k.level, k.index), k);
  return [...seen.values()];
}

function checkIndex(index: number, size: number): void {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`tree size must be a positive integer, got ${size}`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf index ${index} is outside a tree of size ${size}`);
}

function checkSizes(oldSize: number, newSize: number): void {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    throw new RangeError(`consistency needs 0 <= old size <= new size, got ${oldSize} and ${newSize}`);
  }
}

/** Every complete subtree of a tree built from leaves held in memory: a NodeSource for tests and small tools. */
export class MemoryNodeSource implements NodeSource {
  private readonly nodes = new Map<string, Buffer>();

  constructor(leafHashes: readonly Buffer[] = []) {
    const frontier = MerkleFrontier.empty();
    for (const leaf of leafHashes) frontier.push(leaf, (n: MerkleNode) => this.nodes.set(nodeKey(n.level, n.index), n.hash));
  }

  async getNodes(keys: readonly NodeKey[]): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    for (const k of keys) {
      const hash = this.nodes.get(nodeKey(k.level, k.index));
      if (hash) out.set(nodeKey(k.level, k.index), hash);
    }
    return out;
  }
}
