import { runStory } from '@covenant/testing/domain-story';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { auditTrailProjection } from './audit-trail.projection';
import { auditTrail } from './audit-trail.queries';

describe.each(['sqlite', 'postgres'] as const)('audit trail on %s', (engine) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([auditTrailProjection]) : await ProjectionHarness.postgres([auditTrailProjection]);
  });
  afterEach(() => h.close());

  it('records every event of a stream with both times, actor and hash link, inline with the append', async () => {
    await h.append('contract-c1', [
      { type: 'ContractSigned', schemaVersion: 1, data: { contractId: 'c1', partyId: 'acme', signatoryName: 'A' }, occurredAt: '2025-01-01T10:00:00.000Z' },
      { type: 'ContractSigned', schemaVersion: 1, data: { contractId: 'c1', partyId: 'globex', signatoryName: 'G' }, occurredAt: '2025-01-02T10:00:00.000Z' },
    ], 'carol');
    const rows = await h.rows('rm_audit_trail', 'position');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ position: 1, stream_id: 'contract-c1', stream_version: 0, type: 'ContractSigned', occurred_at: '2025-01-01T10:00:00.000Z', actor_id: 'carol', prev_hash: null });
    expect(rows[1].prev_hash).toBe(rows[0].hash);
  });

  it('gives the same rows when every event is applied twice', async () => {
    const story = runStory();
    for (const [streamId, events] of Object.entries(story.streams)) await h.append(streamId, events);
    const before = await h.rows('rm_audit_trail', 'position');
    await h.reapplyEverything();
    expect(await h.rows('rm_audit_trail', 'position')).toEqual(before);
    expect(before.length).toBeGreaterThan(50);
  });

  it('pages a stream in chain order through TypeORM with an opaque cursor', async () => {
    const story = runStory();
    for (const [streamId, events] of Object.entries(story.streams)) await h.append(streamId, events);
    const source = await h.source();
    const streamId = Object.keys(story.streams).find((s) => s.startsWith('contract-')) as string;
      const first = await auditTrail(source, { streamId }, { limit: 5 });
      expect(first.items.map((e) => e.version)).toEqual([0, 1, 2, 3, 4]);
      const second = await auditTrail(source, { streamId }, { limit: 5, cursor: first.nextCursor as string });
    expect(second.items[0].version).toBe(5);
  });
});
