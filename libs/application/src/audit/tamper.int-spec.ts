import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson, checkpointHash, computeEventHash, signCheckpoint, type EventEnvelope, type VerifyReport } from '@covenant/event-store';
import { AuditFixture, newSigningKey, openAuditFixture, writeHistory } from './test-support/audit-fixture';

jest.setTimeout(120_000);

/**
 * Tampering done the way an insider with database access would do it: raw SQL on the SQLite file and
 * on the PostgreSQL table, after the events were written through the adapter and checkpointed. Each
 * case asserts the exact position and reason the verifier names. History (see writeHistory):
 * a0 p0 b0 a1 p1 b1 a2 p2 b2 a3 p3 b3 at positions 1..12, checkpoints at tree sizes 8 and 12.
 */
describe.each(['sqlite', 'postgres'] as const)('tamper detection on %s', (engine) => {
  let f: AuditFixture;
  beforeEach(async () => {
    f = await openAuditFixture(engine);
    await writeHistory(f);
  });
  afterEach(async () => f?.close());

  const run = (sql: string, params: unknown[] = []) => f.sql.run(sql.replace(/\bEVENTS\b/g, f.events), params);
  const eventAt = async (position: number): Promise<EventEnvelope> => {
    for await (const e of f.store.readAll({ after: position - 1, limit: 1 })) return e;
    throw new Error(`no event at ${position}`);
  };
  const failure = (events: number, checkpoints: number, position: number, reason: string, checkpointTreeSize?: number): VerifyReport => ({
    ok: false,
    events,
    checkpoints,
    failure: { position, reason, detail: expect.any(String), ...(checkpointTreeSize === undefined ? {} : { checkpointTreeSize }) } as VerifyReport['failure'],
  });

  it('finds an untouched log intact: every event and both checkpoints', async () => {
    expect(await f.audit.verify()).toEqual({ ok: true, events: 12, checkpoints: 2, failure: null });
  });

  it('names the event whose payload lost or gained one byte: payload-changed', async () => {
    await run("UPDATE EVENTS SET data = replace(data, 'event 5', 'event 6') WHERE position = 5");
    expect(await f.audit.verify()).toEqual(failure(4, 0, 5, 'payload-changed'));
  });

  it('names the event whose recordedAt was moved (metadata and column): payload-changed', async () => {
    const recordedAt = (await eventAt(7)).metadata.recordedAt;
    expect(recordedAt).toBe('2026-01-01T00:00:07.000Z');
    await run("UPDATE EVENTS SET metadata = replace(metadata, ?, '2025-12-31T09:00:00.000Z'), recorded_at = '2025-12-31T09:00:00.000Z' WHERE position = 7", [recordedAt]);
    expect(await f.audit.verify()).toEqual(failure(6, 0, 7, 'payload-changed'));
  });

  it('names a byte that breaks the stored JSON at its own position: payload-changed', async () => {
    await run("UPDATE EVENTS SET data = replace(data, '{', '[') WHERE position = 9");
    expect(await f.audit.verify()).toEqual(failure(8, 1, 9, 'payload-changed'));
  });

  it('reports two events of different streams swapped at the first of them: order-changed', async () => {
    await swap(4, 5);
    const report = await f.audit.verify();
    expect(report).toEqual(failure(3, 0, 4, 'order-changed'));
    expect(report.failure?.detail).toMatch(/recorded at position 5|now at position 5/);
  });

  it('reports two events of one stream swapped at the first of them: order-changed', async () => {
    await swap(3, 6);
    expect(await f.audit.verify()).toEqual(failure(2, 0, 3, 'order-changed'));
  });

  it('names a deleted event in the middle: position-missing', async () => {
    await run('DELETE FROM EVENTS WHERE position = 6');
    expect(await f.audit.verify()).toEqual(failure(5, 0, 6, 'position-missing'));
  });

  it('names a deleted last event, which only the checkpoint covering it reveals: position-missing', async () => {
    await run('DELETE FROM EVENTS WHERE position = 12');
    expect(await f.audit.verify()).toEqual(failure(11, 1, 12, 'position-missing', 12));
  });

  it('names the next event of the stream when an event was edited and re-hashed alone: link-broken', async () => {
    await rewrite(2, { n: 2, note: 'event 2, rewritten' });
    expect(await f.audit.verify()).toEqual(failure(4, 0, 5, 'link-broken'));
  });

  it('catches history rewritten with every hash and link recomputed by the signed root: checkpoint-root-mismatch', async () => {
    const newHash = await rewrite(2, { n: 2, note: 'event 2, rewritten' });
    let prev = newHash;
    for (const p of [5, 8, 11]) prev = await rewrite(p, undefined, prev);
    expect(await f.audit.verify()).toEqual(failure(8, 0, 8, 'checkpoint-root-mismatch', 8));
  });

  it('rejects a checkpoint whose root was edited: checkpoint-signature-invalid', async () => {
    await f.sql.run("UPDATE covenant_checkpoints SET root_hash = ? WHERE seq = 2", ['00'.repeat(32)]);
    expect(await f.audit.verify()).toEqual(failure(12, 1, 12, 'checkpoint-signature-invalid', 12));
  });

  it('rejects a forged checkpoint row signed with another key: checkpoint-signature-invalid', async () => {
    await f.store.appendToStream('contract-a', [{ type: 'Noted', data: { n: 13 } }]);
    const latest = await f.audit.latestCheckpoint();
    const forged = signCheckpoint(
      { treeSize: 13, rootHash: 'ab'.repeat(32), issuedAt: '2026-01-02T00:00:00.000Z', previousCheckpointHash: latest && checkpointHash(latest) },
      generateKeyPairSync('ed25519').privateKey,
    );
    await f.sql.run('INSERT INTO covenant_checkpoints (seq, tree_size, root_hash, issued_at, previous_checkpoint_hash, signature) VALUES (?, ?, ?, ?, ?, ?)', [
      3, forged.treeSize, forged.rootHash, forged.issuedAt, forged.previousCheckpointHash, forged.signature,
    ]);
    expect(await f.audit.verify()).toEqual(failure(13, 2, 13, 'checkpoint-signature-invalid', 13));
  });

  it('notices a checkpoint removed from the middle of the chain: checkpoint-chain-broken', async () => {
    await f.sql.run('DELETE FROM covenant_checkpoints WHERE seq = 1');
    expect(await f.audit.verify()).toEqual(failure(12, 0, 12, 'checkpoint-chain-broken', 12));
  });

  it('flags every checkpoint as unverifiable with another public key', async () => {
    expect(await f.audit.verify(newSigningKey().publicKey)).toEqual(failure(8, 0, 8, 'checkpoint-signature-invalid', 8));
  });

  it('refuses to sign a checkpoint over a tampered log, naming the position', async () => {
    await f.store.appendToStream('contract-b', [{ type: 'Noted', data: { n: 13, note: 'event 13' } }]);
    await run("UPDATE EVENTS SET data = replace(data, 'event 13', 'event 14') WHERE position = 13");
    await expect(f.audit.issueCheckpoint()).rejects.toMatchObject({ name: 'LogIntegrityError', position: 13, reason: 'payload-changed' });
    expect((await f.audit.latestCheckpoint())?.treeSize).toBe(12);
  });

  /** Exchanges the positions of two rows (through a free position: primary keys are checked per row). */
  async function swap(a: number, b: number): Promise<void> {
    await run('UPDATE EVENTS SET position = ? WHERE position = ?', [-1, a]);
    await run('UPDATE EVENTS SET position = ? WHERE position = ?', [a, b]);
    await run('UPDATE EVENTS SET position = ? WHERE position = ?', [b, -1]);
  }

  /** Replaces an event's data and/or prevHash and stores a correctly recomputed hash, as a careful forger would. */
  async function rewrite(position: number, data?: unknown, prevHash?: string): Promise<string> {
    const e = await eventAt(position);
    const changed = { ...e, data: data ?? e.data, prevHash: prevHash ?? e.prevHash };
    const hash = computeEventHash(changed);
    await run('UPDATE EVENTS SET data = ?, prev_hash = ?, hash = ? WHERE position = ?', [canonicalJson(changed.data), changed.prevHash, hash, position]);
    return hash;
  }
});
