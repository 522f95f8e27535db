// listen: after every state has run, a state whose listened-to states changed runs
// its mod_watch once more, at the end, as `listener_<id>` (Salt's call_listen).
import type { LowChunk, StateResult, StateRunResult } from '../types.js';
import { wouldWatchComment } from './comments.js';
import { entriesOf, matchRef, toRef, type RequisiteRef } from './requisites.js';
import { notRunResult } from './result.js';
import { tagOf } from './plan.js';
import type { StateRun } from './runner.js';

function missingListen(chunk: LowChunk, ref: RequisiteRef, runNum: number): [string, StateResult] {
  const errorChunk: LowChunk = {
    ...chunk, state: 'Listen_Error', fun: 'Listen_Error', __id__: `listen_${ref.value}`, name: `listen_${ref.key}:${ref.value}`,
  };
  const tag = `Listen_Error_|-listen_${ref.value}_|-listen_${ref.key}_|-Listen_Error`;
  return [tag, notRunResult(errorChunk, false, `Referenced state ${ref.key}: ${ref.value} does not exist`, runNum)];
}

/** Whether any state `chunk` listens to changed; missing targets are reported in `out`. */
function listenedChanged(run: StateRun, chunk: LowChunk, out: StateRunResult): boolean {
  let changed = false;
  for (const entry of entriesOf(chunk, 'listen')) {
    let ref: RequisiteRef;
    try {
      ref = toRef(entry);
    } catch {
      ref = { key: 'listen', value: JSON.stringify(entry) };
    }
    const targets = matchRef(ref, run.chunks);
    if (targets.length === 0) {
      const [tag, result] = missingListen(chunk, ref, run.nextRunNum());
      out[tag] = result;
      run.options.onResult?.(tag, result);
    }
    if (targets.some((t) => Object.keys(run.resultOf(t)?.changes ?? {}).length > 0)) changed = true;
  }
  return changed;
}

export async function runListeners(run: StateRun): Promise<StateRunResult> {
  const out: StateRunResult = {};
  for (const chunk of run.chunks) {
    if (entriesOf(chunk, 'listen').length === 0 || !listenedChanged(run, chunk, out)) continue;
    const listener: LowChunk = { ...chunk, __id__: `listener_${chunk.__id__}` };
    const tag = tagOf({ ...listener, fun: 'mod_watch' });
    const result = run.testFor(chunk)
      ? notRunResult(listener, null, wouldWatchComment(chunk), run.nextRunNum())
      : await run.attempts(listener, 'mod_watch', false);
    out[tag] = result;
    run.options.onResult?.(tag, result);
  }
  return out;
}
