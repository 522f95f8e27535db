// Python semantics of Jinja's operators: truthiness, equality and ordering, `in`,
// arithmetic with int/float distinction, and iteration.
import { defined, typeError, TemplateFailure } from './failure.js';
import { str } from './print.js';
import { SafeString } from './nunjucks.js';
import { PyFloat, Tuple, isDict, isFloat, isNumber, makeNumber, typeName, hasOwn } from './values.js';

export function truthy(value: unknown): boolean {
  const known = defined(value);
  if (known === null || known === undefined) return false;
  if (typeof known === 'boolean') return known;
  if (typeof known === 'number') return known !== 0;
  if (known instanceof PyFloat) return known.value !== 0;
  if (typeof known === 'string' || known instanceof SafeString) return String(known).length > 0;
  if (Array.isArray(known)) return known.length > 0;
  if (isDict(known)) return Object.keys(known).length > 0;
  return true;
}

/** A number, bool (an int in Python) or float as a JS number; undefined for other types. */
function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof SafeString) return String(value);
  return undefined;
}

export function eq(a: unknown, b: unknown): boolean {
  defined(a);
  defined(b);
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) return na === nb;
  const ta = text(a);
  const tb = text(b);
  if (ta !== undefined || tb !== undefined) return ta === tb;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => eq(item, b[i]));
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => hasOwn(b, key) && eq(a[key], b[key]));
  }
  return a === b;
}

/** -1, 0 or 1 as Python orders the two values; TypeError where Python has no order. */
export function order(a: unknown, b: unknown, op: string): number {
  defined(a);
  defined(b);
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  const ta = text(a);
  const tb = text(b);
  if (ta !== undefined && tb !== undefined) return ta < tb ? -1 : ta > tb ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!eq(a[i], b[i])) return order(a[i], b[i], op);
    }
    return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
  }
  throw typeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

export function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
    case '===':
      return eq(a, b);
    case '!=':
    case '!==':
      return !eq(a, b);
    case '<':
      return order(a, b, op) < 0;
    case '>':
      return order(a, b, op) > 0;
    case '<=':
      return order(a, b, op) <= 0;
    case '>=':
      return order(a, b, op) >= 0;
    default:
      throw new TemplateFailure(`unknown comparison '${op}'`);
  }
}

/** Python's `item in container`. */
export function contains(container: unknown, item: unknown): boolean {
  const known = defined(container);
  defined(item);
  const haystack = text(known);
  if (haystack !== undefined) {
    const needle = text(item);
    if (needle === undefined) throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return haystack.includes(needle);
  }
  if (Array.isArray(known)) return known.some((element) => eq(element, item));
  if (isDict(known)) return (typeof item === 'string' || typeof item === 'number') && hasOwn(known, String(item));
  throw typeError(`argument of type '${typeName(known)}' is not iterable`);
}

/** The items a for loop or a filter walks: list items, dict keys, string characters. */
export function iterate(value: unknown): unknown[] {
  const known = defined(value);
  if (Array.isArray(known)) return known;
  const chars = text(known);
  if (chars !== undefined) return Array.from(chars);
  if (isDict(known)) return Object.keys(known);
  throw typeError(`'${typeName(known)}' object is not iterable`);
}

/** `a, b = value`: exactly as many items as names. */
export function unpack(value: unknown, count: number): unknown[] {
  const items = iterate(value);
  if (items.length < count) throw new TemplateFailure(`ValueError: not enough values to unpack (expected ${count}, got ${items.length})`);
  if (items.length > count) throw new TemplateFailure(`ValueError: too many values to unpack (expected ${count})`);
  return items;
}

function operands(op: string, a: unknown, b: unknown): [number, number] {
  const na = numeric(defined(a));
  const nb = numeric(defined(b));
  if (na === undefined || nb === undefined) {
    throw typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  }
  return [na, nb];
}

function floatResult(a: unknown, b: unknown): boolean {
  return isFloat(a) || isFloat(b);
}

export function add(a: unknown, b: unknown): unknown {
  const ta = text(defined(a));
  if (ta !== undefined) {
    const tb = text(defined(b));
    if (tb === undefined) throw typeError(`can only concatenate str (not "${typeName(b)}") to str`);
    return ta + tb;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) throw typeError(`can only concatenate list (not "${typeName(b)}") to list`);
    return a instanceof Tuple ? Tuple.from([...a, ...b]) : [...a, ...b];
  }
  const [x, y] = operands('+', a, b);
  return makeNumber(x + y, floatResult(a, b));
}

export function sub(a: unknown, b: unknown): unknown {
  const [x, y] = operands('-', a, b);
  return makeNumber(x - y, floatResult(a, b));
}

function repeat<T>(items: T[], times: unknown): T[] {
  const count = numeric(times);
  if (count === undefined || !Number.isInteger(count)) throw typeError(`can't multiply sequence by non-int of type '${typeName(times)}'`);
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(...items);
  return out;
}

export function mul(a: unknown, b: unknown): unknown {
  const ta = text(defined(a));
  const tb = text(defined(b));
  if (ta !== undefined) return repeat([ta], b).join('');
  if (tb !== undefined) return repeat([tb], a).join('');
  if (Array.isArray(a)) return repeat(a, b);
  if (Array.isArray(b)) return repeat(b, a);
  const [x, y] = operands('*', a, b);
  return makeNumber(x * y, floatResult(a, b));
}

function divisor(y: number, op: string): number {
  if (y === 0) throw new TemplateFailure(`ZeroDivisionError: ${op === '/' ? 'division by zero' : 'integer division or modulo by zero'}`);
  return y;
}

export function div(a: unknown, b: unknown): unknown {
  const [x, y] = operands('/', a, b);
  return makeNumber(x / divisor(y, '/'), true);
}

export function floorDiv(a: unknown, b: unknown): unknown {
  const [x, y] = operands('//', a, b);
  return makeNumber(Math.floor(x / divisor(y, '//')), floatResult(a, b));
}

/** Python's %: modulo with the divisor's sign, or printf-style formatting of a string. */
export function mod(a: unknown, b: unknown, format: (template: string, args: unknown) => string): unknown {
  const ta = text(defined(a));
  if (ta !== undefined) return format(ta, b);
  const [x, y] = operands('%', a, b);
  const m = x % divisor(y, '%');
  return makeNumber(m !== 0 && m < 0 !== y < 0 ? m + y : m, floatResult(a, b));
}

export function pow(a: unknown, b: unknown): unknown {
  const [x, y] = operands('**', a, b);
  return makeNumber(x ** y, floatResult(a, b) || y < 0);
}

export function neg(a: unknown): unknown {
  const x = numeric(defined(a));
  if (x === undefined) throw typeError(`bad operand type for unary -: '${typeName(a)}'`);
  return makeNumber(-x, isFloat(a));
}

export function pos(a: unknown): unknown {
  if (!isNumber(defined(a)) && typeof a !== 'boolean') throw typeError(`bad operand type for unary +: '${typeName(a)}'`);
  return a;
}

/** `a ~ b`: both as strings. */
export function concat(a: unknown, b: unknown): string {
  return str(a) + str(b);
}
