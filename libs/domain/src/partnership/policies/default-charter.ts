import { CharterTier } from '../partnership.events';

/** The standard charter: three tiers with the 3-2-1 decision rights (DOMAIN.md). */
export const DEFAULT_CHARTER_TIERS: CharterTier[] = [
  {
    tier: 'operational',
    name: 'Operational team',
    decisionRights: ['day-to-day delivery', 'approves minor changes', 'owns escalation level 1', 'negotiates disputes directly'],
  },
  {
    tier: 'steering',
    name: 'Steering committee',
    decisionRights: ['tactical direction', 'approves significant changes', 'owns escalation level 2', 'acts as relationship managers in disputes', 'waives service credits'],
  },
  {
    tier: 'executive',
    name: 'Executive sponsors',
    decisionRights: [
      'the one ultimate decision authority',
      'approves fundamental changes',
      'owns escalation level 3',
      'takes disputes to mediation and arbitration',
      'renews, declines renewal, terminates',
      'changes the partnership life stage',
    ],
  },
];

export const DEFAULT_BUSINESS_REVIEW_CADENCE_DAYS = 90;
