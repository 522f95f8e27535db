// A state run's exit code as Salt sets it: 0 all good, 2 (EX_STATE_FAILURE) when a
// state failed, 1 when rendering or compiling failed (a list of error strings).
import type { StateRunResult } from '../types.js';

export const EX_STATE_COMPILER_ERROR = 1;
export const EX_STATE_FAILURE = 2;

export function retcodeOf(result: StateRunResult | string[]): number {
  if (Array.isArray(result)) return result.length > 0 ? EX_STATE_COMPILER_ERROR : 0;
  return Object.values(result).some((state) => state.result === false) ? EX_STATE_FAILURE : 0;
}
