// service's mod_watch: when a watched state changed, restart a running service (or
// reload it with reload: True), start it if it was down; stop it for service.dead.
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { errorText, startReturn } from '../../../shared/state/state-return.js';

export async function serviceWatch(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const ret = startReturn(args.name);
  const running = (await ctx.call('service.status', [args.name], args.sig == null ? {} : { sig: args.sig })) === true;
  let verb: string;
  let participle: string;
  if (args.sfun === 'dead') {
    if (!running) return Object.assign(ret, { comment: 'Service is already stopped' });
    [verb, participle] = ['stop', 'stopped'];
  } else if (args.sfun === 'running') {
    verb = !running ? 'start' : args.reload === true ? 'reload' : 'restart';
    participle = `${verb}ed`;
  } else {
    return Object.assign(ret, { result: false, comment: `Unable to trigger watch for service.${pyStr(args.sfun)}` });
  }
  if (ctx.test) return Object.assign(ret, { result: null, comment: `Service is set to be ${participle}` });
  let done: boolean;
  try {
    // Salt stops a service it is about to start, in case a half-started one is around.
    if (verb === 'start') await ctx.call('service.stop', [args.name]);
    done = (await ctx.call(`service.${verb}`, [args.name])) === true;
  } catch (err) {
    return Object.assign(ret, { result: false, comment: errorText(err) });
  }
  return Object.assign(ret, { changes: { [args.name]: done }, result: done, comment: done ? `Service ${participle}` : `Failed to ${verb} the service` });
}
