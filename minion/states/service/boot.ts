// Making a service start at boot or not, as Salt's service states' _enable and _disable
// do: the part of the return they decide (result, comment, changes), given whether the
// service was started (true), is dead (false) or was left as it was (null).
import type { StateContext, StateReturn } from '../../../shared/state/types.js';
import { errorText } from '../../../shared/state/state-return.js';

export type BootUpdate = Partial<Pick<StateReturn, 'result' | 'comment' | 'changes'>>;

interface Toggle {
  /** enable or disable, and the words of the comments. */
  verb: 'enable' | 'disable';
  done: string;
  failing: string;
  /** How a failure's comment ends for a running service (Salt words the two differently). */
  failingRunning: string;
}

const ENABLE: Toggle = { verb: 'enable', done: 'enabled', failing: 'start at boot', failingRunning: 'but the service is running' };
const DISABLE: Toggle = { verb: 'disable', done: 'disabled', failing: 'not start at boot', failingRunning: 'and is running' };

/** "running", "in the desired state" or "dead": how the comment ends. */
function state(started: boolean | null): string {
  return started === true ? 'running' : started === null ? 'in the desired state' : 'dead';
}

async function toggle(ctx: StateContext, name: string, started: boolean | null, result: boolean, t: Toggle): Promise<BootUpdate> {
  const enabled = (await ctx.call('service.enabled', [name])) === true;
  const wanted = t.verb === 'enable';
  if (enabled === wanted) {
    const update: BootUpdate = { result, comment: `Service ${name} is already ${t.done}, and is ${state(started)}` };
    // Left as it was: no changes at all, as Salt resets them in that case.
    if (started === null) update.changes = {};
    return update;
  }
  if (ctx.test) return { result: null, comment: `Service ${name} set to be ${t.done}` };
  let error = '';
  try {
    if ((await ctx.call(`service.${t.verb}`, [name])) === true) {
      const changes = ((await ctx.call('service.enabled', [name])) === true) !== enabled ? { [name]: true } : {};
      return { result, changes, comment: `Service ${name} has been ${t.done}, and is ${state(started)}` };
    }
  } catch (err) {
    error = errorText(err);
  }
  const tail = started === true ? t.failingRunning : started === null ? 'but the service was already running' : 'and the service is dead';
  const comment = `Failed when setting service ${name} to ${t.failing}, ${tail}`;
  return { result: false, comment: error ? `${comment}. Additional information follows:\n\n${error}` : comment };
}

export const enableAtBoot = (ctx: StateContext, name: string, started: boolean | null, result = true) => toggle(ctx, name, started, result, ENABLE);
export const disableAtBoot = (ctx: StateContext, name: string, started: boolean | null, result = true) => toggle(ctx, name, started, result, DISABLE);

/** Applies `enable` (True, False or not given) after the service's own change. */
export async function applyEnable(ctx: StateContext, ret: StateReturn, enable: unknown, started: boolean | null, result = true): Promise<StateReturn> {
  if (enable === true) return Object.assign(ret, await enableAtBoot(ctx, ret.name, started, result));
  if (enable === false) return Object.assign(ret, await disableAtBoot(ctx, ret.name, started, result));
  return ret;
}
