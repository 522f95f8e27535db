// Runs compiled high data: extend and the _in requisites applied, then every state in
// order through the minion's state modules. Errors come back as Salt's list of strings.
import { finalizeLow, type CompiledHigh } from '../../shared/state/compile/index.js';
import { runStates } from '../../shared/state/run/index.js';
import type { LowChunk, StateRunResult } from '../../shared/state/types.js';
import { minionStates } from '../states/registry.js';
import type { StateRun } from './state-run.js';
import { stateEventSender } from './state-events.js';

export async function executeHigh(run: StateRun, compiled: CompiledHigh): Promise<StateRunResult | string[]> {
  if (compiled.errors.length > 0) return compiled.errors;
  const final = finalizeLow(compiled.high);
  if (final.errors.length > 0) return final.errors;
  return executeChunks(run, final.chunks);
}

export function executeChunks(run: StateRun, chunks: LowChunk[]): Promise<StateRunResult> {
  return runStates(chunks, {
    lookup: minionStates,
    context: (chunk, test) => run.stateContext(chunk, test),
    test: run.settings.test,
    failhard: run.exec.opts.failhard,
    call: (fun, args, kwargs) => run.exec.call(fun, args, kwargs),
    onResult: stateEventSender(run.exec, chunks.length),
  });
}
