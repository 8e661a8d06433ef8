import { healthIndex, HealthAssessmentRecorded, LifeStage, PARTNERSHIP_EVENT_TYPES, PartnershipFormed, PartnershipStageChanged } from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import { stableJson } from '../partnerships/stable-json';
import { AssessmentScoreRow, contributions, rankKey, SCORE_COLUMNS, toRecord, windowStart } from './health-records';
import { HEALTH_ASSESSMENTS_TABLE, PARTNERSHIP_HEALTH_TABLE } from './health.tables';

type Gen = Generator<SqlOp, void, unknown>;

interface HealthRow {
  stage: LifeStage;
  last_assessed_at: string | null;
  last_position: number;
}

const TOUCH = 'version = ?, last_position = ? WHERE partnership_id = ? AND last_position < ?';

function* touch(sql: SqlOps, e: ProjectedEvent, partnershipId: string, sets: string, params: readonly unknown[]): Gen {
  yield* sql.run(`UPDATE {rm_partnership_health} SET ${sets}${sets ? ', ' : ''}${TOUCH}`, [...params, e.version, e.position, partnershipId, e.position]);
}

function* current(sql: SqlOps, partnershipId: string, e: ProjectedEvent): Generator<SqlOp, HealthRow | undefined, unknown> {
  const row = yield* sql.get<HealthRow>('SELECT stage, last_assessed_at, last_position FROM {rm_partnership_health} WHERE partnership_id = ?', [partnershipId]);
  return row && row.last_position < e.position ? row : undefined;
}

/** The assessments known before `position` that occurred in `(from, to]`. */
function* known(sql: SqlOps, partnershipId: string, position: number, from: string, to: string): Generator<SqlOp, AssessmentScoreRow[], unknown> {
  return yield* sql.all<AssessmentScoreRow>(
    `SELECT ${SCORE_COLUMNS} FROM {rm_health_assessments} WHERE partnership_id = ? AND position < ? AND occurred_at > ? AND occurred_at <= ?`,
    [partnershipId, position, from, to],
  );
}

const LATEST = 'latest_index = ?, latest_operational = ?, latest_relational = ?, latest_strategic = ?, contributing = ?, rank_key = ?';

function latestParams(index: ReturnType<typeof healthIndex>, rows: readonly AssessmentScoreRow[]): unknown[] {
  const d = index.dimensions;
  return [index.index, d.operational, d.relational, d.strategic, JSON.stringify(contributions(index, rows)), rankKey(index.index)];
}

function* assessed(sql: SqlOps, e: ProjectedEvent<HealthAssessmentRecorded['data']>): Gen {
  const d = e.data;
  const row = yield* current(sql, d.partnershipId, e);
  if (!row) return;
  const at = e.occurredAt;
  // The latest assessment may be an earlier one recorded before this (a backdated survey).
  const latestAt = row.last_assessed_at !== null && row.last_assessed_at > at ? row.last_assessed_at : at;
  const self: AssessmentScoreRow = { assessment_id: d.assessmentId, position: e.position, occurred_at: at, ...d.scores };
  const rows = [...(yield* known(sql, d.partnershipId, e.position, windowStart(at), latestAt)), self];
  const records = rows.map(toRecord);
  // Exactly the domain's figures: the stage in force now, the assessments known now, the window ending then.
  const point = healthIndex(records, row.stage, at);
  const alone = healthIndex([toRecord(self)], row.stage, at);
  const latest = latestAt === at ? point : healthIndex(records, row.stage, latestAt);
  yield* sql.run(
    `INSERT INTO {rm_health_assessments} (partnership_id, assessment_id, position, occurred_at, recorded_at, source, notes, operational, relational, strategic,
      stage, assessment_index, partnership_index, index_operational, index_relational, index_strategic, contributing)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partnership_id, assessment_id) DO NOTHING`,
    [
      d.partnershipId,
      d.assessmentId,
      e.position,
      at,
      e.recordedAt,
      stableJson(d.source),
      d.notes ?? null,
      d.scores.operational,
      d.scores.relational,
      d.scores.strategic,
      row.stage,
      alone.index,
      point.index,
      point.dimensions.operational,
      point.dimensions.relational,
      point.dimensions.strategic,
      JSON.stringify(contributions(point, rows)),
    ],
  );
  yield* touch(sql, e, d.partnershipId, `${LATEST}, assessments_count = assessments_count + 1, last_assessed_at = ?`, [...latestParams(latest, rows), latestAt]);
}

/**
 * The index weights the dimensions by the stage the partnership is in now (as the domain's
 * `partnershipHealth` does), so a stage change re-weighs the latest index over the same assessments.
 * The series keeps each past point as it was, weighted by the stage then.
 */
function* stageChanged(sql: SqlOps, e: ProjectedEvent<PartnershipStageChanged['data']>): Gen {
  const { partnershipId, to } = e.data;
  const row = yield* current(sql, partnershipId, e);
  if (!row) return;
  if (row.last_assessed_at === null) return yield* touch(sql, e, partnershipId, 'stage = ?', [to]);
  const rows = yield* known(sql, partnershipId, e.position, windowStart(row.last_assessed_at), row.last_assessed_at);
  const latest = healthIndex(rows.map(toRecord), to, row.last_assessed_at);
  yield* touch(sql, e, partnershipId, `stage = ?, ${LATEST}`, [to, ...latestParams(latest, rows)]);
}

/**
 * Partnership health: every assessment with the index it gave, and each partnership's latest index,
 * computed with the domain's health-index policy (stage weights, trailing window, rounding) so the
 * read model says exactly what the domain says. Every partnership event moves `version` (the ETag).
 */
export const healthProjection: Projection = {
  name: 'health',
  version: 1,
  handles: PARTNERSHIP_EVENT_TYPES,
  tables: [HEALTH_ASSESSMENTS_TABLE, PARTNERSHIP_HEALTH_TABLE],
  *apply(event, sql) {
    const partnershipId = (event.data as { partnershipId: string }).partnershipId;
    switch (event.type) {
      case 'PartnershipFormed': {
        const d = event.data as PartnershipFormed['data'];
        return yield* sql.run(
          `INSERT INTO {rm_partnership_health} (partnership_id, name, stage, latest_index, latest_operational, latest_relational, latest_strategic, contributing,
            assessments_count, last_assessed_at, rank_key, version, last_position) VALUES (?, ?, ?, NULL, NULL, NULL, NULL, '[]', 0, NULL, ?, ?, ?)
           ON CONFLICT (partnership_id) DO NOTHING`,
          [d.partnershipId, d.name, d.stage, rankKey(null), event.version, event.position],
        );
      }
      case 'HealthAssessmentRecorded':
        return yield* assessed(sql, event as ProjectedEvent<HealthAssessmentRecorded['data']>);
      case 'PartnershipStageChanged':
        return yield* stageChanged(sql, event as ProjectedEvent<PartnershipStageChanged['data']>);
      default:
        return yield* touch(sql, event, partnershipId, '', []);
    }
  },
};
