// service: keep services running or dead, and starting at boot or not (Salt's
// states/service.py), through the service execution module (systemd or sysvinit).
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { errorText, startReturn } from '../../shared/state/state-return.js';
import { applyEnable, disableAtBoot, enableAtBoot } from './service/boot.js';
import { serviceWatch } from './service/watch.js';

/** Whether the service is running, and starts at boot. */
async function status(ctx: StateContext, args: StateArgs): Promise<{ running: boolean; enabled: boolean }> {
  const running = (await ctx.call('service.status', [args.name], args.sig == null ? {} : { sig: args.sig })) === true;
  return { running, enabled: (await ctx.call('service.enabled', [args.name])) === true };
}

/** running and dead share their shape: toggle the service unless it is already as wanted, then apply `enable`. */
async function ensure(ctx: StateContext, args: StateArgs, wantRunning: boolean): Promise<StateReturn> {
  const ret = startReturn(args.name);
  const name = args.name;
  const [verb, done, already, testing, failed] = wantRunning
    ? ['start', `Started service ${name}`, `The service ${name} is already running`, `Service ${name} is set to start`, `Service ${name} failed to start`]
    : ['stop', `Service ${name} was killed`, `The service ${name} is already dead`, `Service ${name} is set to be killed`, `Service ${name} failed to die`];
  try {
    if ((await ctx.call('service.available', [name])) !== true) {
      if (ctx.test) return Object.assign(ret, { result: null, comment: `Service ${name} not present; if created in this state run, it would have been ${wantRunning ? 'started' : 'stopped'}` });
      // A service that does not exist is as dead as it gets.
      return wantRunning ? Object.assign(ret, { result: false, comment: `The named service ${name} is not available` }) : ret;
    }
    const before = await status(ctx, args);
    if (before.running === wantRunning) {
      ret.comment = already;
      if ((args.enable === true && !before.enabled) || (args.enable === false && before.enabled)) return applyEnable(ctx, ret, args.enable, null);
      return ret;
    }
    if (ctx.test) return Object.assign(ret, { result: null, comment: testing });
    if ((await ctx.call(`service.${verb}`, [name])) !== true) {
      Object.assign(ret, { result: false, comment: failed });
      return applyEnable(ctx, ret, args.enable, !wantRunning, false);
    }
    const after = await status(ctx, args);
    if (after.running !== before.running || after.enabled !== before.enabled) ret.changes[name] = after.running;
    const worked = after.running === wantRunning;
    Object.assign(ret, { result: worked, comment: worked ? done : failed });
    return applyEnable(ctx, ret, args.enable, after.running, worked);
  } catch (err) {
    return Object.assign(ret, { result: false, comment: errorText(err) });
  }
}

/** enabled and disabled: only the boot setting, the service left running or not. */
async function boot(ctx: StateContext, args: StateArgs, enable: boolean): Promise<StateReturn> {
  const ret = startReturn(args.name);
  try {
    if ((await ctx.call('service.available', [args.name])) !== true) return Object.assign(ret, { result: false, comment: `The named service ${args.name} is not available` });
    return Object.assign(ret, await (enable ? enableAtBoot : disableAtBoot)(ctx, args.name, null));
  } catch (err) {
    return Object.assign(ret, { result: false, comment: errorText(err) });
  }
}

export const serviceStates: StateModule = {
  name: 'service',
  doc: 'Keep services running or dead, and starting at boot or not.',
  functions: {
    running: { doc: 'Start the service unless it runs; enable: True/False also sets whether it starts at boot. Changes {name: True} when started.', run: (ctx, args) => ensure(ctx, args, true) },
    dead: { doc: 'Stop the service if it runs; enable: True/False also sets whether it starts at boot. Changes {name: False} when stopped.', run: (ctx, args) => ensure(ctx, args, false) },
    enabled: { doc: 'Make the service start at boot, leaving it running or not.', run: (ctx, args) => boot(ctx, args, true) },
    disabled: { doc: 'Stop the service starting at boot, leaving it running or not.', run: (ctx, args) => boot(ctx, args, false) },
  },
  modWatch: {
    doc: 'When a watched state changed: restart a running service (reload with reload: True), start a stopped one; for service.dead, stop it.',
    run: serviceWatch,
  },
};
