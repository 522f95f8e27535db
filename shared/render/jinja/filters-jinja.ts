// Jinja's built-in filters with Python semantics (join, default, dictsort, map, select...).
import { TemplateFailure, defined, typeError } from './failure.js';
import type { FilterTable } from './filter-kit.js';
import { printf } from './format.js';
import { jsonDumps } from './json.js';
import { eq, iterate, order, truthy } from './operators.js';
import { centered } from './methods.js';
import { repr, str } from './print.js';
import { getAttr, getItem } from './sandbox.js';
import { PyFloat, Tuple, Undefined, isDict, isFloat, makeNumber, tuple, typeName } from './values.js';

/** Services from the filter registry: other filters and tests by name, for map/select. */
export interface FilterHost {
  filter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown;
  test(name: string, value: unknown, args: unknown[]): boolean;
}

function attribute(item: unknown, path: unknown): unknown {
  if (path === undefined || path === null) return item;
  return String(path)
    .split('.')
    .reduce((value, part) => (/^\d+$/.test(part) ? getItem(value, Number(part)) : getItem(value, part)), item);
}

function foldCase(value: unknown, caseSensitive: unknown): unknown {
  return !caseSensitive && typeof value === 'string' ? value.toLowerCase() : value;
}

function sortItems(items: unknown[], key: (item: unknown) => unknown, reverse: unknown): unknown[] {
  const sorted = [...items].sort((a, b) => order(key(a), key(b), '<'));
  return reverse ? sorted.reverse() : sorted;
}

function toInt(value: unknown, dflt: unknown = 0, base: unknown = 10): number {
  if (typeof value === 'number' || value instanceof PyFloat) return Math.trunc(Number(value));
  if (typeof value === 'boolean') return Number(value);
  const text = String(value).trim().replace(/_/g, '');
  const radix = Number(base);
  const prefixed = /^[-+]?0([xob])/i.exec(text);
  const digits = radix === 10 && prefixed ? text.replace(/^([-+]?)0[xob]/i, '$1') : text;
  const effective = radix === 10 && prefixed ? { x: 16, o: 8, b: 2 }[prefixed[1].toLowerCase() as 'x' | 'o' | 'b'] : radix;
  if (effective === 10 && /^[-+]?\d+(\.\d*)?([eE][-+]?\d+)?$/.test(text)) return Math.trunc(Number(text));
  const parsed = parseInt(digits, effective);
  return Number.isNaN(parsed) || !new RegExp(`^[-+]?[0-9a-z]+$`, 'i').test(digits) ? Number(dflt) : parsed;
}

function toFloat(value: unknown, dflt: unknown = new PyFloat(0)): unknown {
  if (typeof value === 'number') return makeNumber(value, true);
  if (value instanceof PyFloat) return value;
  if (typeof value === 'boolean') return new PyFloat(Number(value));
  const text = String(value).trim().toLowerCase();
  const n = text === 'inf' || text === '+inf' ? Infinity : text === '-inf' ? -Infinity : text === 'nan' ? NaN : /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(text) ? Number(text) : undefined;
  return n === undefined ? dflt : makeNumber(n, true);
}

function selectBy(host: FilterHost, items: unknown, args: unknown[], withAttribute: boolean, keep: boolean): unknown[] {
  const [attr, testName, ...testArgs] = withAttribute ? args : [undefined, ...args];
  const pass = (item: unknown): boolean => {
    const value = withAttribute ? attribute(item, attr) : item;
    return testName === undefined ? truthy(value) : host.test(String(testName), value, testArgs);
  };
  return iterate(items).filter((item) => pass(item) === keep);
}

/** Python's round(): on the exact binary value (2.675 -> 2.67), an exact half to the even neighbour. */
function roundHalfEven(value: number, precision: number): number {
  const digits = Math.max(0, Math.min(70, precision));
  // toFixed shows the exact binary value; a tie is a 5 followed only by zeros.
  const exact = value.toFixed(digits + 30);
  const rest = exact.slice(exact.length - 30);
  if (/^50*$/.test(rest)) {
    const truncated = exact.slice(0, exact.length - 30).replace(/\.$/, '');
    const lastDigit = Number(truncated.replace(/\D/g, '').slice(-1));
    const up = lastDigit % 2 === 1;
    const step = 10 ** -digits * Math.sign(value);
    return Number((Number(truncated) + (up ? step : 0)).toFixed(digits));
  }
  return Number(value.toFixed(digits));
}

export function jinjaFilters(host: FilterHost): FilterTable {
  return {
    abs: { params: [], fn: (v) => (isFloat(v) ? makeNumber(Math.abs(Number(v)), true) : Math.abs(Number(v))) },
    attr: { params: ['name'], required: 1, fn: (v, name) => getAttr(v, String(name)) },
    batch: {
      params: ['linecount', 'fill_with'],
      required: 1,
      fn: (v, count, fill) => {
        const items = iterate(v);
        const out: unknown[][] = [];
        for (let i = 0; i < items.length; i += Number(count)) out.push(items.slice(i, i + Number(count)));
        const last = out[out.length - 1];
        if (fill !== undefined && last) while (last.length < Number(count)) last.push(fill);
        return out;
      },
    },
    capitalize: { params: [], fn: (v) => { const s = str(v); return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); } },
    center: { params: ['width'], fn: (v, width = 80) => centered(str(v), Number(width), ' ') },
    default: {
      params: ['default_value', 'boolean'],
      acceptsUndefined: true,
      fn: (v, dflt = '', boolean = false) => (v instanceof Undefined || (truthy(boolean) && !truthy(v)) ? dflt : v),
    },
    dictsort: {
      params: ['case_sensitive', 'by', 'reverse'],
      fn: (v, caseSensitive = false, by = 'key', reverse = false) => {
        if (!isDict(v)) throw typeError(`dictsort expects a dict, got ${typeName(v)}`);
        const pos = by === 'value' ? 1 : 0;
        const items = Object.keys(v).map((key) => tuple([key, v[key]]));
        return sortItems(items, (item) => foldCase((item as Tuple)[pos], caseSensitive), reverse);
      },
    },
    escape: { params: [], fn: (v) => str(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;') },
    first: { params: [], fn: (v) => { const items = iterate(v); return items.length ? items[0] : new Undefined('No first item, sequence was empty.'); } },
    last: { params: [], fn: (v) => { const items = iterate(v); return items.length ? items[items.length - 1] : new Undefined('No last item, sequence was empty.'); } },
    float: { params: ['default'], fn: (v, dflt) => toFloat(v, dflt) },
    format: { params: [], variadic: true, fn: (v, rest: unknown[], kwargs: Record<string, unknown>) => printf(str(v), Object.keys(kwargs).length ? kwargs : tuple(rest)) },
    indent: {
      params: ['width', 'first', 'blank'],
      fn: (v, width = 4, first = false, blank = false) => {
        const pad = typeof width === 'string' ? width : ' '.repeat(Number(width));
        const lines = str(v).split('\n');
        return lines
          .map((line, i) => ((i === 0 && !truthy(first)) || (!truthy(blank) && line.trim() === '' && i > 0) ? line : pad + line))
          .join('\n');
      },
    },
    int: { params: ['default', 'base'], fn: (v, dflt, base) => toInt(v, dflt, base) },
    items: {
      params: [],
      fn: (v) => {
        if (!isDict(v)) throw typeError(`items expects a dict, got ${typeName(v)}`);
        return Object.keys(v).map((key) => tuple([key, v[key]]));
      },
    },
    join: { params: ['d', 'attribute'], fn: (v, sep = '', attr) => iterate(v).map((item) => str(attribute(item, attr))).join(str(sep)) },
    length: { params: [], fn: (v) => iterate(v).length },
    list: { params: [], fn: (v) => [...iterate(v)] },
    lower: { params: [], fn: (v) => str(v).toLowerCase() },
    upper: { params: [], fn: (v) => str(v).toUpperCase() },
    // Jinja's title capitalizes after spaces, dashes and opening brackets (not after apostrophes).
    title: { params: [], fn: (v) => str(v).split(/([-\s({[<]+)/).map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('') },
    trim: { params: ['chars'], fn: (v, chars) => (chars === undefined ? str(v).trim() : str(v).replace(new RegExp(`^[${String(chars).replace(/[\\\]^-]/g, '\\$&')}]+|[${String(chars).replace(/[\\\]^-]/g, '\\$&')}]+$`, 'g'), '')) },
    map: {
      params: [],
      variadic: true,
      fn: (v, rest: unknown[], kwargs: Record<string, unknown>) => {
        if (kwargs.attribute !== undefined) {
          return iterate(v).map((item) => {
            const value = attribute(item, kwargs.attribute);
            return value instanceof Undefined && kwargs.default !== undefined ? kwargs.default : value;
          });
        }
        const [name, ...args] = rest;
        if (name === undefined) throw new TemplateFailure('FilterArgumentError: map requires a filter argument');
        return iterate(v).map((item) => host.filter(String(name), item, args, kwargs));
      },
    },
    max: { params: ['case_sensitive', 'attribute'], fn: (v, cs = false, attr) => { const items = sortItems(iterate(v), (i) => foldCase(attribute(i, attr), cs), false); return items.length ? items[items.length - 1] : new Undefined('No aggregated item, sequence was empty.'); } },
    min: { params: ['case_sensitive', 'attribute'], fn: (v, cs = false, attr) => { const items = sortItems(iterate(v), (i) => foldCase(attribute(i, attr), cs), false); return items.length ? items[0] : new Undefined('No aggregated item, sequence was empty.'); } },
    pprint: { params: [], fn: (v) => repr(v) },
    reject: { params: [], variadic: true, fn: (v, rest: unknown[]) => selectBy(host, v, rest, false, false) },
    rejectattr: { params: [], variadic: true, fn: (v, rest: unknown[]) => selectBy(host, v, rest, true, false) },
    select: { params: [], variadic: true, fn: (v, rest: unknown[]) => selectBy(host, v, rest, false, true) },
    selectattr: { params: [], variadic: true, fn: (v, rest: unknown[]) => selectBy(host, v, rest, true, true) },
    replace: {
      params: ['old', 'new', 'count'],
      required: 2,
      fn: (v, old, rep, count) => {
        const parts = str(v).split(str(old));
        const n = count === undefined || count === null ? parts.length : Number(count) + 1;
        return parts.slice(0, n).join(str(rep)) + (n < parts.length ? str(old) + parts.slice(n).join(str(old)) : '');
      },
    },
    reverse: { params: [], fn: (v) => (typeof v === 'string' ? Array.from(v).reverse().join('') : [...iterate(v)].reverse()) },
    round: {
      params: ['precision', 'method'],
      fn: (v, precision = 0, method = 'common') => {
        const n = Number(defined(v));
        const p = Number(precision);
        const factor = 10 ** p;
        const rounded = method === 'ceil' ? Math.ceil(n * factor) / factor : method === 'floor' ? Math.floor(n * factor) / factor : roundHalfEven(n, p);
        return makeNumber(rounded, true);
      },
    },
    safe: { params: [], fn: (v) => v },
    sort: {
      params: ['reverse', 'case_sensitive', 'attribute'],
      fn: (v, reverse = false, cs = false, attr) => sortItems(iterate(v), (item) => foldCase(attribute(item, attr), cs), reverse),
    },
    string: { params: [], fn: (v) => str(v) },
    sum: {
      params: ['attribute', 'start'],
      fn: (v, attr, start = 0) =>
        iterate(v).reduce((total: unknown, item) => {
          const value = attribute(item, attr);
          return makeNumber(Number(total) + Number(defined(value)), isFloat(total) || isFloat(value));
        }, start),
    },
    tojson: { params: ['indent'], fn: (v, indent) => jsonDumps(v, { sortKeys: true, htmlSafe: true, indent: indent === undefined || indent === null ? undefined : Number(indent) }) },
    truncate: {
      params: ['length', 'killwords', 'end', 'leeway'],
      fn: (v, length = 255, killwords = false, end = '...', leeway = 5) => {
        const s = str(v);
        const n = Number(length);
        if (s.length <= n + Number(leeway)) return s;
        if (truthy(killwords)) return s.slice(0, n - String(end).length) + end;
        const cut = s.slice(0, n - String(end).length);
        return cut.replace(/\s*\S*$/, '') + end;
      },
    },
    urlencode: { params: [], fn: (v) => (isDict(v) ? Object.keys(v).map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(str(v[k]))}`).join('&') : encodeURIComponent(str(v)).replace(/%2F/g, '/')) },
    wordcount: { params: [], fn: (v) => (str(v).match(/\w+/g) ?? []).length },
    unique: {
      params: ['case_sensitive', 'attribute'],
      fn: (v, cs = true, attr) => {
        const seen: unknown[] = [];
        return iterate(v).filter((item) => {
          const key = foldCase(attribute(item, attr), cs);
          if (seen.some((other) => eq(other, key))) return false;
          seen.push(key);
          return true;
        });
      },
    },
    count: { params: [], fn: (v) => iterate(v).length },
  };
}
