import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AssessmentSource, DEFAULT_HEALTH_WINDOW_DAYS, DimensionWeights, HealthScores, healthIndex, LifeStage, stageWeights } from '@covenant/domain';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { PartnershipScope, restrictToScope } from '../../framework/partnership-scope';
import { ReadModelSource } from '../../framework/read-model-source';
import { canonicalInstant, canonicalOrUndefined } from '../partnerships/instant';
import { AssessmentScoreRow, Contribution, contributions, toRecord, windowStart } from './health-records';

export interface Dimensions {
  operational: number | null;
  relational: number | null;
  strategic: number | null;
}

export interface IndexFigure {
  /** 0–100 with one decimal; null when no assessment fell in the window. */
  index: number | null;
  dimensions: Dimensions;
  /** The assessments (and their events' positions) the figure came from, oldest first. */
  contributing: Contribution[];
}

export interface CurrentHealth extends IndexFigure {
  asOf: string;
  windowDays: number;
  stage: LifeStage;
  weights: DimensionWeights;
}

export interface HealthPoint extends IndexFigure {
  assessmentId: string;
  position: number;
  occurredAt: string;
  recordedAt: string;
  source: AssessmentSource;
  notes: string | null;
  scores: HealthScores;
  /** The life stage in force when the assessment was recorded, and its weights. */
  stage: LifeStage;
  weights: DimensionWeights;
  /** This assessment's scores alone, weighted by that stage. */
  assessmentIndex: number;
}

export interface PartnershipHealthView {
  partnershipId: string;
  name: string;
  stage: LifeStage;
  version: number;
  assessments: number;
  lastAssessedAt: string | null;
  /** As of `asOf` (default now), over the trailing window, weighted by the stage now: the domain's partnershipHealth. */
  current: CurrentHealth;
  /** One point per assessment in `occurredAt` order: the index as of each assessment, as known when it was recorded. */
  series: Page<HealthPoint>;
}

export interface HealthReportRow extends IndexFigure {
  partnershipId: string;
  name: string;
  stage: LifeStage;
  /** The index is as of the latest assessment, weighted by the stage now. */
  lastAssessedAt: string | null;
  assessments: number;
  /** No assessment in the trailing window at `asOf`: the figure is older than the window. */
  stale: boolean;
}

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const toPoint = (r: Row): HealthPoint => ({
  assessmentId: r.assessment_id as string,
  position: Number(r.position),
  occurredAt: r.occurred_at as string,
  recordedAt: r.recorded_at as string,
  source: JSON.parse(r.source as string) as AssessmentSource,
  notes: (r.notes as string | null) ?? null,
  scores: { operational: Number(r.operational), relational: Number(r.relational), strategic: Number(r.strategic) },
  stage: r.stage as LifeStage,
  weights: stageWeights(r.stage as LifeStage),
  assessmentIndex: Number(r.assessment_index),
  index: Number(r.partnership_index),
  dimensions: { operational: Number(r.index_operational), relational: Number(r.index_relational), strategic: Number(r.index_strategic) },
  contributing: JSON.parse(r.contributing as string) as Contribution[],
});

export interface HealthRange {
  /** Business time of the current figure (default now). */
  asOf: string;
  /** Series range on `occurredAt`, inclusive. */
  from?: string;
  to?: string;
}

/** A partnership's health: the figure now, and the series page by page; undefined when unknown. */
export async function partnershipHealth(source: ReadModelSource, partnershipId: string, range: HealthRange, page: PageRequest): Promise<PartnershipHealthView | undefined> {
  const row = await source.table('rm_partnership_health').where('t.partnership_id = :id', { id: partnershipId }).getOne();
  if (!row) return undefined;
  const asOf = canonicalInstant(range.asOf);
  const stage = row.stage as LifeStage;
  const inWindow = (await source
    .table('rm_health_assessments')
    .where('t.partnership_id = :id', { id: partnershipId })
    .andWhere('t.occurred_at > :start AND t.occurred_at <= :asOf', { start: windowStart(asOf), asOf })
    .getMany()) as unknown as AssessmentScoreRow[];
  const now = healthIndex(inWindow.map(toRecord), stage, asOf);
  const series = source.table('rm_health_assessments').where('t.partnership_id = :id', { id: partnershipId });
  const from = canonicalOrUndefined(range.from);
  const to = canonicalOrUndefined(range.to);
  if (from) series.andWhere('t.occurred_at >= :from', { from });
  if (to) series.andWhere('t.occurred_at <= :to', { to });
  return {
    partnershipId,
    name: row.name as string,
    stage,
    version: Number(row.version),
    assessments: Number(row.assessments_count),
    lastAssessedAt: (row.last_assessed_at as string | null) ?? null,
    current: {
      asOf,
      windowDays: DEFAULT_HEALTH_WINDOW_DAYS,
      stage,
      weights: now.weights,
      index: now.index,
      dimensions: now.dimensions,
      contributing: contributions(now, inWindow),
    },
    series: await paginate(
      series,
      [
        { column: 't.occurred_at', field: 'occurred_at', direction: 'ASC' },
        { column: 't.position', field: 'position', direction: 'ASC' },
      ],
      page,
      toPoint,
    ),
  };
}

/** The latest index of every partnership in the caller's scope, worst first (never assessed last), optionally of one life stage. */
export async function healthReport(source: ReadModelSource, filter: { stage?: LifeStage; asOf: string }, page: PageRequest, scope?: PartnershipScope): Promise<Page<HealthReportRow>> {
  const qb = restrictToScope(source.table('rm_partnership_health'), scope);
  if (filter.stage) qb.andWhere('t.stage = :stage', { stage: filter.stage });
  const staleBefore = windowStart(canonicalInstant(filter.asOf));
  return paginate(
    qb,
    [
      { column: 't.rank_key', field: 'rank_key', direction: 'ASC' },
      { column: 't.partnership_id', field: 'partnership_id', direction: 'ASC' },
    ],
    page,
    (r): HealthReportRow => {
      const last = (r.last_assessed_at as string | null) ?? null;
      return {
        partnershipId: r.partnership_id as string,
        name: r.name as string,
        stage: r.stage as LifeStage,
        index: num(r.latest_index),
        dimensions: { operational: num(r.latest_operational), relational: num(r.latest_relational), strategic: num(r.latest_strategic) },
        contributing: JSON.parse(r.contributing as string) as Contribution[],
        lastAssessedAt: last,
        assessments: Number(r.assessments_count),
        stale: last === null || last <= staleBefore,
      };
    },
  );
}

/** `GET /partnerships/{id}/health`; undefined when the partnership is unknown. `asOf` defaults to now. */
export class PartnershipHealthQuery extends Query<PartnershipHealthView | undefined> {
  constructor(
    readonly partnershipId: string,
    readonly range: Partial<HealthRange>,
    readonly page: PageRequest,
  ) {
    super();
  }
}

/** `GET /reports/health`, over the caller's scope. `asOf` (default now) only decides which figures are stale. */
export class HealthReportQuery extends Query<Page<HealthReportRow>> {
  constructor(
    readonly filter: { stage?: LifeStage; asOf?: string },
    readonly page: PageRequest,
    readonly partnershipScope: PartnershipScope,
  ) {
    super();
  }
}

@QueryHandler(PartnershipHealthQuery)
export class PartnershipHealthHandler implements IQueryHandler<PartnershipHealthQuery, PartnershipHealthView | undefined> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ partnershipId, range, page }: PartnershipHealthQuery): Promise<PartnershipHealthView | undefined> {
    return partnershipHealth(this.source, partnershipId, { ...range, asOf: range.asOf ?? new Date().toISOString() }, page);
  }
}

@QueryHandler(HealthReportQuery)
export class HealthReportHandler implements IQueryHandler<HealthReportQuery, Page<HealthReportRow>> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page, partnershipScope }: HealthReportQuery): Promise<Page<HealthReportRow>> {
    return healthReport(this.source, { ...filter, asOf: filter.asOf ?? new Date().toISOString() }, page, partnershipScope);
  }
}

export const HEALTH_QUERY_HANDLERS = [PartnershipHealthHandler, HealthReportHandler];
