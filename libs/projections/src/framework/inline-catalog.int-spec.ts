import Database from 'better-sqlite3';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { auditTrailProjection } from '../read-models/audit-trail/audit-trail.projection';
import { setPosition } from './catalog';

/*
 * On SQLite the inline projector skips reading the catalog when its own last append left every target
 * right before the new events. These are the ways the catalog can change behind it; after each, the
 * next append must see the real checkpoint (and skip, leaving the gap to catch-up), never apply on top
 * of a hole.
 */
describe('inline projections on sqlite re-read the catalog whenever it may have changed', () => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = await ProjectionHarness.sqlite([auditTrailProjection]);
  });
  afterEach(() => h.close());

  // The audit trail records any domain event from its envelope alone; the payload is never read.
  const event = (n: number) => ({ type: 'ContractSigned', schemaVersion: 1, data: { n }, metadata: { actorId: 'tester' } });
  const auditPositions = async () => (await h.rows('rm_audit_trail', 'position')).map((r) => Number(r.position));
  const checkpoint = async () => Number((await h.projector.catalog()).find((r) => r.name === 'audit-trail')?.position);

  it('after another connection appended without the projection: the next append is skipped, catch-up fills both in', async () => {
    await h.store.appendToStream('note-a', [event(1)]);
    await h.store.appendToStream('note-a', [event(2)]);
    const other = new SqliteEventStore({ file: (h.connection as { file: string }).file });
    try {
      await other.appendToStream('note-b', [event(3)]);
    } finally {
      await other.close();
    }
    await h.store.appendToStream('note-a', [event(4)]);
    expect(await auditPositions()).toEqual([1, 2]);
    expect(await checkpoint()).toBe(2);
    await h.project();
    expect(await auditPositions()).toEqual([1, 2, 3, 4]);
    await h.store.appendToStream('note-a', [event(5)]);
    expect(await auditPositions()).toEqual([1, 2, 3, 4, 5]);
  });

  it('after another process changed the catalog without appending (say, a rebuild there): the next append is skipped', async () => {
    await h.store.appendToStream('note-a', [event(1)]);
    await h.store.appendToStream('note-a', [event(2)]);
    const other = new Database((h.connection as { file: string }).file);
    try {
      // What setPosition does: the projection leaves the inline cohort with a checkpoint of its own.
      other.prepare("UPDATE covenant_projections SET position = 1, cohort = NULL WHERE name = 'audit-trail'").run();
    } finally {
      other.close();
    }
    await h.store.appendToStream('note-a', [event(3)]);
    expect(await checkpoint()).toBe(1);
    expect(await auditPositions()).toEqual([1, 2]);
  });

  it('after this connection moved the checkpoint itself: the next append is skipped', async () => {
    await h.store.appendToStream('note-a', [event(1)]);
    await h.store.appendToStream('note-a', [event(2)]);
    await h.db.transact(() => setPosition(['audit-trail'], 1, '2026-01-01T00:00:00.000Z'));
    await h.store.appendToStream('note-a', [event(3)]);
    expect(await checkpoint()).toBe(1);
    expect(await auditPositions()).toEqual([1, 2]);
  });

  it('after an append rolled back once its projections had run: the next append applies at the right position', async () => {
    await h.store.appendToStream('note-a', [event(1)]);
    const failing = () => {
      throw new Error('refused after the inline projections ran');
    };
    await expect(h.store.appendToStream('note-a', [event(2), event(3)], { inTransaction: failing })).rejects.toThrow('refused');
    expect(await checkpoint()).toBe(1);
    await h.store.appendToStream('note-a', [event(2)]);
    await h.store.appendToStream('note-a', [event(3)]);
    expect(await auditPositions()).toEqual([1, 2, 3]);
    expect(await checkpoint()).toBe(3);
  });
});
