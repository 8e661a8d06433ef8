import { createHash } from 'node:crypto';
import { EMPTY_ROOT, eventLeafHash, frontierNodes, hashLeaf, MerkleFrontier, merkleRoot, splitPoint } from './merkle';
import { consistencyProof, inclusionProof, MemoryNodeSource, treeRoot } from './merkle-proofs';
import { verifyConsistency, verifyInclusion } from './merkle-verify';

// The Certificate Transparency reference leaves and tree heads (RFC 6962 test data, as published
// with the CT reference implementations and transparency-dev/merkle).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION: Array<[index: number, size: number, proof: string[]]> = [
  [0, 1, []],
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];
const CT_CONSISTENCY: Array<[oldSize: number, newSize: number, proof: string[]]> = [
  [1, 1, []],
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');
const ctLeafHashes = CT_LEAVES.map((l) => hashLeaf(unhex(l)));

describe('RFC 6962 Merkle tree hashing', () => {
  it('hashes the empty tree, a leaf (0x00 prefix) and the CT reference trees of sizes 0..8 to the published roots', () => {
    expect(hex(EMPTY_ROOT)).toBe(CT_ROOTS[0]);
    expect(hex(hashLeaf(Buffer.alloc(0)))).toBe(CT_ROOTS[1]);
    for (let n = 0; n <= 8; n++) expect({ n, root: hex(merkleRoot(ctLeafHashes.slice(0, n))) }).toEqual({ n, root: CT_ROOTS[n] });
  });

  it('computes the same roots incrementally (frontier) and from stored subtrees', async () => {
    const frontier = MerkleFrontier.empty();
    expect(hex(frontier.root())).toBe(CT_ROOTS[0]);
    for (let n = 1; n <= 8; n++) {
      frontier.push(ctLeafHashes[n - 1]);
      expect({ n, root: hex(frontier.root()) }).toEqual({ n, root: CT_ROOTS[n] });
      expect(hex(await treeRoot(new MemoryNodeSource(ctLeafHashes), n))).toBe(CT_ROOTS[n]);
    }
  });

  it.each(CT_INCLUSION)('produces the CT inclusion proof of leaf %i in a tree of size %i', async (index, size, proof) => {
    const source = new MemoryNodeSource(ctLeafHashes.slice(0, size));
    expect((await inclusionProof(source, index, size)).map(hex)).toEqual(proof);
    expect(verifyInclusion(index, size, ctLeafHashes[index], proof.map(unhex), unhex(CT_ROOTS[size]))).toBe(true);
  });

  it.each(CT_CONSISTENCY)('produces the CT consistency proof between sizes %i and %i', async (oldSize, newSize, proof) => {
    expect((await consistencyProof(new MemoryNodeSource(ctLeafHashes), oldSize, newSize)).map(hex)).toEqual(proof);
    expect(verifyConsistency(oldSize, newSize, unhex(CT_ROOTS[oldSize]), unhex(CT_ROOTS[newSize]), proof.map(unhex))).toBe(true);
  });

  it('splits at the largest power of two below n, not at the midpoint', () => {
    expect([2, 3, 4, 5, 6, 7, 8, 9, 1000].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 4, 4, 8, 512]);
  });

  it('decomposes a tree into its complete subtrees, largest first, and resumes a frontier from them', () => {
    expect(frontierNodes(0)).toEqual([]);
    expect(frontierNodes(13)).toEqual([{ level: 3, index: 0 }, { level: 2, index: 2 }, { level: 0, index: 12 }]);
    const leaves = Array.from({ length: 20 }, (_, i) => hashLeaf(Buffer.from([i])));
    const nodes = new Map<string, Buffer>();
    const full = MerkleFrontier.empty();
    leaves.forEach((l) => full.push(l, (n) => nodes.set(`${n.level}:${n.index}`, n.hash)));
    const resumed = MerkleFrontier.resume(13, frontierNodes(13).map((k) => ({ ...k, hash: nodes.get(`${k.level}:${k.index}`) as Buffer })));
    leaves.slice(13).forEach((l) => resumed.push(l));
    expect(hex(resumed.root())).toBe(hex(full.root()));
    expect(() => MerkleFrontier.resume(13, [])).toThrow(RangeError);
  });

  it('takes an event hash (64 hex characters) as the 32-byte leaf input and refuses anything else', () => {
    const eventHash = 'ab'.repeat(32);
    expect(hex(eventLeafHash(eventHash))).toBe(createHash('sha256').update(Buffer.concat([Buffer.from([0]), unhex(eventHash)])).digest('hex'));
    expect(() => eventLeafHash('AB'.repeat(32))).toThrow(RangeError);
    expect(() => eventLeafHash('ab'.repeat(31))).toThrow(RangeError);
  });
});

describe('RFC 9162 proof verification (the library verifiers)', () => {
  const leaves = Array.from({ length: 20 }, (_, i) => hashLeaf(Buffer.from(`leaf ${i}`)));
  const roots = Array.from({ length: 21 }, (_, n) => merkleRoot(leaves.slice(0, n)));
  const source = new MemoryNodeSource(leaves);
  const flip = (proof: Buffer[], i: number) => proof.map((p, j) => (j === i ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ 1 : b))) : p));

  it('rejects a wrong index, size, leaf or root, and a flipped, truncated or extended proof', async () => {
    for (let n = 2; n <= 20; n++) {
      for (let i = 0; i < n; i++) {
        const proof = await inclusionProof(source, i, n);
        expect(verifyInclusion(i, n, leaves[i], proof, roots[n])).toBe(true);
        expect(verifyInclusion(i ^ 1, n, leaves[i], proof, roots[n])).toBe(false);
        expect(verifyInclusion(i, n * 2, leaves[i], proof, roots[n])).toBe(false);
        expect(verifyInclusion(i, n, leaves[(i + 1) % n], proof, roots[n])).toBe(false);
        expect(verifyInclusion(i, n, leaves[i], proof, roots[n - 1])).toBe(false);
        expect(verifyInclusion(i, n, leaves[i], flip(proof, proof.length - 1), roots[n])).toBe(false);
        expect(verifyInclusion(i, n, leaves[i], proof.slice(0, -1), roots[n])).toBe(false);
        expect(verifyInclusion(i, n, leaves[i], [...proof, roots[n]], roots[n])).toBe(false);
      }
    }
  });

  it('rejects consistency between the wrong sizes or roots, and flipped, truncated or empty proofs', async () => {
    for (let n = 2; n <= 20; n++) {
      for (let m = 1; m < n; m++) {
        const proof = await consistencyProof(source, m, n);
        expect(verifyConsistency(m, n, roots[m], roots[n], proof)).toBe(true);
        expect(verifyConsistency(m, n, roots[n], roots[m], proof)).toBe(false);
        expect(verifyConsistency(m, n, roots[m], roots[n - 1], proof)).toBe(false);
        expect(verifyConsistency(m, n, roots[m], roots[n], flip(proof, 0))).toBe(false);
        expect(verifyConsistency(m, n, roots[m], roots[n], proof.slice(0, -1))).toBe(false);
        expect(verifyConsistency(m, n, roots[m], roots[n], [])).toBe(false);
      }
    }
    expect(verifyConsistency(5, 5, roots[5], roots[5], [])).toBe(true);
    expect(verifyConsistency(5, 5, roots[5], roots[6], [])).toBe(false);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, roots[5], [])).toBe(true);
    expect(verifyConsistency(6, 5, roots[6], roots[5], [])).toBe(false);
  });
});
