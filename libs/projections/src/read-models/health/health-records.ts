import { AssessmentRecord, DAY_MS, DEFAULT_HEALTH_WINDOW_DAYS, HealthIndex, ms } from '@covenant/domain';

/** The columns of an assessment the index needs. */
export interface AssessmentScoreRow {
  assessment_id: string;
  position: number;
  occurred_at: string;
  operational: number;
  relational: number;
  strategic: number;
}

export const SCORE_COLUMNS = 'assessment_id, position, occurred_at, operational, relational, strategic';

export interface Contribution {
  assessmentId: string;
  position: number;
}

export const toRecord = (r: AssessmentScoreRow): AssessmentRecord => ({
  assessmentId: r.assessment_id,
  assessedAt: r.occurred_at,
  scores: { operational: Number(r.operational), relational: Number(r.relational), strategic: Number(r.strategic) },
});

/** The exclusive start of the trailing window ending at `asOf`, as stored text: `(start, asOf]`. */
export const windowStart = (asOf: string, windowDays = DEFAULT_HEALTH_WINDOW_DAYS): string => new Date(ms(asOf) - windowDays * DAY_MS).toISOString();

/** Each assessment the index came from, with the position of its event (traceability). */
export function contributions(index: HealthIndex, rows: readonly AssessmentScoreRow[]): Contribution[] {
  const positions = new Map(rows.map((r) => [r.assessment_id, Number(r.position)]));
  return index.assessmentIds.map((assessmentId) => ({ assessmentId, position: positions.get(assessmentId) as number }));
}

/** The report's sort key: the index in tenths, never-assessed (null) after every index. */
export const rankKey = (index: number | null): number => (index === null ? 1001 : Math.round(index * 10));
