import { requireText } from '../shared/validate';
import { requireInstant } from '../shared/time';
import { PartnershipCommand } from './partnership.commands';
import {
  adoptGovernanceCharter,
  appointGovernanceMember,
  changePartnershipStage,
  formPartnership,
  holdBusinessReview,
  recordHealthAssessment,
  removeGovernanceMember,
} from './partnership.decide';
import { PartnershipEvent } from './partnership.events';
import { evolvePartnership } from './partnership.evolve';
import { initialPartnershipState, PartnershipState } from './partnership.state';

export function decidePartnership(command: PartnershipCommand, state: PartnershipState): PartnershipEvent[] {
  requireText('actorId', command.actorId, 200);
  requireInstant('occurredAt', command.occurredAt);
  switch (command.type) {
    case 'FormPartnership':
      return formPartnership(command, state);
    case 'AdoptGovernanceCharter':
      return adoptGovernanceCharter(command, state);
    case 'AppointGovernanceMember':
      return appointGovernanceMember(command, state);
    case 'RemoveGovernanceMember':
      return removeGovernanceMember(command, state);
    case 'HoldBusinessReview':
      return holdBusinessReview(command, state);
    case 'RecordHealthAssessment':
      return recordHealthAssessment(command, state);
    case 'ChangePartnershipStage':
      return changePartnershipStage(command, state);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

/**
 * The Partnership decider (stream `partnership-<id>`): formation, the governance charter and its
 * seats, business reviews, health assessments and the life stage. The context is unused: a
 * partnership decides from its own history.
 */
export const partnershipDecider = {
  initialState: initialPartnershipState,
  decide: (command: PartnershipCommand, state: PartnershipState, _context?: undefined): PartnershipEvent[] => decidePartnership(command, state),
  evolve: evolvePartnership,
};
