// The arguments a state function gets: the low chunk minus its bookkeeping, its
// requisites and the global state arguments the runner itself handles.
import type { LowChunk, StateArgs, StateFunction } from '../types.js';
import { REQUISITE_IN_KINDS, REQUISITE_KINDS } from '../requisites.js';

const RUNNER_KEYS = new Set<string>([
  'state', 'fun', 'order', 'names', 'test',
  ...REQUISITE_KINDS, ...REQUISITE_IN_KINDS, 'use', 'onfail_stop',
  'onlyif', 'unless', 'creates', 'check_cmd', 'cmd_opts_exclude', 'retry', 'failhard', 'parallel',
  'reload_modules', 'reload_grains', 'reload_pillar', 'force_reload_modules', 'fire_event',
]);

export function stateArgs(chunk: LowChunk, fn: StateFunction): StateArgs {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(chunk)) {
    const kept = key === 'require' && fn.takesRequire === true;
    if (!kept && (RUNNER_KEYS.has(key) || (key.startsWith('__') && key.endsWith('__')))) continue;
    args[key] = value;
  }
  return { ...args, name: chunk.name };
}
