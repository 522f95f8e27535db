// The target kinds a job can carry, with Salt's names for them.

export const TARGET_TYPES = ['glob', 'pcre', 'list', 'grain', 'grain_pcre', 'compound', 'nodegroup', 'pillar', 'pillar_pcre', 'ipcidr'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** What a matcher can know about a minion. */
export interface MinionFacts {
  id: string;
  grains?: Record<string, unknown>;
  /** The minion's compiled pillar; undefined where it is not known (pillar targets then do not match). */
  pillar?: Record<string, unknown>;
}
