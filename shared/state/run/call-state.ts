// One call of a state function (or its module's mod_watch) as Salt's State.call makes
// it: onlyif/unless/creates first, then the function, then check_cmd; a missing
// function or a thrown error becomes a failed result, never an exception.
import { describeError } from '../../errors.js';
import type { LowChunk, StateFunction, StateReturn } from '../types.js';
import { runCheckCmd, runChecks } from './conditions.js';
import type { RunOptions } from './options.js';
import { stateArgs } from './state-args.js';
import { startStopwatch } from './timing.js';

/** A state's return plus whatever else the function returned (e.g. warnings). */
export type CallReturn = StateReturn & Record<string, unknown>;

export interface Called {
  ret: CallReturn;
  startTime: string;
  duration: number;
}

export type Which = 'function' | 'mod_watch';

function findFunction(chunk: LowChunk, which: Which, options: RunOptions): StateFunction | undefined {
  const module = options.lookup(chunk.state);
  return which === 'mod_watch' ? module?.modWatch : module?.functions[chunk.fun];
}

function notFound(chunk: LowChunk, which: Which): CallReturn {
  const full = `${chunk.state}.${which === 'mod_watch' ? 'mod_watch' : chunk.fun}`;
  const comment = `State '${full}' was not found in SLS '${chunk.__sls__}'\nReason: '${full}' is not available.\n`;
  return { name: chunk.name, result: false, changes: {}, comment };
}

function exceptionReturn(chunk: LowChunk, err: unknown): CallReturn {
  const frames = err instanceof Error && err.stack ? err.stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
  const comment = `An exception occurred in this state: ${[describeError(err), ...frames].join('\n')}`;
  return { name: chunk.name, result: false, changes: {}, comment };
}

/** Salt's output unifier: a list comment is joined by newlines; a result is a boolean or None. */
function unify(chunk: LowChunk, value: unknown): CallReturn {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`Malformed state return from ${chunk.state}.${chunk.fun} for ID '${chunk.__id__}': not an object`);
  }
  const ret = value as CallReturn;
  const missing = ['name', 'result', 'changes', 'comment'].filter((key) => !(key in ret));
  if (missing.length) throw new Error(`Malformed state return from ${chunk.state}.${chunk.fun} for ID '${chunk.__id__}': missing ${missing.join(', ')}`);
  const comment = Array.isArray(ret.comment) ? ret.comment.map(String).join('\n') : String(ret.comment);
  const result = ret.result === null || ret.result === undefined ? null : Boolean(ret.result);
  return { ...ret, result, comment, changes: ret.changes ?? {} };
}

async function invoke(chunk: LowChunk, which: Which, test: boolean, options: RunOptions): Promise<CallReturn> {
  const fn = findFunction(chunk, which, options);
  if (!fn) return notFound(chunk, which);
  const ctx = options.context(chunk, test);
  const checks = await runChecks(chunk, options.call, ctx.grains);
  if (checks?.result) {
    const skipped: CallReturn = { name: chunk.name, result: true, changes: {}, comment: checks.comment.join('\n') };
    if (checks.skip_watch) skipped.skip_watch = true;
    return skipped;
  }
  const args = which === 'mod_watch' ? { ...stateArgs(chunk, fn), sfun: chunk.fun } : stateArgs(chunk, fn);
  const ret = unify(chunk, await fn.run(ctx, args));
  if ('check_cmd' in chunk && !test) {
    const check = await runCheckCmd(chunk, options.call, ctx.grains);
    if (check) Object.assign(ret, check);
  }
  return ret;
}

export async function callState(chunk: LowChunk, which: Which, test: boolean, options: RunOptions): Promise<Called> {
  const watch = startStopwatch();
  let ret: CallReturn;
  try {
    ret = await invoke(chunk, which, test, options);
  } catch (err) {
    ret = exceptionReturn(chunk, err);
  }
  return { ret, startTime: watch.startTime, duration: watch.elapsed() };
}
