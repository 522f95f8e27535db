// Runs one execution function call and turns every outcome, including a wrong
// argument, an unknown function or an exception, into a Salt-shaped result.
import type { Grains } from '../grains/core.js';
import { ArgumentError, bindArguments } from '../modules/bind.js';
import type { ModuleRegistry } from '../modules/registry.js';

export interface JobTask {
  jid: string;
  id: string;
  fun: string;
  arg: unknown[];
  kwarg: Record<string, unknown>;
  grains: Grains;
}

export interface JobOutcome {
  return: unknown;
  retcode: number;
  success: boolean;
}

const EX_GENERIC = 1;

export async function executeTask(registry: ModuleRegistry, task: JobTask): Promise<JobOutcome> {
  const fn = registry.get(task.fun);
  if (!fn) return failure(`'${task.fun}' is not available.`);
  let retcode = 0;
  try {
    const args = bindArguments(fn, task.arg, task.kwarg);
    const value = await fn.run({ id: task.id, jid: task.jid, grains: task.grains, setRetcode: (code) => (retcode = code) }, args);
    return { return: value === undefined ? null : value, retcode, success: retcode === 0 };
  } catch (err) {
    if (err instanceof ArgumentError) return failure(`Passed invalid arguments to ${task.fun}: ${err.message}\n\nUsage: ${fn.doc}`);
    return failure(`The minion function caused an exception: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

function failure(message: string): JobOutcome {
  return { return: message, retcode: EX_GENERIC, success: false };
}
