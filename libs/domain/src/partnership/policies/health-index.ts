import { divideRoundHalfUp } from '../../shared/decimal';
import { DAY_MS, Instant, ms } from '../../shared/time';
import { HealthScores, LifeStage } from '../partnership.events';
import { AssessmentRecord, FormedPartnership } from '../partnership.state';

export type DimensionWeights = HealthScores;

/**
 * How much each dimension counts at each life stage (weights sum to 100). Forming partnerships live or
 * die by delivery, so operational weighs most; operating ones are balanced; renewing ones are judged
 * on the strategic value of going on. Exiting weighs delivery and relationship (a clean handover and
 * no new conflict) over strategy, which no longer matters.
 */
export function stageWeights(stage: LifeStage): DimensionWeights {
  switch (stage) {
    case 'forming':
      return { operational: 50, relational: 30, strategic: 20 };
    case 'operating':
      return { operational: 34, relational: 33, strategic: 33 };
    case 'renewing':
      return { operational: 20, relational: 30, strategic: 50 };
    case 'exiting':
      return { operational: 40, relational: 40, strategic: 20 };
    default: {
      const _exhaustive: never = stage;
      return _exhaustive;
    }
  }
}

export const DEFAULT_HEALTH_WINDOW_DAYS = 90;

export interface HealthIndex {
  asOf: Instant;
  stage: LifeStage;
  windowDays: number;
  /** 0–100 with one decimal, or null when no assessment fell in the window. */
  index: number | null;
  /** Mean score per dimension over the window, one decimal. */
  dimensions: { operational: number | null; relational: number | null; strategic: number | null };
  weights: DimensionWeights;
  /** The assessments the figure came from, oldest first: every score is traceable to its event. */
  assessmentIds: string[];
}

const DIMENSIONS = ['operational', 'relational', 'strategic'] as const;

/**
 * The partnership health index as of an instant: the assessments made in the trailing window (a
 * quarter by default, `(asOf - window, asOf]`), averaged per dimension and weighted by life stage.
 * Integer arithmetic throughout, rounded half up to one decimal.
 */
export function healthIndex(assessments: readonly AssessmentRecord[], stage: LifeStage, asOf: Instant, windowDays = DEFAULT_HEALTH_WINDOW_DAYS): HealthIndex {
  const end = ms(asOf);
  const start = end - windowDays * DAY_MS;
  const used = assessments
    .filter((a) => a.assessedAt !== null && ms(a.assessedAt) > start && ms(a.assessedAt) <= end)
    .sort((a, b) => ms(a.assessedAt ?? asOf) - ms(b.assessedAt ?? asOf));
  const weights = stageWeights(stage);
  if (used.length === 0) {
    return { asOf, stage, windowDays, index: null, dimensions: { operational: null, relational: null, strategic: null }, weights, assessmentIds: [] };
  }
  const n = BigInt(used.length);
  const sums = { operational: 0n, relational: 0n, strategic: 0n };
  for (const a of used) for (const d of DIMENSIONS) sums[d] += BigInt(a.scores[d]);
  const oneDecimal = (num: bigint, den: bigint): number => Number(divideRoundHalfUp(num * 10n, den)) / 10;
  const weighted = DIMENSIONS.reduce((acc, d) => acc + BigInt(weights[d]) * sums[d], 0n);
  const totalWeight = BigInt(weights.operational + weights.relational + weights.strategic);
  return {
    asOf,
    stage,
    windowDays,
    index: oneDecimal(weighted, n * totalWeight),
    dimensions: {
      operational: oneDecimal(sums.operational, n),
      relational: oneDecimal(sums.relational, n),
      strategic: oneDecimal(sums.strategic, n),
    },
    weights,
    assessmentIds: used.map((a) => a.assessmentId),
  };
}

/** The health index of a partnership (as replayed up to `asOf`), weighted by its life stage then. */
export function partnershipHealth(state: FormedPartnership, asOf: Instant, windowDays = DEFAULT_HEALTH_WINDOW_DAYS): HealthIndex {
  return healthIndex(state.assessments, state.stage, asOf, windowDays);
}
