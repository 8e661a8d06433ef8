/**
 * The three governance tiers of a charter, lowest first. A higher tier holds every decision right of
 * the tiers below it: the executive sponsors are the one ultimate decision authority.
 */
export const TIERS = ['operational', 'steering', 'executive'] as const;
export type Tier = (typeof TIERS)[number];

export function tierRank(t: Tier): number {
  switch (t) {
    case 'operational':
      return 1;
    case 'steering':
      return 2;
    case 'executive':
      return 3;
    default: {
      const _exhaustive: never = t;
      return _exhaustive;
    }
  }
}

export function tierCovers(held: Tier, required: Tier): boolean {
  return tierRank(held) >= tierRank(required);
}

export const CHANGE_LEVELS = ['minor', 'significant', 'fundamental'] as const;
export type ChangeLevel = (typeof CHANGE_LEVELS)[number];

/** 3-2-1: the tier that owns each change level (a higher tier may approve too). */
export function tierForChangeLevel(level: ChangeLevel): Tier {
  switch (level) {
    case 'minor':
      return 'operational';
    case 'significant':
      return 'steering';
    case 'fundamental':
      return 'executive';
    default: {
      const _exhaustive: never = level;
      return _exhaustive;
    }
  }
}

export function changeLevelRank(level: ChangeLevel): number {
  return CHANGE_LEVELS.indexOf(level) + 1;
}

export function higherChangeLevel(a: ChangeLevel, b: ChangeLevel): ChangeLevel {
  return changeLevelRank(a) >= changeLevelRank(b) ? a : b;
}
