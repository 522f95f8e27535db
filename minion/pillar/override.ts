// pillar={...} on a command line: data merged over the compiled pillar for that call
// only, the way Salt merges a pillar override (the pillar_source_merging_strategy; lists
// replaced unless pillar_merge_lists).
import type { MinionConfig } from '../../shared/config/load.js';
import { isRecord } from '../../shared/output/sorted-keys.js';
import { mergePillar } from '../../shared/pillar/index.js';
import type { Pillar } from '../../shared/pillar/types.js';
import { CommandExecutionError } from '../modules/command-error.js';

/** The pillar= argument as a mapping; null when none was given. */
export function pillarOverride(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) throw new CommandExecutionError('Pillar data must be formatted as a dictionary');
  return value;
}

export function withOverride(pillar: Pillar, override: Record<string, unknown> | null, opts: MinionConfig): Pillar {
  return override ? mergePillar(pillar, override, opts.pillar_source_merging_strategy, opts.pillar_merge_lists) : pillar;
}
