import { CHANGE_LEVELS } from '../../governance/tiers';
import { DomainError, fail } from '../../shared/errors';
import { diffJson, Json } from '../../shared/json-diff';
import { money } from '../../shared/money';
import { addDays } from '../../shared/time';
import { requireId, requireOneOf, requireText } from '../../shared/validate';
import { ContractDecisionContext, requireGovernanceFor, requireMaster } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { requireActive, requirePartiesOfPartnership } from '../contract.guards';
import { ContractState, currentVersion } from '../contract.state';
import { checkWithinMaster } from '../lifecycle/draft';
import { validateTerms } from '../terms/validate-terms';
import { RequestChange } from './change.commands';
import { classifyChange } from './change.policy';

export function requestChange(c: RequestChange, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const s = requireActive(state);
  requireId('changeId', c.changeId);
  if (s.changes[c.changeId]) fail('CHANGE.ALREADY_EXISTS', undefined, { changeId: c.changeId });
  requireText('title', c.title, 200);
  requireText('rationale', c.rationale, 10_000);
  const proposedLevel = requireOneOf('proposedLevel', c.proposedLevel, CHANGE_LEVELS);
  const costImpact = money(c.costImpact?.amount, c.costImpact?.currency, 'costImpact');
  if (costImpact.currency !== s.terms.value.currency) {
    throw new DomainError('MONEY.CURRENCY_MISMATCH', `the cost impact must be in ${s.terms.value.currency}`, { field: 'costImpact' });
  }
  if (typeof c.proposedTerms !== 'object' || c.proposedTerms === null) fail('CHANGE.EMPTY');
  const proposed = validateTerms({ ...s.terms, ...c.proposedTerms });
  requirePartiesOfPartnership(proposed.parties, requireGovernanceFor(ctx, s.partnershipId));
  if (s.masterContractId !== null) checkWithinMaster(proposed.expiresAt, requireMaster(ctx, s.masterContractId));
  const diff = diffJson(s.terms as unknown as Json, proposed as unknown as Json);
  if (diff.length === 0) fail('CHANGE.EMPTY');
  const k = classifyChange({ proposedLevel, diff, costImpact, contractValue: s.terms.value, thresholdBps: s.terms.change.costImpactThresholdBps });
  const events: ContractEvent[] = [
    contractEvent('ChangeRequested', {
      contractId: s.contractId,
      changeId: c.changeId,
      title: c.title,
      rationale: c.rationale,
      proposedLevel,
      level: k.level,
      levelReasons: k.levelReasons,
      costImpact,
      costImpactPercent: k.costImpactPercent,
      baseTermsVersion: currentVersion(s).version,
      diff,
    }),
  ];
  if (k.reviewRequired) {
    const respondBy = addDays(c.occurredAt, s.terms.change.reviewResponseDays);
    events.push(contractEvent('CollaborativeReviewOpened', { contractId: s.contractId, changeId: c.changeId, respondBy }));
  }
  return events;
}
