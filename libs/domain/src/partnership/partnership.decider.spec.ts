import { deciderSpec } from '@covenant/testing/given-when-then';
import { aPartnershipWithCharter, at, charterAdopted, days, memberAppointed, partnershipFormed, PARTNERSHIP_ID, PEOPLE, T0 } from '@covenant/testing/builders';
import { partnershipDecider } from './partnership.decider';
import { partnershipEvent } from './partnership.events';
import { DEFAULT_CHARTER_TIERS } from './policies/default-charter';

const spec = deciderSpec(partnershipDecider);
const base = { actorId: 'mallory', occurredAt: T0 };

describe('Partnership decider', () => {
  describe('FormPartnership', () => {
    const form = { ...base, type: 'FormPartnership' as const, partnershipId: PARTNERSHIP_ID, name: 'Acme × Globex', parties: [{ partyId: 'acme', name: 'Acme Corp' }, { partyId: 'globex', name: 'Globex Services' }] };

    it('a partnership is formed by two or more parties, in the forming stage', () => {
      spec.given().when(form).then(partnershipEvent('PartnershipFormed', { partnershipId: PARTNERSHIP_ID, name: 'Acme × Globex', parties: form.parties, stage: 'forming' }));
    });
    it('a partnership is formed once', () => {
      spec.given(partnershipFormed()).when(form).thenError('PARTNERSHIP.ALREADY_EXISTS');
    });
    it('a partnership needs at least two distinct parties', () => {
      spec.given().when({ ...form, parties: [form.parties[0]] }).thenError('COMMAND.INVALID');
      spec.given().when({ ...form, parties: [form.parties[0], form.parties[0]] }).thenError('COMMAND.INVALID');
    });
    it('a command needs a valid decision date', () => {
      spec.given().when({ ...form, occurredAt: '2025-01-06' }).thenError('COMMAND.INVALID');
    });
  });

  describe('AdoptGovernanceCharter', () => {
    it('the charter has the three tiers (defaults to the 3-2-1 charter)', () => {
      spec
        .given(partnershipFormed())
        .when({ ...base, type: 'AdoptGovernanceCharter' })
        .then(partnershipEvent('GovernanceCharterAdopted', { partnershipId: PARTNERSHIP_ID, charterVersion: 1, tiers: DEFAULT_CHARTER_TIERS, businessReviewCadenceDays: 90 }));
    });
    it('re-adopting the charter amends it with a new version', () => {
      const events = spec.given(partnershipFormed(), charterAdopted()).when({ ...base, type: 'AdoptGovernanceCharter', businessReviewCadenceDays: 30 }).events;
      expect(events[0].data).toMatchObject({ charterVersion: 2, businessReviewCadenceDays: 30 });
    });
    it('a charter missing a tier is rejected', () => {
      spec.given(partnershipFormed()).when({ ...base, type: 'AdoptGovernanceCharter', tiers: DEFAULT_CHARTER_TIERS.slice(0, 2) }).thenError('COMMAND.INVALID');
    });
    it('there is no charter without a partnership', () => {
      spec.given().when({ ...base, type: 'AdoptGovernanceCharter' }).thenError('PARTNERSHIP.NOT_FOUND');
    });
  });

  describe('AppointGovernanceMember / RemoveGovernanceMember', () => {
    const appoint = { ...base, type: 'AppointGovernanceMember' as const, personId: 'gina', name: 'Gina', partyId: 'acme', tier: 'steering' as const };

    it('a person of a party takes a seat in a tier from a date', () => {
      spec
        .given(partnershipFormed(), charterAdopted())
        .when({ ...appoint, effectiveFrom: at(days(1)) })
        .then(partnershipEvent('GovernanceMemberAppointed', { partnershipId: PARTNERSHIP_ID, personId: 'gina', name: 'Gina', partyId: 'acme', tier: 'steering', from: at(days(1)) }));
    });
    it('seats exist only under an adopted charter', () => {
      spec.given(partnershipFormed()).when(appoint).thenError('GOVERNANCE.NO_CHARTER');
    });
    it('a seat is held for a party of the partnership', () => {
      spec.given(partnershipFormed(), charterAdopted()).when({ ...appoint, partyId: 'initech' }).thenError('PARTNERSHIP.UNKNOWN_PARTY');
    });
    it('a person holds one seat at a time', () => {
      spec.given(...aPartnershipWithCharter()).when({ ...appoint, personId: 'alice' }).thenError('GOVERNANCE.ALREADY_MEMBER');
    });
    it('a removed member leaves the seat at the given date', () => {
      spec
        .given(...aPartnershipWithCharter())
        .when({ ...base, type: 'RemoveGovernanceMember', personId: 'carol', reason: 'left Acme' })
        .then(partnershipEvent('GovernanceMemberRemoved', { partnershipId: PARTNERSHIP_ID, personId: 'carol', partyId: 'acme', tier: 'steering', until: T0, reason: 'left Acme' }));
    });
    it('only a seated person can be removed', () => {
      spec.given(...aPartnershipWithCharter()).when({ ...base, type: 'RemoveGovernanceMember', personId: 'nobody', reason: 'x' }).thenError('GOVERNANCE.NOT_A_MEMBER');
    });
    it('a seat cannot be left before it was taken', () => {
      spec.given(...aPartnershipWithCharter()).when({ ...base, type: 'RemoveGovernanceMember', personId: 'carol', reason: 'x', effectiveUntil: at(-days(60)) }).thenError('COMMAND.INVALID');
    });
  });

  describe('HoldBusinessReview / RecordHealthAssessment', () => {
    const review = { ...base, type: 'HoldBusinessReview' as const, reviewId: 'qbr-2025-q1', kind: 'quarterly' as const, attendees: ['carol', 'dave'], summary: 'Q1 review' };
    const held = partnershipEvent('BusinessReviewHeld', { partnershipId: PARTNERSHIP_ID, reviewId: 'qbr-2025-q1', kind: 'quarterly', attendees: ['carol', 'dave'], summary: 'Q1 review', contractIds: [] }, T0);
    const assess = { ...base, type: 'RecordHealthAssessment' as const, assessmentId: 'a1', source: { kind: 'business-review' as const, reviewId: 'qbr-2025-q1' }, scores: { operational: 80, relational: 70, strategic: 60 } };

    it('a business review is held with its attendees', () => {
      spec.given(...aPartnershipWithCharter()).when(review).then(held);
    });
    it('a business review id is used once', () => {
      spec.given(...aPartnershipWithCharter(), held).when(review).thenError('PARTNERSHIP.REVIEW_ALREADY_EXISTS');
    });
    it('a review has attendees', () => {
      spec.given(...aPartnershipWithCharter()).when({ ...review, attendees: [] }).thenError('COMMAND.INVALID');
    });
    it('an assessment scores three dimensions from 0 to 100, traceable to its review', () => {
      spec
        .given(...aPartnershipWithCharter(), held)
        .when(assess)
        .then(partnershipEvent('HealthAssessmentRecorded', { partnershipId: PARTNERSHIP_ID, assessmentId: 'a1', source: assess.source, scores: assess.scores }));
    });
    it('an assessment from a review needs the review', () => {
      spec.given(...aPartnershipWithCharter()).when(assess).thenError('PARTNERSHIP.REVIEW_NOT_FOUND');
    });
    it('scores outside 0–100 are rejected', () => {
      spec.given(...aPartnershipWithCharter(), held).when({ ...assess, scores: { operational: 101, relational: 70, strategic: 60 } }).thenError('COMMAND.INVALID');
      spec.given(...aPartnershipWithCharter(), held).when({ ...assess, scores: { operational: 80.5, relational: 70, strategic: 60 } }).thenError('COMMAND.INVALID');
    });
    it('an assessment id is used once', () => {
      const recorded = partnershipEvent('HealthAssessmentRecorded', { partnershipId: PARTNERSHIP_ID, assessmentId: 'a1', source: { kind: 'survey', surveyId: 's1' }, scores: assess.scores }, T0);
      spec.given(...aPartnershipWithCharter(), recorded).when({ ...assess, source: { kind: 'survey', surveyId: 's2' } }).thenError('PARTNERSHIP.ASSESSMENT_ALREADY_EXISTS');
    });
  });

  describe('ChangePartnershipStage', () => {
    const change = { ...base, type: 'ChangePartnershipStage' as const, stage: 'operating' as const, reason: 'first contract live', actorId: PEOPLE.erin.personId };

    it('an executive sponsor moves the partnership to its next life stage', () => {
      spec
        .given(...aPartnershipWithCharter())
        .when(change)
        .then(partnershipEvent('PartnershipStageChanged', { partnershipId: PARTNERSHIP_ID, from: 'forming', to: 'operating', reason: 'first contract live' }));
    });
    it('decision rights as of the decision date: a steering member cannot change the life stage', () => {
      spec.given(...aPartnershipWithCharter()).when({ ...change, actorId: PEOPLE.carol.personId }).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('decision rights as of the decision date: a sponsor appointed later had no right yet', () => {
      spec
        .given(partnershipFormed(), charterAdopted(), memberAppointed(PEOPLE.erin, at(days(1))))
        .when(change)
        .thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('life stages move forward only (forming cannot jump to renewing)', () => {
      spec.given(...aPartnershipWithCharter()).when({ ...change, stage: 'renewing' }).thenError('PARTNERSHIP.ILLEGAL_STAGE_TRANSITION');
    });
    it('a stage change needs a charter', () => {
      spec.given(partnershipFormed()).when(change).thenError('GOVERNANCE.NO_CHARTER');
    });
  });
});
