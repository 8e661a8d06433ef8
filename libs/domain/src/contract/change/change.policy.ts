import { ChangeLevel, higherChangeLevel, Tier, tierForChangeLevel } from '../../governance/tiers';
import { percentString } from '../../shared/decimal';
import { JsonChange } from '../../shared/json-diff';
import { abs, exceedsShare, minor, Money } from '../../shared/money';
import { ChangeState } from '../contract.state';
import { touchesFundamentalTerms } from '../terms/contract-terms';
import { ChangeLevelReason } from './change.events';

export interface ChangeClassification {
  level: ChangeLevel;
  levelReasons: ChangeLevelReason[];
  reviewRequired: boolean;
  costImpactPercent: string | null;
  fundamentalPaths: string[];
}

/**
 * 3-2-1 classification. The requester proposes a level; the rules can only raise it: a cost impact
 * strictly above the threshold (share of the contract value, either sign) makes it at least
 * significant and opens a collaborative review; touching parties, term length or termination rights
 * makes it fundamental.
 */
export function classifyChange(input: { proposedLevel: ChangeLevel; diff: readonly JsonChange[]; costImpact: Money; contractValue: Money; thresholdBps: number }): ChangeClassification {
  const impact = abs(input.costImpact);
  const aboveThreshold = exceedsShare(impact, input.contractValue, input.thresholdBps);
  const fundamentalPaths = touchesFundamentalTerms(input.diff.map((d) => d.path));
  let level = input.proposedLevel;
  const levelReasons: ChangeLevelReason[] = ['proposed'];
  if (aboveThreshold) {
    levelReasons.push('cost-impact-above-threshold');
    level = higherChangeLevel(level, 'significant');
  }
  if (fundamentalPaths.length > 0) {
    levelReasons.push('fundamental-terms');
    level = 'fundamental';
  }
  const value = minor(input.contractValue);
  return {
    level,
    levelReasons,
    reviewRequired: aboveThreshold,
    costImpactPercent: value === 0n ? null : percentString(minor(impact), value < 0n ? -value : value),
    fundamentalPaths,
  };
}

/**
 * Who decides a change now: the tier owning its level (or a higher one); once a change went to
 * mediation, the one ultimate decision authority, the executive sponsors.
 */
export function decidingTier(change: ChangeState): Tier {
  return change.status === 'in-mediation' ? 'executive' : tierForChangeLevel(change.level);
}
