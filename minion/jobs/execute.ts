// Runs one execution function call and turns every outcome, including a wrong
// argument, an unknown function or an exception, into a Salt-shaped result.
import type { MinionConfig } from '../../shared/config/load.js';
import type { Grains } from '../grains/core.js';
import type { Pillar } from '../../shared/pillar/types.js';
import { ArgumentError, bindArguments } from '../modules/bind.js';
import type { ModuleRegistry } from '../modules/registry.js';
import { CommandExecutionError } from '../modules/command-error.js';
import type { ExecContext } from '../modules/types.js';
import type { DaemonHandler } from './daemon-requests.js';

export interface JobTask {
  jid: string;
  id: string;
  fun: string;
  arg: unknown[];
  kwarg: Record<string, unknown>;
  grains: Grains;
  /** The minion's pillar when the job arrived; none (a test's task) is an empty pillar. */
  pillar?: Pillar;
  /** Who asked and how, for saltutil.running. */
  tgt: string | string[];
  tgt_type: string;
  user: string;
}

export interface JobOutcome {
  return: unknown;
  retcode: number;
  success: boolean;
}

/** What a task runs against: the functions, the minion config and the daemon. */
export interface ExecEnvironment {
  registry: ModuleRegistry;
  opts: MinionConfig;
  daemon: DaemonHandler;
}

const EX_GENERIC = 1;

export class UnknownFunctionError extends Error {
  constructor(fun: string) {
    super(`'${fun}' is not available.`);
  }
}

export async function executeTask(env: ExecEnvironment, task: JobTask): Promise<JobOutcome> {
  let retcode = 0;
  const contextWith = (pillar: Pillar): ExecContext => {
    const ctx: ExecContext = {
      id: task.id,
      jid: task.jid,
      grains: task.grains,
      pillar,
      withPillar: contextWith,
      opts: env.opts,
      setRetcode: (code) => (retcode = code),
      call: (fun, arg = [], kwarg = {}) => callFunction(env, ctx, fun, arg, kwarg),
      functions: () => env.registry.all(),
      daemon: env.daemon,
    };
    return ctx;
  };
  const ctx = contextWith(task.pillar ?? {});
  try {
    const value = await callFunction(env, ctx, task.fun, task.arg, task.kwarg);
    return { return: value === undefined ? null : value, retcode, success: retcode === 0 };
  } catch (err) {
    if (err instanceof UnknownFunctionError) return failure(err.message);
    if (err instanceof ArgumentError) return failure(`Passed invalid arguments to ${err.fun}: ${err.message}\n\nUsage: ${err.doc}`);
    if (err instanceof CommandExecutionError) return failure(`ERROR: ${err.message}`);
    return failure(`The minion function caused an exception: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

async function callFunction(env: ExecEnvironment, ctx: ExecContext, fun: string, arg: unknown[], kwarg: Record<string, unknown>): Promise<unknown> {
  const fn = env.registry.get(fun);
  if (!fn) throw new UnknownFunctionError(fun);
  let args;
  try {
    args = bindArguments(fn, arg, kwarg);
  } catch (err) {
    if (err instanceof ArgumentError) err.describe(fun, fn.doc);
    throw err;
  }
  return fn.run(ctx, args);
}

function failure(message: string): JobOutcome {
  return { return: message, retcode: EX_GENERIC, success: false };
}
