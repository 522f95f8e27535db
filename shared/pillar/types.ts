// What pillar compilation needs and gives: the pillar tree (pillar_roots) to read from,
// who the pillar is for, how SLS data merges, and the compiled result.
import type { LoadedTemplate } from '../render/types.js';

export type PillarMergeStrategy = 'smart' | 'recurse' | 'overwrite' | 'none';

/** The pillar_roots of one host (the master's, or a masterless minion's own). */
export interface PillarTree {
  /** A file of the pillar tree (`top.sls`, `db.sls`, `db/init.sls`) in `saltenv`; null
   * when absent. `source` names it in errors (e.g. pillar://base/db.sls). */
  read(saltenv: string, path: string): Promise<LoadedTemplate | null>;
  /** The saltenvs that have pillar roots. */
  saltenvs(): string[];
}

/** Who a pillar is compiled for. */
export interface PillarTarget {
  id: string;
  grains: Record<string, unknown>;
  /** Only this environment's top file and SLS files (Salt's pillarenv); all when unset. */
  pillarenv?: string | null;
  /** The state run's saltenv (Salt's saltenv, available to pillar templates). */
  saltenv?: string | null;
}

export interface PillarOptions {
  /** Salt's pillar_source_merging_strategy. */
  strategy: PillarMergeStrategy;
  /** Salt's pillar_merge_lists: lists are concatenated instead of replaced. */
  mergeLists: boolean;
  /** The render pipeline of pillar SLS files without a #! line. */
  renderer: string;
  /** The configuration that pillar templates see as `opts` (none when unset). */
  opts?: Record<string, unknown>;
}

/** A compiled pillar: plain data, plus `_errors` (Salt's key) when a file failed. */
export type Pillar = Record<string, unknown> & { _errors?: string[] };
