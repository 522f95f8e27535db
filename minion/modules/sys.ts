// sys: what the minion can run, and the documentation of each function.
import { globMatch } from '../../shared/targeting/glob.js';
import type { ExecContext, ExecModule } from './types.js';

/** The module name of `mod.fun`. */
const moduleOf = (fun: string): string => fun.split('.')[0]!;

/** Salt's selection: a glob (with `*`) matches full names; `mod` (or `mod.`) picks the module's functions; `mod.fun` picks itself. */
function selects(pattern: string, fun: string): boolean {
  if (pattern.includes('*')) return globMatch(pattern, fun);
  const prefix = pattern === '' || pattern.endsWith('.') ? pattern : `${pattern}.`;
  return fun === pattern || fun.startsWith(prefix);
}

/** The registered function names the patterns select (all of them when there are none), sorted. */
function selectFunctions(ctx: ExecContext, patterns: unknown[]): string[] {
  const names = [...ctx.functions().keys()];
  const chosen = patterns.length ? names.filter((fun) => patterns.some((p) => selects(String(p), fun))) : names;
  return chosen.sort();
}

export const sysModule: ExecModule = {
  name: 'sys',
  doc: 'Information about the functions available on the minion.',
  functions: {
    list_modules: {
      doc: "Return the sorted names of the loaded modules; a glob ('s*') selects the modules of the functions it matches.",
      varargs: true,
      run: (ctx, a) => {
        const patterns = (a.args ?? []).map(String);
        const wanted = (fun: string) => patterns.some((p) => (p.includes('*') ? globMatch(p, fun) : moduleOf(fun) === p));
        const names = [...ctx.functions().keys()].filter((fun) => !patterns.length || wanted(fun));
        return [...new Set(names.map(moduleOf))].sort();
      },
    },
    list_functions: {
      doc: "Return the sorted names of the functions of the given modules (all when none); 'mod.fun' and globs ('sys.list_*') select functions.",
      varargs: true,
      // Salt ignores stray keyword arguments here rather than failing.
      varkw: true,
      run: (ctx, a) => selectFunctions(ctx, a.args ?? []),
    },
    doc: {
      doc: "Return {function: docstring} for the given modules or functions (all when none); names may be globs ('sys.list_*').",
      varargs: true,
      run: (ctx, a) => {
        const functions = ctx.functions();
        return Object.fromEntries(selectFunctions(ctx, a.args ?? []).map((fun) => [fun, functions.get(fun)!.doc]));
      },
    },
  },
};
