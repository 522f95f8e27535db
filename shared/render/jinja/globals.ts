// Functions every template can call: Jinja's range, dict, namespace, cycler, joiner,
// and Salt's raise().
import { TemplateFailure, defined, typeError } from './failure.js';
import { iterate } from './operators.js';
import { str } from './print.js';
import { Namespace, callable, defineKey, isDict, splitArgs, LoopContext } from './values.js';

function range(...raw: unknown[]): number[] {
  const args = splitArgs(raw).args.map((arg) => Number(defined(arg)));
  const [start, stop, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1];
  if (step === 0) throw new TemplateFailure('ValueError: range() arg 3 must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(i);
    if (out.length > 100000) throw new TemplateFailure('OverflowError: range too big, maximum size for range is 100000');
  }
  return out;
}

function fill(target: object, raw: unknown[]): void {
  const { args, kwargs } = splitArgs(raw);
  for (const arg of args) {
    const source = defined(arg);
    if (isDict(source)) for (const key of Object.keys(source)) defineKey(target, key, source[key]);
    else for (const pair of iterate(source)) { const [key, value] = iterate(pair); defineKey(target, str(key), value); }
  }
  for (const key of Object.keys(kwargs)) defineKey(target, key, kwargs[key]);
}

function namespace(...raw: unknown[]): Namespace {
  const ns = new Namespace();
  fill(ns, raw);
  return ns;
}

function dict(...raw: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  fill(out, raw);
  return out;
}

/** cycler(a, b): an object with next(), reset() and current, as a LoopContext-like record. */
function cycler(...raw: unknown[]): LoopContext {
  const items = splitArgs(raw).args;
  if (items.length === 0) throw typeError('cycler() needs at least one item');
  const state = new LoopContext();
  let position = 0;
  defineKey(state, 'current', items[0]);
  defineKey(state, 'next', callable(() => {
    const value = items[position];
    position = (position + 1) % items.length;
    defineKey(state, 'current', items[position]);
    return value;
  }));
  defineKey(state, 'reset', callable(() => {
    position = 0;
    defineKey(state, 'current', items[0]);
    return null;
  }));
  return state;
}

/** joiner(sep): returns '' the first time it is called, then sep. */
function joiner(...raw: unknown[]): () => string {
  const sep = raw.length ? str(splitArgs(raw).args[0] ?? ', ') : ', ';
  let used = false;
  return callable(() => {
    if (used) return sep;
    used = true;
    return '';
  });
}

/** Salt's raise(): stops the render with the template's own message. */
function raise(...raw: unknown[]): never {
  throw new TemplateFailure(str(splitArgs(raw).args[0] ?? ''));
}

export const builtinGlobals: Readonly<Record<string, unknown>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, unknown>, Object.fromEntries(Object.entries({ range, namespace, dict, cycler, joiner, raise }).map(([name, fn]) => [name, callable(fn)]))),
);
