// The target kinds a job can carry, with Salt's names for them.

export const TARGET_TYPES = ['glob', 'pcre', 'list'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** What a matcher can know about a minion. */
export interface MinionFacts {
  id: string;
  grains?: Record<string, unknown>;
}
