// The state runner's public API: run low chunks, and the exit code of a run.
import type { LowChunk, StateRunResult } from '../types.js';
import { runListeners } from './listen.js';
import type { RunOptions } from './options.js';
import { tagOf } from './plan.js';
import { StateRun } from './runner.js';

export type { RunOptions } from './options.js';
export { retcodeOf, EX_STATE_COMPILER_ERROR, EX_STATE_FAILURE } from './retcode.js';
export { tagOf } from './plan.js';

/** The same state twice (same state, ID, name and function) runs once, as in Salt. */
function uniqueByTag(chunks: LowChunk[]): LowChunk[] {
  const seen = new Set<string>();
  return chunks.filter((chunk) => !seen.has(tagOf(chunk)) && Boolean(seen.add(tagOf(chunk))));
}

/** Runs `chunks` (in order, requisites first) and returns Salt's per-state results. */
export async function runStates(chunks: LowChunk[], options: RunOptions): Promise<StateRunResult> {
  const run = new StateRun(uniqueByTag(chunks), options);
  await run.runAll();
  const listened = run.failedHard ? {} : await runListeners(run);
  return run.output(listened);
}
