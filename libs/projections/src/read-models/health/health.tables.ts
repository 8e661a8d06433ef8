import type { ReadModelTable } from '../../framework/table';

/**
 * One row per health assessment: its scores and source, the life stage in force when it was recorded,
 * its own index (its scores alone, weighted by that stage) and the partnership index as of the
 * assessment (the domain's `partnershipHealth` over the assessments known then, in the trailing
 * window ending at the assessment), with the assessments that index came from.
 */
export const HEALTH_ASSESSMENTS_TABLE: ReadModelTable = {
  name: 'rm_health_assessments',
  columns: [
    { name: 'partnership_id', kind: 'text' },
    { name: 'assessment_id', kind: 'text' },
    { name: 'position', kind: 'bigint' },
    { name: 'occurred_at', kind: 'text' },
    { name: 'recorded_at', kind: 'text' },
    { name: 'source', kind: 'json' },
    { name: 'notes', kind: 'text', nullable: true },
    { name: 'operational', kind: 'integer' },
    { name: 'relational', kind: 'integer' },
    { name: 'strategic', kind: 'integer' },
    { name: 'stage', kind: 'text' },
    { name: 'assessment_index', kind: 'real' },
    { name: 'partnership_index', kind: 'real' },
    { name: 'index_operational', kind: 'real' },
    { name: 'index_relational', kind: 'real' },
    { name: 'index_strategic', kind: 'real' },
    /** `[{ assessmentId, position }]`, oldest first: the events the partnership index came from. */
    { name: 'contributing', kind: 'json' },
  ],
  primaryKey: ['partnership_id', 'assessment_id'],
  indexes: [{ columns: ['partnership_id', 'occurred_at', 'position'] }],
};

/**
 * One row per partnership: the stage now, and the index as of its latest assessment weighted by the
 * stage now (recomputed when the stage changes), with the assessments it came from. "As of now" moves
 * with the clock, so it is computed at query time; this row is what the report sorts on.
 */
export const PARTNERSHIP_HEALTH_TABLE: ReadModelTable = {
  name: 'rm_partnership_health',
  columns: [
    { name: 'partnership_id', kind: 'text' },
    { name: 'name', kind: 'text' },
    { name: 'stage', kind: 'text' },
    { name: 'latest_index', kind: 'real', nullable: true },
    { name: 'latest_operational', kind: 'real', nullable: true },
    { name: 'latest_relational', kind: 'real', nullable: true },
    { name: 'latest_strategic', kind: 'real', nullable: true },
    { name: 'contributing', kind: 'json' },
    { name: 'assessments_count', kind: 'integer' },
    { name: 'last_assessed_at', kind: 'text', nullable: true },
    /** The index in tenths (0-1000), 1001 when never assessed: worst first, unassessed last. */
    { name: 'rank_key', kind: 'integer' },
    { name: 'version', kind: 'integer' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['partnership_id'],
  indexes: [{ columns: ['rank_key', 'partnership_id'] }, { columns: ['stage', 'rank_key', 'partnership_id'] }],
};
