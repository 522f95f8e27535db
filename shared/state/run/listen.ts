// listen: after every state has run, a state whose listened-to states changed runs
// its mod_watch once more, at the end, as `listener_<id>` (Salt's call_listen).
import type { LowChunk, StateResult, StateRunResult } from '../types.js';
import { wouldWatchComment } from './comments.js';
import { matchRequisite, readRequisite, requisiteEntries, requisiteParts, type Requisite } from '../requisites.js';
import { notRunResult } from './result.js';
import { tagOf } from './plan.js';
import type { StateRun } from './runner.js';

function missingListen(chunk: LowChunk, req: Requisite, runNum: number): [string, StateResult] {
  const [type, target] = requisiteParts(req);
  const errorChunk: LowChunk = {
    ...chunk, state: 'Listen_Error', fun: 'Listen_Error', __id__: `listen_${target}`, name: `listen_${type}:${target}`,
  };
  const tag = `Listen_Error_|-listen_${target}_|-listen_${type}_|-Listen_Error`;
  return [tag, notRunResult(errorChunk, false, `Referenced state ${type}: ${target} does not exist`, runNum)];
}

/** Whether any state `chunk` listens to changed; missing targets are reported in `out`. */
function listenedChanged(run: StateRun, chunk: LowChunk, out: StateRunResult): boolean {
  let changed = false;
  for (const entry of requisiteEntries(chunk, 'listen')) {
    const req = readRequisite(entry) ?? { listen: JSON.stringify(entry) };
    const targets = matchRequisite(req, run.chunks);
    if (targets.length === 0) {
      const [tag, result] = missingListen(chunk, req, run.nextRunNum());
      out[tag] = result;
      run.options.onResult?.(tag, result, chunk);
    }
    if (targets.some((t) => Object.keys(run.resultOf(t)?.changes ?? {}).length > 0)) changed = true;
  }
  return changed;
}

export async function runListeners(run: StateRun): Promise<StateRunResult> {
  const out: StateRunResult = {};
  for (const chunk of run.chunks) {
    if (requisiteEntries(chunk, 'listen').length === 0 || !listenedChanged(run, chunk, out)) continue;
    const listener: LowChunk = { ...chunk, __id__: `listener_${chunk.__id__}` };
    const tag = tagOf({ ...listener, fun: 'mod_watch' });
    const result = run.testFor(chunk)
      ? notRunResult(listener, null, wouldWatchComment(chunk), run.nextRunNum())
      : await run.attempts(listener, 'mod_watch', false);
    out[tag] = result;
    run.options.onResult?.(tag, result, listener);
  }
  return out;
}
