// Runs orchestration SLS `mods` on the master: under its lock, with the master's pillar
// for `<host>_master` (plus the pillar= override), compiled and run by the shared state
// engine with the orchestration states. Returns {<host>_master: results} as Salt does.
// The run is a runner job: its jid (the lock's) names its events and its job cache entry.
import { hostname, userInfo } from 'node:os';
import { describeError, SaltTsError } from '../../shared/errors.js';
import { JidGenerator } from '../../shared/jid.js';
import { mergePillar } from '../../shared/pillar/index.js';
import { compileHighstate, finalizeLow } from '../../shared/state/compile/index.js';
import { retcodeOf, runStates } from '../../shared/state/run/index.js';
import type { LowChunk, StateRunResult } from '../../shared/state/types.js';
import { MasterPillarCompiler } from '../pillar/compiler.js';
import { RunnerJob } from '../events/runner-job.js';
import type { RunnerContext } from '../runners/types.js';
import { masterCalls } from './calls.js';
import { acquireOrchLock } from './lock.js';
import { jobPublisher } from './minion-job.js';
import { OrchRun } from './orch-run.js';
import { orchStates } from './states/registry.js';

export type OrchResult = Record<string, StateRunResult | string[]>;

export const orchestrationId = (): string => `${hostname()}_master`;

function objectArg(value: unknown, what: string): Record<string, unknown> {
  if (value == null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new SaltTsError('SALTTS_BAD_ARGUMENT', `${what} must be a mapping (e.g. pillar='{"app": {"rev": "abc"}}'), got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

function stringArg(value: unknown, what: string): string | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'string') throw new SaltTsError('SALTTS_BAD_ARGUMENT', `${what} must be a name, got ${JSON.stringify(value)}`);
  return value;
}

async function orchPillar(ctx: RunnerContext, id: string, pillarenv: string | undefined): Promise<Record<string, unknown>> {
  const compiler = new MasterPillarCompiler(ctx.config, 1);
  try {
    const own = await compiler.compile(id, { id }, pillarenv === undefined ? {} : { pillarenv });
    const override = objectArg(ctx.args.kwarg.pillar, 'pillar');
    return mergePillar(own, override, ctx.config.pillar_source_merging_strategy, ctx.config.pillar_merge_lists);
  } finally {
    await compiler.close();
  }
}

export async function orchestrate(ctx: RunnerContext, mods: string): Promise<OrchResult> {
  const id = orchestrationId();
  const jid = new JidGenerator().next();
  const user = userInfo().username;
  const release = acquireOrchLock(ctx.config.cachedir, mods, { jid, user, started: new Date().toISOString(), pid: process.pid });
  try {
    const { kwarg } = ctx.args;
    const fun_args = Object.keys(kwarg).length ? [mods, kwarg] : [mods];
    const job = new RunnerJob(ctx.nc, ctx.config.cachedir, { jid, id, fun: 'runner.state.orchestrate', fun_args, user });
    await job.start();
    const finish = (result: StateRunResult | string[]) => job.finish(result, { data: { [id]: result }, outputter: 'highstate' }, retcodeOf(result));
    let result: StateRunResult | string[];
    try {
      result = await runOrchestration(ctx, mods, job);
    } catch (err) {
      // A bad argument or pillar still ends the job, and still fails the command.
      await finish([describeError(err)]);
      throw err;
    }
    await finish(result);
    return { [id]: result };
  } finally {
    release();
  }
}

async function runOrchestration(ctx: RunnerContext, mods: string, job: RunnerJob): Promise<StateRunResult | string[]> {
  const { id } = job.spec;
  const { kwarg } = ctx.args;
  const saltenv = stringArg(kwarg.saltenv, 'saltenv') ?? 'base';
  const pillarenv = stringArg(kwarg.pillarenv, 'pillarenv');
  const test = kwarg.test === true || (kwarg.test == null && ctx.config.test);
  const publisher = jobPublisher(ctx.nc, ctx.config);
  const pillar = await orchPillar(ctx, id, pillarenv);
  const call = masterCalls(publisher, { config: ctx.config, nc: ctx.nc }, pillar);
  const opts = { id, renderer: ctx.config.renderer, test, file_roots: ctx.config.file_roots };
  const run = new OrchRun(ctx.config.file_roots, { id, saltenv, pillar, renderer: ctx.config.renderer, opts }, call);
  try {
    const compiled = await compileHighstate(mods.split(',').map((sls) => ({ saltenv, sls: sls.trim() })), run);
    if (compiled.errors.length) return compiled.errors;
    const final = finalizeLow(compiled.high);
    if (final.errors.length) return final.errors;
    const lookup = orchStates({ publisher, nc: ctx.nc, ...(pillarenv === undefined ? {} : { pillarenv }) });
    const context = (chunk: LowChunk, t: boolean) => run.stateContext(chunk, t);
    return await runStates(final.chunks, { lookup, context, test, failhard: ctx.config.failhard, call, ...job.stateEvents(final.chunks.length) });
  } catch (err) {
    return [describeError(err)];
  } finally {
    await run.close();
  }
}
