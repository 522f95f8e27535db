// Real state modules for the runner's tests: `file` writes real files, `probe` logs
// every call, fails or throws on demand, and has a mod_watch; cmd checks run real shells.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { cmdModule } from '../../minion/modules/cmd.js';
import type { RunOptions } from '../../shared/state/run/index.js';
import type { LowChunk, StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { moduleRunner } from './module-runner.js';

/** file.managed / file.absent on real paths, predicting changes under test=True. */
export const fileStates: StateModule = {
  name: 'file',
  doc: 'Real files.',
  functions: {
    managed: {
      doc: 'Write `contents` to the file.',
      run(ctx, args): StateReturn {
        const contents = String(args.contents ?? '');
        const current = existsSync(args.name) ? readFileSync(args.name, 'utf8') : null;
        if (current === contents) return { name: args.name, result: true, changes: {}, comment: `File ${args.name} is in the correct state` };
        const changes = current === null ? { newfile: args.name } : { diff: `-${current}\n+${contents}` };
        if (ctx.test) return { name: args.name, result: null, changes, comment: `The file ${args.name} is set to be changed` };
        writeFileSync(args.name, contents);
        return { name: args.name, result: true, changes, comment: `File ${args.name} updated` };
      },
    },
    absent: {
      doc: 'Remove the file.',
      run(ctx, args): StateReturn {
        if (!existsSync(args.name)) return { name: args.name, result: true, changes: {}, comment: `File ${args.name} is not present` };
        if (ctx.test) return { name: args.name, result: null, changes: { removed: args.name }, comment: `File ${args.name} is set for removal` };
        unlinkSync(args.name);
        return { name: args.name, result: true, changes: { removed: args.name }, comment: `Removed file ${args.name}` };
      },
    },
  },
};

export interface ProbeCall {
  fun: string;
  name: string;
  test: boolean;
  args: StateArgs;
}

/** A state module that records its calls. Functions: ok, change, fail, throws, flaky
 * (fails until its `succeed_on`-th call), wait (parallel barrier); mod_watch reports a restart. */
export function probeStates(options: { barrier?: Promise<void>; arrive?: () => void } = {}) {
  const calls: ProbeCall[] = [];
  const flakyCount = new Map<string, number>();
  const fn = (name: string, body: (ctx: StateContext, args: StateArgs) => StateReturn | Promise<StateReturn>) => ({
    doc: `probe.${name}`,
    run: (ctx: StateContext, args: StateArgs) => {
      calls.push({ fun: name, name: args.name, test: ctx.test, args });
      return body(ctx, args);
    },
  });
  const module: StateModule = {
    name: 'probe',
    doc: 'Records its calls.',
    functions: {
      ok: fn('ok', (_ctx, a) => ({ name: a.name, result: true, changes: {}, comment: 'all good' })),
      change: fn('change', (ctx, a) =>
        ({ name: a.name, result: ctx.test ? null : true, changes: { changed: a.name }, comment: ctx.test ? 'would change' : 'changed' })),
      fail: fn('fail', (_ctx, a) => ({ name: a.name, result: false, changes: {}, comment: 'failed on purpose' })),
      throws: fn('throws', () => {
        throw new Error('boom in probe');
      }),
      flaky: fn('flaky', (_ctx, a) => {
        const count = (flakyCount.get(a.name) ?? 0) + 1;
        flakyCount.set(a.name, count);
        const ok = count >= Number(a.succeed_on ?? Infinity);
        return { name: a.name, result: ok, changes: {}, comment: ok ? `ok on call ${count}` : `not yet (call ${count})` };
      }),
      wait: fn('wait', async (_ctx, a) => {
        options.arrive?.();
        await options.barrier;
        return { name: a.name, result: true, changes: {}, comment: 'met the others' };
      }),
    },
    modWatch: fn('mod_watch', (ctx, a) =>
      ({ name: a.name, result: ctx.test ? null : true, changes: { restarted: a.name }, comment: `restarted after ${String(a.sfun)}` })),
  };
  return { module, calls, called: (fun: string) => calls.filter((c) => c.fun === fun && !c.test).map((c) => c.name) };
}

const { run: runFunction } = moduleRunner([cmdModule]);

/** Calls real execution functions (cmd.retcode runs a real shell); a failed call throws. */
export async function callFunction(fun: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown> {
  const outcome = await runFunction(fun, args, kwargs);
  if (!outcome.success && typeof outcome.return === 'string') throw new Error(outcome.return);
  return outcome.return;
}

export function runOptions(modules: StateModule[], extra: Partial<RunOptions> = {}): RunOptions {
  const byName = new Map(modules.map((m) => [m.name, m]));
  return {
    lookup: (state) => byName.get(state),
    test: false,
    call: callFunction,
    context: (chunk: LowChunk, test: boolean): StateContext => ({
      test, id: 'web1', grains: {}, pillar: {}, opts: {}, saltenv: chunk.__env__, stateId: chunk.__id__, sls: chunk.__sls__,
      call: (fun, arg = [], kwarg = {}) => callFunction(fun, arg, kwarg),
      cacheFile: async (url) => url,
      listFiles: async () => [],
      renderTemplate: async (text) => text,
    }),
    ...extra,
  };
}

let order = 10000;

/** A low chunk as the compiler makes it: state, name, __sls__, __env__, __id__, args, order, fun. */
export function chunk(id: string, stateFun: string, args: Record<string, unknown> = {}, sls = 'web'): LowChunk {
  const [state, fun] = stateFun.split('.') as [string, string];
  const { name = id, ...rest } = args;
  return { state, name: String(name), __sls__: sls, __env__: 'base', __id__: id, ...rest, order: order++, fun };
}
