import { LifeStage } from '../partnership.events';

/**
 * Life stages move forward, with one loop: a partnership that renews goes back to operating. Exiting
 * is the end; any stage can decide to exit.
 */
export function allowedNextStages(stage: LifeStage): LifeStage[] {
  switch (stage) {
    case 'forming':
      return ['operating', 'exiting'];
    case 'operating':
      return ['renewing', 'exiting'];
    case 'renewing':
      return ['operating', 'exiting'];
    case 'exiting':
      return [];
    default: {
      const _exhaustive: never = stage;
      return _exhaustive;
    }
  }
}
