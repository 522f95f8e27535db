// Binds a call's positional and keyword arguments to a function's declared
// parameters, with the errors Python would give for the same mistakes.
import type { BoundArgs, ExecFunction } from './types.js';

export class ArgumentError extends Error {
  fun = '';
  doc = '';

  /** Names the function the arguments were for, once the caller knows it. */
  describe(fun: string, doc: string): void {
    this.fun = fun;
    this.doc = doc;
  }
}

export function bindArguments(fn: ExecFunction, arg: unknown[], kwarg: Record<string, unknown>): BoundArgs {
  const params = fn.params ?? [];
  const bound: BoundArgs = {};
  const extraArgs: unknown[] = [];
  const extraKwargs: Record<string, unknown> = {};
  arg.forEach((value, i) => {
    if (i < params.length) bound[params[i]!.name] = value;
    else extraArgs.push(value);
  });
  if (extraArgs.length && !fn.varargs) {
    throw new ArgumentError(`takes at most ${params.length} positional argument${params.length === 1 ? '' : 's'} (${arg.length} given)`);
  }
  for (const [name, value] of Object.entries(kwarg)) {
    if (params.some((p) => p.name === name)) {
      if (Object.hasOwn(bound, name)) throw new ArgumentError(`got multiple values for argument '${name}'`);
      bound[name] = value;
    } else if (fn.varkw) extraKwargs[name] = value;
    else throw new ArgumentError(`got an unexpected keyword argument '${name}'`);
  }
  for (const p of params) {
    if (Object.hasOwn(bound, p.name)) continue;
    if (!Object.hasOwn(p, 'default')) throw new ArgumentError(`missing required argument: '${p.name}'`);
    bound[p.name] = p.default;
  }
  if (fn.varargs) bound.args = extraArgs;
  if (fn.varkw) bound.kwargs = extraKwargs;
  return bound;
}
