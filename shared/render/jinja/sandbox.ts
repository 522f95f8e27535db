// Member access from templates: `a.b`, `a['b']`, `a[1:3]`. The sandbox lives here: a
// template reaches only own data of dicts, lists, strings and the layer's own objects,
// plus the vetted Python methods; never a prototype, constructor or host function.
import { defined, typeError } from './failure.js';
import { pythonMethod } from './methods.js';
import { numberRepr, repr } from './print.js';
import { callable, splitArgs, hasOwn, isDict, LoopContext, Namespace, TemplateModule, Tuple, Undefined, typeName, PyFloat } from './values.js';
import { SaltFunctions, SaltModule } from './salt.js';

/** Objects whose own properties are the attributes a template may read. */
function hasAttributes(value: unknown): value is Record<string, unknown> {
  return isDict(value) || value instanceof Namespace || value instanceof LoopContext || value instanceof TemplateModule;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "'None'";
  return `'${typeName(value)} object'`;
}

function boundMethod(value: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  const method = pythonMethod(value, name, getItem);
  if (!method) return undefined;
  return callable((...raw: unknown[]) => {
    const { args, kwargs } = splitArgs(raw);
    return method(value, args, kwargs);
  });
}

/** `value.name`: a method first, then an own key (as Jinja's getattr does). */
export function getAttr(value: unknown, name: string): unknown {
  const target = defined(value);
  if (target instanceof SaltFunctions) return target.module(name);
  if (target instanceof SaltModule) return target.fn(name);
  const method = boundMethod(target, name);
  if (method) return method;
  if (hasAttributes(target) && hasOwn(target, name)) return target[name];
  return new Undefined(`${describe(target)} has no attribute '${name}'`);
}

function indexOf(length: number, key: unknown): number | undefined {
  const n = typeof key === 'boolean' ? Number(key) : key instanceof PyFloat ? NaN : key;
  if (typeof n !== 'number' || !Number.isInteger(n)) return undefined;
  const index = n < 0 ? length + n : n;
  return index >= 0 && index < length ? index : undefined;
}

/** `value[key]`: an item first, then an attribute (as Jinja's getitem does). */
export function getItem(value: unknown, key: unknown): unknown {
  const target = defined(value);
  defined(key);
  if (key instanceof Slice) return key.apply(target);
  if (target instanceof SaltFunctions && typeof key === 'string') return target.function(key);
  if (Array.isArray(target) || typeof target === 'string') {
    const index = indexOf(target.length, key);
    if (index !== undefined) return target[index];
    if (typeof key !== 'string') return new Undefined(`${describe(target)} has no element ${repr(key)}`);
  } else if (hasAttributes(target)) {
    const name = typeof key === 'string' ? key : typeof key === 'number' || key instanceof PyFloat ? numberRepr(key) : undefined;
    if (name !== undefined && hasOwn(target, name)) return target[name];
  }
  return typeof key === 'string' ? getAttr(target, key) : new Undefined(`${describe(target)} has no element ${repr(key)}`);
}

/** `value[start:stop:step]` on a list, tuple or string. */
export class Slice {
  constructor(
    readonly start: unknown,
    readonly stop: unknown,
    readonly step: unknown,
  ) {}

  apply(target: unknown): unknown {
    if (!Array.isArray(target) && typeof target !== 'string') throw typeError(`'${typeName(target)}' object is not subscriptable`);
    const items = typeof target === 'string' ? Array.from(target) : target;
    const step = this.step === null || this.step === undefined ? 1 : Number(defined(this.step));
    if (step === 0) throw typeError('slice step cannot be zero');
    const length = items.length;
    const clamp = (value: unknown, dflt: number): number => {
      if (value === null || value === undefined) return dflt;
      const n = Number(defined(value));
      const i = n < 0 ? n + length : n;
      return step > 0 ? Math.min(Math.max(i, 0), length) : Math.min(Math.max(i, -1), length - 1);
    };
    const start = clamp(this.start, step > 0 ? 0 : length - 1);
    const stop = clamp(this.stop, step > 0 ? length : -1);
    const out: unknown[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(items[i]);
    if (typeof target === 'string') return out.join('');
    return target instanceof Tuple ? Tuple.from(out) : out;
  }
}
