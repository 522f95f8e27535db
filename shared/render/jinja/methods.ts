// The Python methods a template may call on strings, lists and dicts: the only
// functions reachable through a value (the sandbox allows nothing else).
import { TemplateFailure, defined, typeError, valueError } from './failure.js';
import { eq, iterate, order } from './operators.js';
import { repr, str } from './print.js';
import { bind } from './signature.js';
import { strFormat } from './format.js';
import { defineKey, hasOwn, isDict, tuple, typeName } from './values.js';

type Method<T> = (self: T, args: unknown[], kwargs: Record<string, unknown>) => unknown;
type MethodTable<T> = Record<string, { params: string[]; required: number; fn: (self: T, ...slots: any[]) => unknown }>;

function asString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw typeError(`${what} must be str, not ${typeName(value)}`);
  return value;
}

function stripSet(self: string, chars: unknown, side: 'both' | 'left' | 'right'): string {
  const set = chars === undefined || chars === null ? ' \t\n\r\f\v' : asString(chars, 'strip arg');
  let start = 0;
  let end = self.length;
  if (side !== 'right') while (start < end && set.includes(self[start])) start++;
  if (side !== 'left') while (end > start && set.includes(self[end - 1])) end--;
  return self.slice(start, end);
}

function splitString(self: string, sep: unknown, maxsplit: unknown, fromRight: boolean): string[] {
  const limit = maxsplit === undefined || maxsplit === null ? -1 : Number(maxsplit);
  if (sep === undefined || sep === null) {
    const words = self.trim().split(/\s+/).filter((word) => word !== '');
    if (limit < 0 || words.length <= limit) return words;
    // Split on whitespace at most `limit` times, keeping the rest as one piece.
    // The unsplit rest keeps its own whitespace on the side that was not split.
    const pattern = fromRight ? new RegExp(`^(.*?)${'\\s+(\\S+)'.repeat(limit)}\\s*$`, 's') : new RegExp(`^\\s*${'(\\S+)\\s+'.repeat(limit)}(.*)$`, 's');
    const match = pattern.exec(self) as RegExpExecArray;
    return match.slice(1);
  }
  const separator = asString(sep, 'separator');
  if (separator === '') throw valueError('empty separator');
  const parts = self.split(separator);
  if (limit < 0 || parts.length <= limit + 1) return parts;
  return fromRight
    ? [parts.slice(0, parts.length - limit).join(separator), ...parts.slice(parts.length - limit)]
    : [...parts.slice(0, limit), parts.slice(limit).join(separator)];
}

function affixes(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => asString(item, 'affix')) : [asString(value, 'affix')];
}

function sliceOf(self: string, start: unknown, end: unknown): [number, number] {
  const norm = (v: unknown, dflt: number): number => {
    if (v === undefined || v === null) return dflt;
    const n = Number(v);
    return n < 0 ? Math.max(0, self.length + n) : Math.min(n, self.length);
  };
  return [norm(start, 0), norm(end, self.length)];
}

/** str.center: an odd gap puts the extra fill on the left when the width is odd. */
export function centered(text: string, width: number, fill: string): string {
  const gap = Math.max(0, width - text.length);
  const left = Math.floor(gap / 2) + (gap & width & 1);
  return fill.repeat(left) + text + fill.repeat(gap - left);
}

function countOf(self: string, sub: string): number {
  if (sub === '') return self.length + 1;
  return self.split(sub).length - 1;
}

function titleCase(self: string): string {
  return self.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

const stringMethods: MethodTable<string> = {
  split: { params: ['sep', 'maxsplit'], required: 0, fn: (s, sep, max) => splitString(s, sep, max, false) },
  rsplit: { params: ['sep', 'maxsplit'], required: 0, fn: (s, sep, max) => splitString(s, sep, max, true) },
  splitlines: { params: ['keepends'], required: 0, fn: (s, keep) => (s.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? []).map((line) => (keep ? line : line.replace(/\r?\n$|\r$/, ''))) },
  startswith: { params: ['prefix', 'start', 'end'], required: 1, fn: (s, p, a, b) => { const [x, y] = sliceOf(s, a, b); return affixes(p).some((pre) => s.slice(x, y).startsWith(pre)); } },
  endswith: { params: ['suffix', 'start', 'end'], required: 1, fn: (s, p, a, b) => { const [x, y] = sliceOf(s, a, b); return affixes(p).some((suf) => s.slice(x, y).endsWith(suf)); } },
  upper: { params: [], required: 0, fn: (s) => s.toUpperCase() },
  lower: { params: [], required: 0, fn: (s) => s.toLowerCase() },
  casefold: { params: [], required: 0, fn: (s) => s.toLowerCase() },
  swapcase: { params: [], required: 0, fn: (s) => Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('') },
  title: { params: [], required: 0, fn: titleCase },
  capitalize: { params: [], required: 0, fn: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase() },
  strip: { params: ['chars'], required: 0, fn: (s, c) => stripSet(s, c, 'both') },
  lstrip: { params: ['chars'], required: 0, fn: (s, c) => stripSet(s, c, 'left') },
  rstrip: { params: ['chars'], required: 0, fn: (s, c) => stripSet(s, c, 'right') },
  replace: {
    params: ['old', 'new', 'count'],
    required: 2,
    fn: (s, old, rep, count) => {
      const parts = s.split(asString(old, 'replace() argument 1'));
      const n = count === undefined || Number(count) < 0 ? parts.length : Number(count) + 1;
      return parts.slice(0, n).join(asString(rep, 'replace() argument 2')) + (n < parts.length ? old + parts.slice(n).join(old) : '');
    },
  },
  join: { params: ['iterable'], required: 1, fn: (s, items) => iterate(items).map((item) => asString(item, 'sequence item')).join(s) },
  find: { params: ['sub', 'start', 'end'], required: 1, fn: (s, sub, a, b) => { const [x, y] = sliceOf(s, a, b); const i = s.slice(x, y).indexOf(asString(sub, 'find arg')); return i < 0 ? -1 : i + x; } },
  rfind: { params: ['sub', 'start', 'end'], required: 1, fn: (s, sub, a, b) => { const [x, y] = sliceOf(s, a, b); const i = s.slice(x, y).lastIndexOf(asString(sub, 'rfind arg')); return i < 0 ? -1 : i + x; } },
  index: { params: ['sub', 'start', 'end'], required: 1, fn: (s, sub, a, b) => { const i = stringMethods.find.fn(s, sub, a, b) as number; if (i < 0) throw valueError('substring not found'); return i; } },
  rindex: { params: ['sub', 'start', 'end'], required: 1, fn: (s, sub, a, b) => { const i = stringMethods.rfind.fn(s, sub, a, b) as number; if (i < 0) throw valueError('substring not found'); return i; } },
  count: { params: ['sub', 'start', 'end'], required: 1, fn: (s, sub, a, b) => { const [x, y] = sliceOf(s, a, b); return countOf(s.slice(x, y), asString(sub, 'count arg')); } },
  isdigit: { params: [], required: 0, fn: (s) => /^\d+$/.test(s) },
  isdecimal: { params: [], required: 0, fn: (s) => /^\d+$/.test(s) },
  isnumeric: { params: [], required: 0, fn: (s) => /^\p{N}+$/u.test(s) },
  isalpha: { params: [], required: 0, fn: (s) => /^\p{L}+$/u.test(s) },
  isalnum: { params: [], required: 0, fn: (s) => /^[\p{L}\p{N}]+$/u.test(s) },
  isspace: { params: [], required: 0, fn: (s) => /^\s+$/.test(s) },
  islower: { params: [], required: 0, fn: (s) => /\p{Ll}/u.test(s) && s === s.toLowerCase() },
  isupper: { params: [], required: 0, fn: (s) => /\p{Lu}/u.test(s) && s === s.toUpperCase() },
  istitle: { params: [], required: 0, fn: (s) => /[A-Za-z]/.test(s) && s === titleCase(s) },
  zfill: { params: ['width'], required: 1, fn: (s, w) => { const sign = /^[-+]/.test(s) ? s[0] : ''; return sign + s.slice(sign.length).padStart(Number(w) - sign.length, '0'); } },
  center: { params: ['width', 'fillchar'], required: 1, fn: (s, w, f = ' ') => centered(s, Number(w), String(f)) },
  ljust: { params: ['width', 'fillchar'], required: 1, fn: (s, w, f = ' ') => s.padEnd(Number(w), String(f)) },
  rjust: { params: ['width', 'fillchar'], required: 1, fn: (s, w, f = ' ') => s.padStart(Number(w), String(f)) },
  partition: { params: ['sep'], required: 1, fn: (s, sep) => { const i = s.indexOf(sep); return i < 0 ? tuple([s, '', '']) : tuple([s.slice(0, i), sep, s.slice(i + sep.length)]); } },
  rpartition: { params: ['sep'], required: 1, fn: (s, sep) => { const i = s.lastIndexOf(sep); return i < 0 ? tuple(['', '', s]) : tuple([s.slice(0, i), sep, s.slice(i + sep.length)]); } },
  removeprefix: { params: ['prefix'], required: 1, fn: (s, p) => (s.startsWith(p) ? s.slice(String(p).length) : s) },
  removesuffix: { params: ['suffix'], required: 1, fn: (s, p) => (p && s.endsWith(p) ? s.slice(0, -String(p).length) : s) },
};

function listIndex(self: unknown[], index: unknown, what: string): number {
  const n = index === undefined ? -1 : Number(index);
  const i = n < 0 ? self.length + n : n;
  if (i < 0 || i >= self.length) throw new TemplateFailure(`IndexError: ${what} index out of range`);
  return i;
}

function sortKey(a: unknown, b: unknown): number {
  return order(a, b, '<');
}

const listMethods: MethodTable<unknown[]> = {
  append: { params: ['object'], required: 1, fn: (l, x) => { l.push(x); return null; } },
  extend: { params: ['iterable'], required: 1, fn: (l, xs) => { l.push(...iterate(xs)); return null; } },
  insert: { params: ['index', 'object'], required: 2, fn: (l, i, x) => { const n = Number(i); l.splice(n < 0 ? Math.max(0, l.length + n) : n, 0, x); return null; } },
  pop: { params: ['index'], required: 0, fn: (l, i) => l.splice(listIndex(l, i, 'pop'), 1)[0] },
  remove: { params: ['value'], required: 1, fn: (l, x) => { const i = l.findIndex((item) => eq(item, x)); if (i < 0) throw valueError('list.remove(x): x not in list'); l.splice(i, 1); return null; } },
  index: { params: ['value'], required: 1, fn: (l, x) => { const i = l.findIndex((item) => eq(item, x)); if (i < 0) throw valueError(`${repr(x)} is not in list`); return i; } },
  count: { params: ['value'], required: 1, fn: (l, x) => l.filter((item) => eq(item, x)).length },
  reverse: { params: [], required: 0, fn: (l) => { l.reverse(); return null; } },
  sort: { params: ['reverse'], required: 0, fn: (l, rev) => { l.sort(sortKey); if (rev) l.reverse(); return null; } },
  copy: { params: [], required: 0, fn: (l) => [...l] },
  clear: { params: [], required: 0, fn: (l) => { l.length = 0; return null; } },
};

function keyOf(key: unknown): string {
  return typeof key === 'string' ? key : str(key);
}

type Dict = Record<string, unknown>;

function updateDict(d: Dict, other: unknown, kwargs: Dict): null {
  if (other !== undefined && other !== null) {
    if (isDict(other)) for (const key of Object.keys(other)) defineKey(d, key, other[key]);
    else for (const pair of iterate(other)) { const [k, v] = iterate(pair); defineKey(d, keyOf(k), v); }
  }
  for (const key of Object.keys(kwargs)) defineKey(d, key, kwargs[key]);
  return null;
}

const dictMethods: MethodTable<Dict> = {
  items: { params: [], required: 0, fn: (d) => Object.keys(d).map((key) => tuple([key, d[key]])) },
  keys: { params: [], required: 0, fn: (d) => Object.keys(d) },
  values: { params: [], required: 0, fn: (d) => Object.values(d) },
  get: { params: ['key', 'default'], required: 1, fn: (d, k, dflt = null) => (hasOwn(d, keyOf(k)) ? d[keyOf(k)] : dflt) },
  setdefault: { params: ['key', 'default'], required: 1, fn: (d, k, dflt = null) => { if (!hasOwn(d, keyOf(k))) defineKey(d, keyOf(k), dflt); return d[keyOf(k)]; } },
  pop: {
    params: ['key', 'default'],
    required: 1,
    fn: (d, k, dflt) => {
      const key = keyOf(k);
      if (!hasOwn(d, key)) {
        if (dflt === undefined) throw new TemplateFailure(`KeyError: ${repr(k)}`);
        return dflt;
      }
      const value = d[key];
      delete d[key];
      return value;
    },
  },
  copy: { params: [], required: 0, fn: (d) => { const c: Dict = {}; for (const key of Object.keys(d)) defineKey(c, key, d[key]); return c; } },
  clear: { params: [], required: 0, fn: (d) => { for (const key of Object.keys(d)) delete d[key]; return null; } },
  has_key: { params: ['key'], required: 1, fn: (d, k) => hasOwn(d, keyOf(k)) },
};

function fromTable<T>(table: MethodTable<T>, name: string, typeLabel: string): Method<T> | undefined {
  if (!hasOwn(table, name)) return undefined;
  const { params, required, fn } = table[name];
  return (self, args, kwargs) => fn(self, ...bind(`${typeLabel}.${name}()`, params, required, args.map(defined), kwargs));
}

/** str.format needs item lookup of the sandbox; it is passed in to keep this file free of it. */
function formatMethod(getItem: (target: unknown, key: string) => unknown): Method<string> {
  return (self, args, kwargs) => strFormat(self, args.map(defined), kwargs, getItem);
}

/** The vetted method `name` of `value`, or undefined when there is none. */
export function pythonMethod(
  value: unknown,
  name: string,
  getItem: (target: unknown, key: string) => unknown,
): Method<any> | undefined {
  if (typeof value === 'string') return name === 'format' ? formatMethod(getItem) : fromTable(stringMethods, name, 'str');
  if (Array.isArray(value)) return fromTable(listMethods, name, 'list');
  if (isDict(value)) {
    if (name === 'update') return (self: Dict, args, kwargs) => updateDict(self, defined(args[0]), kwargs);
    return fromTable(dictMethods, name, 'dict');
  }
  return undefined;
}
