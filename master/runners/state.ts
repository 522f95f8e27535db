// state.orchestrate (and the bare `orchestrate NAME`, for orch/NAME.sls): run an
// orchestration SLS from the master's file_roots, printed with the highstate outputter.
import { SaltTsError } from '../../shared/errors.js';
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

export const stateRunner: RunnerModule = {
  name: 'state',
  functions: {
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
