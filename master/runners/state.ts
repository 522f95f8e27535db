// state.orchestrate (and the bare `orchestrate NAME`, for orch/NAME.sls): run an
// orchestration SLS from the master's file_roots, printed with the highstate outputter;
// state.event: print the event bus live.
import { SaltTsError } from '../../shared/errors.js';
import { truthy } from '../../shared/state/state-return.js';
import { tagMatches, watchBus } from '../events/bus.js';
import { eventLine } from '../events/print.js';
import { retcodeOf } from '../../shared/state/run/index.js';
import { orchestrate, type OrchResult } from '../orchestrate/orchestrate.js';
import type { RunnerContext, RunnerFunction, RunnerModule } from './types.js';

function modsOf(ctx: RunnerContext, usage: string): string {
  const mods = ctx.args.arg[0] ?? ctx.args.kwarg.mods;
  if (typeof mods !== 'string' || mods.trim() === '') throw new SaltTsError('SALTTS_BAD_ARGUMENT', `which orchestration? e.g. ${usage}; got ${JSON.stringify(mods ?? null)}`);
  return mods;
}

const orchestrationRunner = (doc: string, mods: (ctx: RunnerContext) => string): RunnerFunction => ({
  doc,
  outputter: 'highstate',
  run: (ctx) => orchestrate(ctx, mods(ctx)),
  retcode: (result) => Math.max(0, ...Object.values(result as OrchResult).map(retcodeOf)),
});

/** Salt's state.event(tagmatch='*', count=-1, quiet=False, sock_dir=None, pretty=False). */
async function watchEvents(ctx: RunnerContext): Promise<undefined> {
  const { arg, kwarg } = ctx.args;
  const option = (name: string, position: number) => kwarg[name] ?? arg[position];
  const tagmatch = String(option('tagmatch', 0) ?? '*');
  let count = Number(option('count', 1) ?? -1);
  if (!Number.isInteger(count)) throw new SaltTsError('SALTTS_BAD_ARGUMENT', `count must be a whole number of events (-1: no end), got ${JSON.stringify(option('count', 1))}`);
  const quiet = truthy(option('quiet', 2) ?? false);
  const pretty = truthy(option('pretty', 4) ?? false);
  if (count === 0) return undefined;
  const { subscription, events } = watchBus(ctx.nc);
  try {
    for await (const event of events) {
      if (!tagMatches(tagmatch, event.tag)) continue;
      if (!quiet) process.stdout.write(eventLine(event.tag, event.data, pretty) + '\n');
      if (count > 0 && --count === 0) break;
    }
  } finally {
    subscription.unsubscribe();
  }
  return undefined;
}

export const stateRunner: RunnerModule = {
  name: 'state',
  functions: {
    event: {
      doc: "Print the master's events as they happen (tag, a tab, the data as JSON) until count=N matched (default: until Ctrl-C); tagmatch=GLOB (or a regex), pretty=True indents, quiet=True prints nothing.",
      run: watchEvents,
    },
    orchestrate: orchestrationRunner(
      'Run orchestration SLS `mods` (orch.NAME is orch/NAME.sls in file_roots) on the master; pillar=, pillarenv=, saltenv=, test=True.',
      (ctx) => modsOf(ctx, 'salt-ts-run state.orchestrate orch.deploy'),
    ),
  },
};

/** `salt-ts-run orchestrate NAME`: state.orchestrate orch.NAME. */
export const orchestrateByName = orchestrationRunner(
  'Run orch/NAME.sls from file_roots: the same as state.orchestrate orch.NAME.',
  (ctx) => `orch.${modsOf(ctx, 'salt-ts-run orchestrate deploy')}`,
);
