// Results in Salt's shape and key order: name, changes, result, comment, (extras),
// __sls__, __run_num__, start_time, duration, __id__.
import type { LowChunk, StateResult } from '../types.js';
import type { CallReturn } from './call-state.js';
import { startStopwatch } from './timing.js';

export interface Timing {
  startTime: string;
  duration: number;
}

export function stateResult(chunk: LowChunk, ret: CallReturn, runNum: number, timing: Timing): StateResult {
  const { name, changes, result, comment, ...extras } = ret;
  return {
    name, changes, result, comment, ...extras,
    __sls__: chunk.__sls__, __run_num__: runNum, start_time: timing.startTime, duration: timing.duration, __id__: chunk.__id__,
  };
}

/** The result of a state the runner decided not to call (requisites, cycles, skips). */
export function notRunResult(chunk: LowChunk, result: boolean | null, comment: string, runNum: number, stateRan?: false): StateResult {
  const watch = startStopwatch();
  const ret: CallReturn = { name: chunk.name, changes: {}, result, comment };
  if (stateRan === false) ret.__state_ran__ = false;
  return stateResult(chunk, ret, runNum, { startTime: watch.startTime, duration: watch.elapsed() });
}
