// Python values that JavaScript has no exact twin for: floats that happen to be whole
// numbers, tuples, undefined variables, keyword arguments, namespaces.

/** A float with a whole value (2.0): JS numbers cannot tell it from the int 2. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

/** A tuple: prints as (a, b); otherwise an array. */
export class Tuple extends Array<unknown> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

export function tuple(items: Iterable<unknown>): Tuple {
  const result = new Tuple();
  for (const item of items) result.push(item);
  return result;
}

/** StrictUndefined: what a missing name, key or attribute evaluates to; using it is an error. */
export class Undefined {
  constructor(readonly hint: string) {}
}

/** Keyword arguments of a call. The own `__keywords` mark is what nunjucks' macros look for. */
class Kwargs {
  readonly __keywords = true;
}

export function makeKwargs(pairs: [string, unknown][]): Kwargs {
  const kwargs = new Kwargs();
  for (const [key, value] of pairs) defineKey(kwargs, key, value);
  return kwargs;
}

/** Splits a call's arguments into positional ones and a plain record of keyword ones. */
export function splitArgs(args: unknown[]): { args: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (!(last instanceof Kwargs)) return { args, kwargs: {} };
  const kwargs: Record<string, unknown> = {};
  for (const key of Object.keys(last)) if (key !== '__keywords') defineKey(kwargs, key, (last as unknown as Record<string, unknown>)[key]);
  return { args: args.slice(0, -1), kwargs };
}

const templateCallables = new WeakSet<object>();

/** Marks a function as one templates may call (macros, vetted methods, globals, salt functions). */
export function callable<T extends (...args: any[]) => unknown>(fn: T): T {
  templateCallables.add(fn);
  return fn;
}

/** Only marked functions are callable: a host function that slipped into the context is not. */
export function isCallable(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function' && templateCallables.has(value);
}

/** Jinja's namespace(): the one object whose attributes `{% set ns.x = v %}` may assign. */
export class Namespace {}

/** A template imported with {% import %}: its exported macros and variables. */
export class TemplateModule {}

/** The `loop` variable inside a for loop. */
export class LoopContext {}

/** Writes a key without ever touching a prototype ('__proto__' stays a plain key). */
export function defineKey(target: object, key: string, value: unknown): void {
  // '__proto__' is the one accessor plain objects inherit; every other key assigns as data.
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else (target as Record<string, unknown>)[key] = value;
}

export function hasOwn(target: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

/** A dict: a plain data object (what JSON, YAML and the template's own {...} produce). */
export function isDict(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isNumber(value: unknown): value is number | PyFloat {
  return typeof value === 'number' || value instanceof PyFloat;
}

export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}

/** A number as Python would hold it: a float result stays a float even when whole. */
export function makeNumber(value: number, float: boolean): number | PyFloat {
  return float && Number.isInteger(value) ? new PyFloat(value) : value;
}

/** Python's type() name, for error messages. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string' || value instanceof String) return 'str';
  if (isFloat(value)) return 'float';
  if (typeof value === 'number') return 'int';
  if (value instanceof Tuple) return 'tuple';
  if (Array.isArray(value)) return 'list';
  if (isDict(value)) return 'dict';
  if (typeof value === 'function') return 'function';
  if (value instanceof Namespace) return 'Namespace';
  if (value instanceof Undefined) return 'StrictUndefined';
  return 'object';
}
