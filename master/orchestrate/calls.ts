// The execution functions an orchestration's templates and states can call on the master
// (Salt's master-side minion functions): saltutil.cmd publishes a real job,
// saltutil.runner runs a runner, pillar.get reads the orchestration's pillar, test.* answer at once.
import { SaltTsError } from '../../shared/errors.js';
import { traverse } from '../../shared/traverse.js';
import type { RunnerContext } from '../runners/types.js';
import { findRunner } from '../runners/registry.js';
import type { JobPublisher } from './minion-job.js';

export type MasterCall = (fun: string, args: unknown[], kwargs: Record<string, unknown>) => Promise<unknown>;

/** Positional arguments by name, as Python would bind them; keyword arguments win. */
function bind(fun: string, names: readonly string[], args: unknown[], kwargs: Record<string, unknown>): Record<string, unknown> {
  if (args.length > names.length) throw new SaltTsError('SALTTS_BAD_ARGUMENT', `${fun} takes at most ${names.length} positional arguments (${names.join(', ')}), got ${args.length}`);
  const bound: Record<string, unknown> = { ...kwargs };
  names.forEach((name, i) => {
    if (i < args.length) bound[name] ??= args[i];
  });
  return bound;
}

function listOf(value: unknown): unknown[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

export function masterCalls(publisher: JobPublisher, runnerContext: Omit<RunnerContext, 'args'>, pillar: Record<string, unknown>): MasterCall {
  const functions: Record<string, (args: unknown[], kwargs: Record<string, unknown>) => Promise<unknown>> = {
    'saltutil.cmd': async (args, kwargs) => {
      const a = bind('saltutil.cmd', ['tgt', 'fun', 'arg', 'timeout', 'tgt_type'], args, kwargs);
      if (a.tgt == null || typeof a.fun !== 'string') throw new SaltTsError('SALTTS_BAD_ARGUMENT', 'saltutil.cmd needs a target and a function: saltutil.cmd(tgt, fun, arg=[...])');
      const outcome = await publisher.run({
        tgt: a.tgt as string | string[],
        tgt_type: a.tgt_type,
        fun: a.fun,
        arg: listOf(a.arg),
        kwarg: (a.kwarg as Record<string, unknown> | undefined) ?? {},
        timeout: a.timeout,
      });
      return Object.fromEntries(Object.entries(outcome.returns).map(([id, r]) => [id, { ret: r.ret, retcode: r.retcode }]));
    },
    'saltutil.runner': async (args, kwargs) => {
      const { name, arg, ...rest } = bind('saltutil.runner', ['name', 'arg'], args, kwargs);
      const runner = typeof name === 'string' ? findRunner(name) : undefined;
      if (!runner) throw new SaltTsError('SALTTS_UNKNOWN_FUNCTION', `saltutil.runner: no runner named ${JSON.stringify(name)}`);
      return runner.run({ ...runnerContext, args: { arg: listOf(arg), kwarg: rest } });
    },
    'pillar.get': async (args, kwargs) => {
      const a = bind('pillar.get', ['key', 'default', 'merge', 'merge_nested_lists', 'delimiter'], args, kwargs);
      return traverse(pillar, String(a.key), a.default ?? '', typeof a.delimiter === 'string' ? a.delimiter : ':');
    },
    'pillar.items': async () => pillar,
    'test.ping': async () => true,
    'test.true': async () => true,
    'test.false': async () => false,
    'test.echo': async (args) => args[0],
    'test.arg': async (args, kwargs) => ({ args, kwargs }),
  };
  return async (fun, args, kwargs) => {
    const call = functions[fun];
    if (!call) throw new SaltTsError('SALTTS_UNKNOWN_FUNCTION', `'${fun}' is not available to orchestrations on the master (${Object.keys(functions).join(', ')})`);
    return call(args, kwargs);
  };
}
