import { PartnershipEvent } from './partnership.events';
import { PartnershipState } from './partnership.state';

export function evolvePartnership(state: PartnershipState, event: PartnershipEvent): PartnershipState {
  if (event.type === 'PartnershipFormed') {
    const d = event.data;
    return {
      status: 'formed',
      partnershipId: d.partnershipId,
      name: d.name,
      parties: d.parties,
      stage: d.stage,
      charter: null,
      memberships: [],
      reviewIds: [],
      assessments: [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'GovernanceCharterAdopted':
      return {
        ...state,
        charter: { version: event.data.charterVersion, tiers: event.data.tiers, businessReviewCadenceDays: event.data.businessReviewCadenceDays },
      };
    case 'GovernanceMemberAppointed': {
      const { personId, name, partyId, tier, from } = event.data;
      return { ...state, memberships: [...state.memberships, { personId, name, partyId, tier, from }] };
    }
    case 'GovernanceMemberRemoved':
      return {
        ...state,
        memberships: state.memberships.map((m) => (m.personId === event.data.personId && m.until === undefined ? { ...m, until: event.data.until } : m)),
      };
    case 'BusinessReviewHeld':
      return { ...state, reviewIds: [...state.reviewIds, event.data.reviewId] };
    case 'HealthAssessmentRecorded':
      return {
        ...state,
        assessments: [...state.assessments, { assessmentId: event.data.assessmentId, assessedAt: event.occurredAt ?? null, scores: event.data.scores }],
      };
    case 'PartnershipStageChanged':
      return { ...state, stage: event.data.to };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
