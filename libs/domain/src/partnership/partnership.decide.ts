import { requireDecisionRight } from '../governance/governance';
import { TIERS } from '../governance/tiers';
import { DomainError, fail, invalid } from '../shared/errors';
import { compact } from '../shared/event';
import { isBefore, requireInstant } from '../shared/time';
import { requireId, requireInt, requireOneOf, requireText, requireUnique } from '../shared/validate';
import {
  AdoptGovernanceCharter,
  AppointGovernanceMember,
  ChangePartnershipStage,
  FormPartnership,
  HoldBusinessReview,
  RecordHealthAssessment,
  RemoveGovernanceMember,
} from './partnership.commands';
import { BUSINESS_REVIEW_KINDS, LIFE_STAGES, PartnershipEvent, partnershipEvent } from './partnership.events';
import { requireFormed } from './partnership.governance';
import { PartnershipState } from './partnership.state';
import { DEFAULT_BUSINESS_REVIEW_CADENCE_DAYS, DEFAULT_CHARTER_TIERS } from './policies/default-charter';
import { allowedNextStages } from './policies/stage-transitions';

export function formPartnership(c: FormPartnership, state: PartnershipState): PartnershipEvent[] {
  if (state.status !== 'none') fail('PARTNERSHIP.ALREADY_EXISTS');
  requireId('partnershipId', c.partnershipId);
  requireText('name', c.name, 200);
  if (!Array.isArray(c.parties) || c.parties.length < 2) invalid('parties', 'min-2', 'a partnership has at least two parties');
  c.parties.forEach((p, i) => {
    requireId(`parties[${i}].partyId`, p.partyId);
    requireText(`parties[${i}].name`, p.name, 200);
  });
  requireUnique('parties', c.parties.map((p) => p.partyId));
  const parties = c.parties.map((p) => ({ partyId: p.partyId, name: p.name }));
  return [partnershipEvent('PartnershipFormed', { partnershipId: c.partnershipId, name: c.name, parties, stage: 'forming' })];
}

/**
 * Adopting (or re-adopting, which amends) the charter records what the parties agreed elsewhere: the
 * engine keeps the structure, the parties' own processes decide it. Every tier appears exactly once.
 */
export function adoptGovernanceCharter(c: AdoptGovernanceCharter, state: PartnershipState): PartnershipEvent[] {
  const p = requireFormed(state);
  const tiers = c.tiers ?? DEFAULT_CHARTER_TIERS;
  tiers.forEach((t, i) => {
    requireOneOf(`tiers[${i}].tier`, t.tier, TIERS);
    requireText(`tiers[${i}].name`, t.name, 200);
    if (!Array.isArray(t.decisionRights)) invalid(`tiers[${i}].decisionRights`, 'array');
    t.decisionRights.forEach((r, j) => requireText(`tiers[${i}].decisionRights[${j}]`, r, 500));
  });
  if (tiers.length !== TIERS.length || new Set(tiers.map((t) => t.tier)).size !== TIERS.length) {
    invalid('tiers', 'three-tiers', 'the charter has exactly the operational, steering and executive tiers');
  }
  const cadence = requireInt('businessReviewCadenceDays', c.businessReviewCadenceDays ?? DEFAULT_BUSINESS_REVIEW_CADENCE_DAYS, 1, 3660);
  const ordered = TIERS.map((t) => tiers.find((x) => x.tier === t)).filter((t) => t !== undefined);
  return [
    partnershipEvent('GovernanceCharterAdopted', {
      partnershipId: p.partnershipId,
      charterVersion: (p.charter?.version ?? 0) + 1,
      tiers: ordered.map((t) => ({ tier: t.tier, name: t.name, decisionRights: [...t.decisionRights] })),
      businessReviewCadenceDays: cadence,
    }),
  ];
}

/** A person holds one seat at a time; moving tier is a removal then an appointment. */
export function appointGovernanceMember(c: AppointGovernanceMember, state: PartnershipState): PartnershipEvent[] {
  const p = requireFormed(state);
  if (p.charter === null) fail('GOVERNANCE.NO_CHARTER');
  requireId('personId', c.personId);
  requireText('name', c.name, 200);
  requireOneOf('tier', c.tier, TIERS);
  const from = requireInstant('effectiveFrom', c.effectiveFrom ?? c.occurredAt);
  if (!p.parties.some((x) => x.partyId === c.partyId)) fail('PARTNERSHIP.UNKNOWN_PARTY', undefined, { partyId: c.partyId });
  if (p.memberships.some((m) => m.personId === c.personId && m.until === undefined)) {
    fail('GOVERNANCE.ALREADY_MEMBER', undefined, { personId: c.personId });
  }
  return [
    partnershipEvent('GovernanceMemberAppointed', { partnershipId: p.partnershipId, personId: c.personId, name: c.name, partyId: c.partyId, tier: c.tier, from }),
  ];
}

export function removeGovernanceMember(c: RemoveGovernanceMember, state: PartnershipState): PartnershipEvent[] {
  const p = requireFormed(state);
  requireText('reason', c.reason);
  const until = requireInstant('effectiveUntil', c.effectiveUntil ?? c.occurredAt);
  const seat = p.memberships.find((m) => m.personId === c.personId && m.until === undefined);
  if (!seat) fail('GOVERNANCE.NOT_A_MEMBER', undefined, { personId: c.personId });
  if (isBefore(until, seat.from)) invalid('effectiveUntil', 'after-appointment', 'a seat cannot be left before it was taken');
  return [
    partnershipEvent('GovernanceMemberRemoved', { partnershipId: p.partnershipId, personId: c.personId, partyId: seat.partyId, tier: seat.tier, until, reason: c.reason }),
  ];
}

export function holdBusinessReview(c: HoldBusinessReview, state: PartnershipState): PartnershipEvent[] {
  const p = requireFormed(state);
  requireId('reviewId', c.reviewId);
  requireOneOf('kind', c.kind, BUSINESS_REVIEW_KINDS);
  requireText('summary', c.summary, 10_000);
  if (!Array.isArray(c.attendees) || c.attendees.length === 0) invalid('attendees', 'min-1', 'a review has at least one attendee');
  c.attendees.forEach((a, i) => requireId(`attendees[${i}]`, a));
  requireUnique('attendees', c.attendees);
  const contractIds = c.contractIds ?? [];
  contractIds.forEach((id, i) => requireId(`contractIds[${i}]`, id));
  if (p.reviewIds.includes(c.reviewId)) fail('PARTNERSHIP.REVIEW_ALREADY_EXISTS', undefined, { reviewId: c.reviewId });
  return [
    partnershipEvent('BusinessReviewHeld', {
      partnershipId: p.partnershipId,
      reviewId: c.reviewId,
      kind: c.kind,
      attendees: [...c.attendees],
      summary: c.summary,
      contractIds: [...contractIds],
    }),
  ];
}

export function recordHealthAssessment(c: RecordHealthAssessment, state: PartnershipState): PartnershipEvent[] {
  const p = requireFormed(state);
  requireId('assessmentId', c.assessmentId);
  requireInt('scores.operational', c.scores?.operational, 0, 100);
  requireInt('scores.relational', c.scores?.relational, 0, 100);
  requireInt('scores.strategic', c.scores?.strategic, 0, 100);
  if (p.assessments.some((a) => a.assessmentId === c.assessmentId)) fail('PARTNERSHIP.ASSESSMENT_ALREADY_EXISTS', undefined, { assessmentId: c.assessmentId });
  const source = c.source;
  switch (source?.kind) {
    case 'business-review':
      if (!p.reviewIds.includes(source.reviewId)) fail('PARTNERSHIP.REVIEW_NOT_FOUND', undefined, { reviewId: source.reviewId });
      break;
    case 'survey':
      requireId('source.surveyId', source.surveyId);
      break;
    case 'other':
      requireText('source.description', source.description, 500);
      break;
    default: {
      const _exhaustive: never = source;
      invalid('source.kind', 'one-of', `source.kind must be business-review, survey or other, not ${JSON.stringify(_exhaustive)}`);
    }
  }
  const { operational, relational, strategic } = c.scores;
  return [
    partnershipEvent(
      'HealthAssessmentRecorded',
      compact({ partnershipId: p.partnershipId, assessmentId: c.assessmentId, source, scores: { operational, relational, strategic }, notes: c.notes }),
    ),
  ];
}

/** A life-stage change is a strategic decision: the executive sponsors take it. */
export function changePartnershipStage(c: ChangePartnershipStage, state: PartnershipState): PartnershipEvent[] {
  const p = requireFormed(state);
  requireOneOf('stage', c.stage, LIFE_STAGES);
  requireText('reason', c.reason);
  requireInstant('occurredAt', c.occurredAt);
  if (p.charter === null) fail('GOVERNANCE.NO_CHARTER');
  requireDecisionRight({ partnershipId: p.partnershipId, parties: p.parties, charterAdopted: true, memberships: p.memberships }, c.actorId, 'executive', c.occurredAt, 'change the life stage');
  if (!allowedNextStages(p.stage).includes(c.stage)) {
    throw new DomainError('PARTNERSHIP.ILLEGAL_STAGE_TRANSITION', `${p.stage} → ${c.stage} is not a life-stage transition`, { from: p.stage, to: c.stage });
  }
  return [partnershipEvent('PartnershipStageChanged', { partnershipId: p.partnershipId, from: p.stage, to: c.stage, reason: c.reason })];
}
