import {
  eventLeafHash,
  merkleRoot,
  verifyConsistencyProofJson,
  verifyInclusionProofJson,
  type EventEnvelope,
  type NewEvent,
} from '@covenant/event-store';
import { AuditLog } from './audit-log';
import { AuditFixture, openAuditFixture } from './test-support/audit-fixture';

jest.setTimeout(120_000);

const batch = (from: number, count: number): NewEvent[] => Array.from({ length: count }, (_, i) => ({ type: 'Noted', data: { n: from + i } }));

/**
 * Checkpoints and proofs on real stores: the tree is persisted in covenant_merkle across several
 * flushes, roots agree with a tree computed in memory from the events read back, and every proof
 * served verifies against its signed checkpoint with the public key alone.
 */
describe.each(['sqlite', 'postgres'] as const)('checkpoints and proofs on %s', (engine) => {
  let f: AuditFixture;
  let events: EventEnvelope[];
  const sizes = [1, 7, 300, 1100];

  beforeAll(async () => {
    f = await openAuditFixture(engine);
    let written = 0;
    for (const size of sizes) {
      for (; written < size; written += Math.min(100, size - written)) {
        await f.store.appendToStream(`contract-c${written % 7}`, batch(written, Math.min(100, size - written)));
      }
      const result = await f.audit.issueCheckpoint();
      expect(result).toMatchObject({ issued: true, checkpoint: { treeSize: size } });
    }
    events = [];
    for await (const e of f.store.readAll()) events.push(e);
  });
  afterAll(async () => f?.close());

  it('signs roots equal to the RFC 6962 root of the events read back, chained in order', async () => {
    const page = await f.audit.listCheckpoints(500);
    expect(page.items.map((c) => c.treeSize)).toEqual(sizes);
    expect(page.nextCursor).toBeNull();
    const leaves = events.map((e) => eventLeafHash(e.hash));
    for (const c of page.items) expect(c.rootHash).toBe(merkleRoot(leaves.slice(0, c.treeSize)).toString('hex'));
    expect(page.items[0].previousCheckpointHash).toBeNull();
    expect(await f.audit.verify()).toEqual({ ok: true, events: 1100, checkpoints: 4, failure: null });
  });

  it('issues nothing when no event is new', async () => {
    expect(await f.audit.issueCheckpoint()).toMatchObject({ issued: false, raced: false, latest: { treeSize: 1100 } });
  });

  it('serves inclusion proofs that verify against each checkpoint, for the first, last and scattered positions', async () => {
    for (const treeSize of sizes) {
      for (const position of new Set([1, 2, Math.ceil(treeSize / 3), treeSize - 1, treeSize].filter((p) => p >= 1 && p <= treeSize))) {
        const proof = await f.audit.inclusionProof(position, treeSize);
        expect({ position, treeSize, eventHash: proof.eventHash, valid: verifyInclusionProofJson(proof, f.key.publicKey) }).toEqual({
          position,
          treeSize,
          eventHash: events[position - 1].hash,
          valid: true,
        });
      }
    }
    const latest = await f.audit.inclusionProof(500);
    expect(latest.treeSize).toBe(1100);
    expect(verifyInclusionProofJson({ ...latest, eventHash: events[500].hash, leafHash: eventLeafHash(events[500].hash).toString('hex') }, f.key.publicKey)).toBe(false);
  });

  it('serves consistency proofs between every pair of checkpoints', async () => {
    for (const from of sizes) {
      for (const to of sizes.filter((s) => s >= from)) {
        expect({ from, to, valid: verifyConsistencyProofJson(await f.audit.consistencyProof(from, to), f.key.publicKey) }).toEqual({ from, to, valid: true });
      }
    }
  });

  it('resumes extending the tree after a crash left only some leaves stored, to the same root', async () => {
    await f.sql.run('DELETE FROM covenant_merkle WHERE level = 0 AND idx >= 700');
    await f.store.appendToStream('contract-late', batch(1100, 5));
    const result = await f.audit.issueCheckpoint();
    const leaves = [...events, ...(await readAfter(1100))].map((e) => eventLeafHash(e.hash));
    expect(result).toMatchObject({ issued: true, checkpoint: { treeSize: 1105, rootHash: merkleRoot(leaves).toString('hex') } });
  });

  it('lets exactly one of two processes issue the next checkpoint; the chain stays whole', async () => {
    await f.store.appendToStream('contract-race', batch(2000, 3));
    const other = await AuditLog.open(f.store, f.sql, f.key);
    const results = await Promise.all([f.audit.issueCheckpoint(), other.issueCheckpoint()]);
    expect(results.filter((r) => r.issued)).toHaveLength(1);
    expect(await f.audit.verify()).toEqual({ ok: true, events: 1108, checkpoints: 6, failure: null });
  });

  async function readAfter(after: number): Promise<EventEnvelope[]> {
    const out: EventEnvelope[] = [];
    for await (const e of f.store.readAll({ after })) out.push(e);
    return out;
  }
});
