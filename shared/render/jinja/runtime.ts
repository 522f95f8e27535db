// The functions compiled templates call (as `runtime.*`). One runtime per rendered
// template file: it knows the file's source name (for errors and relative imports)
// and the line being run.
import { SaltTsError, describeError } from '../../errors.js';
import { TemplateFailure, defined, typeError } from './failure.js';
import { callFilter } from './filters.js';
import { printf } from './format.js';
import { makeMacro as nunjucksMakeMacro, NunjucksFrame, SafeString, type Frame } from './nunjucks.js';
import * as op from './operators.js';
import { str } from './print.js';
import { Slice, getAttr, getItem } from './sandbox.js';
import { getTest } from './tests.js';
import { LoopContext, Namespace, Undefined, callable, defineKey, isCallable, hasOwn, makeKwargs, makeNumber, tuple, typeName } from './values.js';

/** What a runtime needs from the engine that renders templates. */
export interface TemplateHost {
  lookupGlobal(name: string): unknown;
  importModule(name: unknown, from: string, vars: Record<string, unknown> | undefined): Record<string, unknown>;
  include(name: unknown, from: string, vars: Record<string, unknown>, ignoreMissing: boolean): string;
  importData(format: string, name: unknown, from: string): unknown;
  loadData(format: string, text: string, from: string): unknown;
}

/** The `context` object of compiled code: the template's variables and its exports. */
export class TemplateContext {
  readonly ctx: Record<string, unknown> = Object.create(null);
  readonly exported: string[] = [];

  constructor(vars: Record<string, unknown>) {
    for (const key of Object.keys(vars)) this.ctx[key] = vars[key];
  }

  setVariable(name: string, value: unknown): void {
    this.ctx[name] = value;
  }

  addExport(name: string): void {
    if (!this.exported.includes(name)) this.exported.push(name);
  }

  getVariables(): Record<string, unknown> {
    return this.ctx;
  }
}

/** A host error keeps its SALTTS code; a JavaScript one its class name. */
function describeCause(err: unknown): string {
  if (err instanceof SaltTsError || !(err instanceof Error)) return describeError(err);
  return `${err.name}: ${err.message}`;
}

function variablesOf(context: TemplateContext, frame: Frame | undefined): Record<string, unknown> {
  const vars: Record<string, unknown> = { ...context.ctx };
  const scopes: Frame[] = [];
  for (let f = frame; f; f = f.parent) scopes.unshift(f);
  for (const scope of scopes) for (const key of Object.keys(scope.variables)) vars[key] = scope.variables[key];
  return vars;
}

function loopContext(items: unknown[], index: number): LoopContext {
  const loop = new LoopContext();
  const length = items.length;
  const entries: [string, unknown][] = [
    ['index', index + 1], ['index0', index], ['revindex', length - index], ['revindex0', length - index - 1],
    ['first', index === 0], ['last', index === length - 1], ['length', length], ['depth', 1], ['depth0', 0],
    ['cycle', callable((...values: unknown[]) => values[index % values.length])],
  ];
  if (index > 0) entries.push(['previtem', items[index - 1]]);
  if (index < length - 1) entries.push(['nextitem', items[index + 1]]);
  for (const [key, value] of entries) defineKey(loop, key, value);
  return loop;
}

const shared = {
  Frame: NunjucksFrame,
  SafeString,
  truthy: op.truthy,
  contains: op.contains,
  iterate: op.iterate,
  unpack: op.unpack,
  add: op.add,
  sub: op.sub,
  mul: op.mul,
  div: op.div,
  floorDiv: op.floorDiv,
  mod: (a: unknown, b: unknown) => op.mod(a, b, printf),
  pow: op.pow,
  neg: op.neg,
  pos: op.pos,
  concat: op.concat,
  not: (value: unknown) => !op.truthy(value),
  or: (left: unknown, right: () => unknown) => (op.truthy(left) ? left : right()),
  and: (left: unknown, right: () => unknown) => (op.truthy(left) ? right() : left),
  ifElse: (cond: unknown, yes: () => unknown, no: () => unknown) => (op.truthy(cond) ? yes() : no()),
  /** `a < b < c`: each comparison with the next operand. */
  compare(first: unknown, ...rest: [string, unknown][]): boolean {
    let left = first;
    for (const [operator, right] of rest) {
      if (!op.compare(operator, left, right)) return false;
      left = right;
    }
    return true;
  },
  str,
  float: (value: number) => makeNumber(value, true),
  tuple,
  kwargs: makeKwargs,
  dict(pairs: [unknown, unknown][]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of pairs) defineKey(out, typeof key === 'string' ? key : str(key), value);
    return out;
  },
  slice: (start: unknown, stop: unknown, step: unknown) => new Slice(start, stop, step),
  getattr: getAttr,
  getitem: getItem,
  call(fn: unknown, name: string, args: unknown[]): unknown {
    const callee = defined(fn);
    if (!isCallable(callee)) throw typeError(`'${typeName(callee)}' object is not callable (${name})`);
    const result = callee(...args);
    return result instanceof SafeString ? String(result) : result;
  },
  filter: (name: string, value: unknown, args: unknown[]) => callFilter(name, value, args),
  test: (name: string, value: unknown, args: unknown[]) => getTest(name)(value, ...args.map(defined)),
  setAttr(target: unknown, name: string, value: unknown): void {
    if (!(defined(target) instanceof Namespace)) throw typeError(`cannot assign attribute '${name}' on a ${typeName(target)}: only a namespace() can be assigned to`);
    defineKey(target as Namespace, name, value);
  },
  loop: loopContext,
};

export type Runtime = typeof shared & ReturnType<typeof perTemplate>;

function perTemplate(source: string, host: TemplateHost) {
  const runtime = {
    source,
    line: 1,
    /** Names a failure with this template and the line being run, unless it already has them. */
    attach(err: unknown): TemplateFailure {
      const failure = err instanceof TemplateFailure ? err : new TemplateFailure(describeCause(err));
      if (failure.source === undefined) {
        failure.source = source;
        failure.line = runtime.line;
      }
      return failure;
    },
    handleError: (err: unknown) => runtime.attach(err),
    lookup(context: TemplateContext, frame: Frame, name: string): unknown {
      const local = frame.lookup(name);
      if (local !== undefined) return local;
      if (hasOwn(context.ctx, name)) return context.ctx[name];
      return host.lookupGlobal(name);
    },
    makeMacro(argNames: string[], kwargNames: string[], body: (...args: unknown[]) => unknown): unknown {
      const wrapped = function (this: unknown, ...args: unknown[]) {
        try {
          return body.apply(this, args);
        } catch (err) {
          throw runtime.attach(err);
        }
      };
      return callable((nunjucksMakeMacro as (a: string[], k: string[], f: unknown) => (...args: unknown[]) => unknown)(argNames, kwargNames, wrapped));
    },
    importModule: (context: TemplateContext, name: unknown, withContext: boolean) =>
      host.importModule(name, source, withContext ? context.getVariables() : undefined),
    fromImport(context: TemplateContext, name: unknown, withContext: boolean, names: string[]): unknown[] {
      const module = host.importModule(name, source, withContext ? context.getVariables() : undefined);
      return names.map((wanted) => {
        if (!hasOwn(module, wanted)) throw new TemplateFailure(`ImportError: cannot import name '${wanted}' from ${str(name)}`);
        return module[wanted];
      });
    },
    include: (context: TemplateContext, frame: Frame, name: unknown, ignoreMissing: boolean, withContext: boolean) =>
      host.include(name, source, withContext ? variablesOf(context, frame) : {}, ignoreMissing),
    importData: (format: string, name: unknown) => host.importData(format, name, source),
    loadData: (format: string, text: string) => host.loadData(format, text, source),
  };
  return runtime;
}

export function createRuntime(source: string, host: TemplateHost): Runtime {
  // The per-template part stays the object its closures see (runtime.line is read there).
  return Object.setPrototypeOf(perTemplate(source, host), shared) as Runtime;
}

/** What a missing name evaluates to. */
export function undefinedName(name: string): Undefined {
  return new Undefined(`'${name}' is undefined`);
}
