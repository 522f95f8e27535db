// state: apply SLS files and the top file to this minion, or show what they compile to.
import { CommandExecutionError } from './command-error.js';
import { freshPillar } from '../pillar/for-call.js';
import { EX_PILLAR_FAILURE, pillarRefusal } from '../pillar/refusal.js';
import { compileSls, compileTop, slsNames } from '../highstate/compile.js';
import { executeChunks, executeHigh } from '../highstate/execute.js';
import { StateRun } from '../highstate/state-run.js';
import { topMatches } from '../highstate/top.js';
import { retcodeOf } from '../../shared/state/run/index.js';
import { showLowstate, showSls, type CompiledHigh } from '../../shared/state/compile/index.js';
import type { LowChunk, StateRunResult } from '../../shared/state/types.js';
import { pyStr } from '../../shared/output/py-str.js';
import type { BoundArgs, ExecContext, ExecFunction, ExecModule } from './types.js';

/** Runs `work` in a state run of the call's saltenv, test mode and pillar (pillarenv=,
 * pillar=); a pillar that failed to render refuses the run, unless force=True. */
async function withRun<T>(ctx: ExecContext, a: BoundArgs, work: (run: StateRun) => Promise<T>): Promise<T | string[]> {
  const kwargs = a.kwargs ?? {};
  const test = a.test ?? kwargs.test;
  const saltenv = a.saltenv == null ? undefined : pyStr(a.saltenv);
  // Compiled afresh for every run, as Salt 3006 does: an edited pillar file counts at the
  // next state.apply without a refresh_pillar.
  const pillar = await freshPillar(ctx, { pillarenv: kwargs.pillarenv, saltenv, override: kwargs.pillar });
  const refusal = kwargs.force === true ? null : pillarRefusal(pillar);
  if (refusal) {
    ctx.setRetcode(EX_PILLAR_FAILURE);
    return refusal;
  }
  const run = new StateRun(ctx.withPillar(pillar), {
    saltenv: saltenv ?? 'base',
    topSaltenv: saltenv,
    test: test === null || test === undefined ? ctx.opts.test : test === true,
  });
  try {
    return await work(run);
  } finally {
    await run.close();
  }
}

/** Hands back a run's result with the job's retcode set: 1 for errors, 2 for a failed state. */
function finish(ctx: ExecContext, result: StateRunResult | string[]): StateRunResult | string[] {
  const code = retcodeOf(result);
  if (code !== 0) ctx.setRetcode(code);
  return result;
}

/** A show_* view of compiled data; render and structure errors set retcode 1, as in Salt. */
function shown<T>(ctx: ExecContext, compiled: CompiledHigh, view: (compiled: CompiledHigh) => T): T {
  if (compiled.errors.length > 0) ctx.setRetcode(1);
  return view(compiled);
}

const RUN_PARAMS = [{ name: 'mods', default: null }, { name: 'test', default: null }, { name: 'saltenv', default: null }];

const apply: ExecFunction = {
  doc: 'Apply states: the named SLS files (comma separated or a list), or the highstate (top file) when none are named. test=True reports what would change; saltenv picks the environment; pillarenv= compiles the pillar of that environment and pillar={...} merges over it, for this run only.',
  params: RUN_PARAMS,
  varkw: true,
  run: (ctx, a) =>
    withRun(ctx, a, async (run) => {
      const mods = a.mods == null ? [] : slsNames(a.mods);
      return finish(ctx, await executeHigh(run, mods.length > 0 ? await compileSls(run, mods) : await compileTop(run)));
    }),
};

const sls: ExecFunction = {
  doc: 'Apply the named SLS files (comma separated or a list). test=True reports what would change.',
  params: [{ name: 'mods' }, ...RUN_PARAMS.slice(1)],
  varkw: true,
  run: (ctx, a) => withRun(ctx, a, async (run) => finish(ctx, await executeHigh(run, await compileSls(run, slsNames(a.mods))))),
};

const highstate: ExecFunction = {
  doc: "Apply every SLS file the top file gives this minion. test=True reports what would change.",
  params: RUN_PARAMS.slice(1),
  varkw: true,
  run: (ctx, a) => withRun(ctx, a, async (run) => finish(ctx, await executeHigh(run, await compileTop(run)))),
};

export const stateModule: ExecModule = {
  name: 'state',
  doc: 'Apply SLS files and the top file to this minion, or show what they compile to.',
  functions: {
    apply,
    sls,
    highstate,
    test: {
      doc: 'state.apply with test=True: report what would change and change nothing.',
      params: [{ name: 'mods', default: null }, { name: 'saltenv', default: null }],
      varkw: true,
      run: (ctx, a) => apply.run(ctx, { ...a, test: true }),
    },
    single: {
      doc: 'Run one state function without an SLS file: state.single pkg.installed name=vim.',
      params: [{ name: 'fun' }, { name: 'name' }, { name: 'test', default: null }, { name: 'saltenv', default: null }],
      varkw: true,
      run: (ctx, a) =>
        withRun(ctx, a, async (run) => {
          const fun = pyStr(a.fun);
          const dot = fun.indexOf('.');
          if (dot <= 0) throw new CommandExecutionError(`Invalid function passed: '${fun}' is not module.function`);
          const { pillar: _pillar, pillarenv: _pillarenv, force: _force, test: _test, ...args } = a.kwargs ?? {};
          const name = pyStr(a.name);
          const chunk: LowChunk = { state: fun.slice(0, dot), name, __sls__: 'state.single', __env__: run.settings.saltenv, __id__: name, ...args, order: 10000, fun: fun.slice(dot + 1) };
          return finish(ctx, await executeChunks(run, [chunk]));
        }),
    },
    show_sls: {
      doc: 'The high data the named SLS files compile to, without running them (extend and _in requisites not applied).',
      params: [{ name: 'mods' }, { name: 'saltenv', default: null }],
      varkw: true,
      run: (ctx, a) => withRun(ctx, a, async (run) => shown(ctx, await compileSls(run, slsNames(a.mods)), showSls)),
    },
    show_low_sls: {
      doc: 'The low chunks the named SLS files compile to, in run order, without running them.',
      params: [{ name: 'mods' }, { name: 'saltenv', default: null }],
      varkw: true,
      run: (ctx, a) => withRun(ctx, a, async (run) => shown(ctx, await compileSls(run, slsNames(a.mods)), showLowstate)),
    },
    show_highstate: {
      doc: "The high data of this minion's highstate (the top file's SLS files), without running it.",
      params: [{ name: 'saltenv', default: null }],
      varkw: true,
      run: (ctx, a) => withRun(ctx, a, async (run) => shown(ctx, await compileTop(run), showSls)),
    },
    show_lowstate: {
      doc: "The low chunks of this minion's highstate, in run order, without running it.",
      params: [{ name: 'saltenv', default: null }],
      varkw: true,
      run: (ctx, a) => withRun(ctx, a, async (run) => shown(ctx, await compileTop(run), showLowstate)),
    },
    show_top: {
      doc: 'The SLS files the top file gives this minion, per saltenv.',
      params: [{ name: 'saltenv', default: null }],
      varkw: true,
      run: (ctx, a) => withRun(ctx, a, (run) => topMatches(run)),
    },
  },
};
