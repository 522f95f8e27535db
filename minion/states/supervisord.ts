// supervisord: keep programs under supervisord running or dead (Salt's states/supervisord.py).
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { pyStr } from '../../shared/output/py-str.js';
import { errorText, startReturn, truthy } from '../../shared/state/state-return.js';
import { checkError, covered, processType, status, type Control } from './supervisord/processes.js';

const control = (args: StateArgs): Control => ({ user: args.user ?? null, conf_file: args.conf_file ?? null, bin_env: args.bin_env ?? null });

/** 'Starting group: web:' or 'Starting: x' when the process is unknown (Salt's wording). */
const phrase = (verb: string, kind: string | null, name: string) => `${verb}${kind ? ` ${kind}` : ''}: ${name}`;

/** What running would do under test=True. */
function wouldRun(ret: StateReturn, name: string, procs: Map<string, boolean>): StateReturn {
  const group = name.endsWith(':');
  if (procs.size === 0) return Object.assign(ret, { result: null, comment: `${group ? `Group '${name}'` : `Service ${name}`} will be added and started` });
  const toStart = [...procs].filter(([, stopped]) => stopped).map(([proc]) => proc);
  if (toStart.length === 0) return Object.assign(ret, { comment: group ? `All services in group '${name}' are already running` : `Service ${name} is already running` });
  const comment = !group ? `Service ${name} will be started` : toStart.length === procs.size ? `All services in group '${name}' will be started` : `The following services will be started: ${toStart.join(' ')}`;
  return Object.assign(ret, { result: null, comment });
}

async function running(ctx: StateContext, args: StateArgs, restart: boolean): Promise<StateReturn> {
  const name = args.name.endsWith(':*') ? args.name.slice(0, -1) : args.name;
  const ret = startReturn(name);
  const ctl = control(args);
  const call = async (fun: string, withName: boolean) => pyStr(await ctx.call(`supervisord.${fun}`, withName ? [name] : [], { ...ctl }));
  try {
    const all = await status(ctx, ctl);
    const procs = covered(all, name);
    if (ctx.test) return wouldRun(ret, name, procs);
    const changes: string[] = [];
    let justUpdated = false;
    if (truthy(args.update)) {
      const result = await call('update', false);
      Object.assign(ret, checkError(result, 'Updating supervisor'));
      justUpdated = result.includes(`${name}: updated`);
    } else if (procs.size === 0) {
      const comment = `Adding service: ${name}`;
      await call('reread', false);
      Object.assign(ret, checkError(await call('add', true), comment));
      changes.push(comment);
    }
    const kind = processType(all, name);
    const stopped = kind === null ? null : [...procs.values()].some(Boolean);
    if (stopped === false) {
      if (restart && !justUpdated) {
        const comment = phrase('Restarting', kind, name);
        Object.assign(ret, checkError(await call('restart', true), comment));
        changes.push(comment);
      } else {
        ret.comment = phrase(justUpdated ? 'Not starting updated' : 'Not starting already running', kind, name);
      }
    } else if (!justUpdated) {
      const comment = phrase('Starting', kind, name);
      changes.push(comment);
      Object.assign(ret, checkError(await call('start', true), comment));
    }
    if (ret.result && changes.length) ret.changes[name] = changes.join(' ');
    return ret;
  } catch (err) {
    return Object.assign(ret, { result: false, comment: errorText(err) });
  }
}

async function dead(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const name = args.name;
  const ret = startReturn(name);
  if (ctx.test) return Object.assign(ret, { result: null, comment: `Service ${name} is set to be stopped` });
  try {
    const ctl = control(args);
    const procs = covered(await status(ctx, ctl), name);
    if (procs.size === 0) return Object.assign(ret, { comment: `Service ${name} doesn't exist` });
    // As Salt: a group counts as stopped when any of its programs is.
    if ([...procs.values()].some(Boolean)) return Object.assign(ret, { comment: `Service ${name} is not running` });
    const comment = `Stopping service: ${name}`;
    Object.assign(ret, checkError(pyStr(await ctx.call('supervisord.stop', [name], { ...ctl })), comment));
    if (ret.result) ret.changes[name] = comment;
    return ret;
  } catch (err) {
    return Object.assign(ret, { result: false, comment: errorText(err) });
  }
}

export const supervisordStates: StateModule = {
  name: 'supervisord',
  doc: 'Keep programs under supervisord running or dead.',
  functions: {
    running: {
      doc: "Start the program or 'group:' (adding it from the config when supervisord does not know it; update: True runs supervisorctl update first); restart: True restarts it when it already runs.",
      run: (ctx, args) => running(ctx, args, truthy(args.restart)),
    },
    dead: { doc: "Stop the program or 'group:' if it runs.", run: dead },
  },
  modWatch: {
    doc: 'When a watched state changed: supervisord.running with restart (default True).',
    run: (ctx, args) => running(ctx, args, args.restart === undefined ? true : truthy(args.restart)),
  },
};
