// Works out which accepted minions a target means, from the master's grains and pillar caches:
// the expected minions of a job. Nodegroups are expanded here, so minions only ever
// see targets they can check themselves.
import type { TargetType } from '../../shared/targeting/types.js';
import { checkTarget, matchesTarget } from '../../shared/targeting/match.js';
import { expandNodegroups } from '../../shared/targeting/nodegroups.js';
import type { GrainsCache } from '../grains-cache.js';
import type { PillarCache } from '../pillar/cache.js';

export interface TargetResolver {
  accepted: () => ReadonlyMap<string, string>;
  grains: GrainsCache;
  /** Pillar targets (-I, -J, I@, J@) match each minion's last compiled pillar. */
  pillar: PillarCache;
  nodegroups: Record<string, unknown>;
}

export interface ResolvedTarget {
  tgt: string | string[];
  tgt_type: TargetType;
  /** The accepted minions the target matches, sorted. */
  minions: string[];
}

/** Throws SALTTS_BAD_TARGET for a malformed target or an unknown nodegroup. */
export function resolveTarget(tgt: string | string[], tgtType: TargetType, deps: TargetResolver): ResolvedTarget {
  const expanded = expandNodegroups(tgt, tgtType, deps.nodegroups);
  checkTarget(expanded.tgt, expanded.tgt_type);
  const minions: string[] = [];
  for (const id of deps.accepted().keys()) {
    if (matchesTarget(expanded.tgt, expanded.tgt_type, { id, grains: deps.grains.get(id), pillar: deps.pillar.get(id) })) minions.push(id);
  }
  return { ...expanded, minions: minions.sort() };
}
