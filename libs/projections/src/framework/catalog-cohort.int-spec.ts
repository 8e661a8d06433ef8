import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { auditTrailProjection } from '../read-models/audit-trail/audit-trail.projection';
import { accessLogProjection } from '../read-models/access-log/access-log.projection';
import { setPosition } from './catalog';

/*
 * Inline projections advance together, so their checkpoints live in one cohort row and an append
 * writes that row alone. These guard what the catalog then says: every projection's effective
 * checkpoint, a projection leaving the cohort when anything else sets its checkpoint, and catalogs
 * from before cohorts.
 */
describe.each([
  ['sqlite', () => ProjectionHarness.sqlite([auditTrailProjection, accessLogProjection])],
  ['postgres', () => ProjectionHarness.postgres([auditTrailProjection, accessLogProjection])],
])('the inline cohort on %s', (_engine, open) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(() => h.close());

  const event = (n: number) => ({ type: 'ContractSigned', schemaVersion: 1, data: { n }, metadata: { actorId: 'tester' } });
  const append = (n: number) => h.store.appendToStream('note-a', [event(n)]);
  const checkpoints = async () => Object.fromEntries((await h.projector.catalog()).map((r) => [r.name, Number(r.position)]));
  const stored = async () =>
    Object.fromEntries(
      (await h.db.query<{ name: string; position: number; cohort: string | null }>('SELECT name, position, cohort FROM covenant_projections')).map((r) => [
        r.name,
        { position: Number(r.position), cohort: r.cohort },
      ]),
    );
  const auditPositions = async () => (await h.rows('rm_audit_trail', 'position')).map((r) => Number(r.position));

  it('advances every inline projection through the one cohort row', async () => {
    for (const n of [1, 2, 3]) await append(n);
    expect(await checkpoints()).toEqual({ 'audit-trail': 3, 'access-log': 3 });
    // The projections' own rows were not written per append: they point at the cohort.
    expect(await stored()).toEqual({ 'audit-trail': { position: 0, cohort: 'inline' }, 'access-log': { position: 0, cohort: 'inline' } });
  });

  it('takes a projection out of the cohort when its checkpoint is set on its own; the others keep following', async () => {
    for (const n of [1, 2, 3]) await append(n);
    await h.db.transact(() => setPosition(['audit-trail'], 1, '2026-01-01T00:00:00.000Z'));
    expect(await checkpoints()).toEqual({ 'audit-trail': 1, 'access-log': 3 });

    await append(4);
    expect(await checkpoints()).toEqual({ 'audit-trail': 1, 'access-log': 4 });
    expect(await auditPositions()).toEqual([1, 2, 3]);

    await h.project();
    expect(await checkpoints()).toEqual({ 'audit-trail': 4, 'access-log': 4 });
    await append(5);
    expect(await checkpoints()).toEqual({ 'audit-trail': 5, 'access-log': 5 });
    expect(await auditPositions()).toEqual([1, 2, 3, 4, 5]);
    expect(Object.values(await stored()).map((r) => r.cohort)).toEqual(['inline', 'inline']);
  });

  it('adds the cohort column to a catalog from before cohorts, keeping every checkpoint', async () => {
    for (const n of [1, 2]) await append(n);
    await h.db.transact(() => setPosition(['audit-trail', 'access-log'], 2, '2026-01-01T00:00:00.000Z'));
    await h.db.exec(['ALTER TABLE covenant_projections DROP COLUMN cohort']);
    await h.projector.ensureSchema();
    expect(await checkpoints()).toEqual({ 'audit-trail': 2, 'access-log': 2 });
    await append(3);
    expect(await checkpoints()).toEqual({ 'audit-trail': 3, 'access-log': 3 });
  });
});
