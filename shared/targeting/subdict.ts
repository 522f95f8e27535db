// Grain and pillar matching as Salt's subdict_match does it: `key:subkey:value`, where the
// value may itself hold the delimiter, deeper key paths are tried first, a list matches
// when any member does, and values compare without regard to case.
import { SaltTsError } from '../errors.js';
import { globMatch, globToRegExp } from './glob.js';
import { memoize } from './memoize.js';
import { valueRegExp } from './pcre.js';

export const DEFAULT_DELIMITER = ':';

/** How the value part is read: a glob (-G, -I) or a regular expression (-P, -J). */
export type ValueSyntax = 'glob' | 'pcre';

type Dict = Record<string, unknown>;

interface Split {
  /** Keys leading to the value; empty for a leading `*` key, which searches the whole data. */
  path: string[];
  pattern: string;
}

// Every reading of an expression, deepest key path first; keyed by JSON [delimiter, expr].
const splitsOf = memoize((key) => {
  const [delimiter, expr] = JSON.parse(key) as [string, string];
  const parts = expr.split(delimiter);
  const splits: Split[] = [];
  for (let at = parts.length - 1; at > 0; at--) {
    const path = parts.slice(0, at);
    if (at === 1 && path[0] === '*') splits.push({ path: [], pattern: expr });
    else splits.push({ path, pattern: parts.slice(at).join(delimiter) });
  }
  return splits;
});

export function subdictMatch(data: unknown, expr: string, delimiter: string, syntax: ValueSyntax): boolean {
  for (const { path, pattern } of splitsOf(JSON.stringify([delimiter, expr]))) {
    const found = traverse(data, path);
    if (found === undefined || (isDict(found) && Object.keys(found).length === 0)) continue;
    if (isDict(found)) {
      if (dictMatch(found, pattern, delimiter, syntax)) return true;
    } else if (Array.isArray(found)) {
      if (found.some((member) => (isDict(member) && dictMatch(member, pattern, delimiter, syntax)) || valueMatch(member, pattern, syntax))) return true;
    } else if (valueMatch(found, pattern, syntax)) return true;
  }
  return false;
}

/** Refuses an expression with no value part, or whose value part does not compile. */
export function checkSubdictExpr(expr: string, delimiter: string, syntax: ValueSyntax): void {
  const at = expr.indexOf(delimiter);
  if (at === -1) {
    throw new SaltTsError('SALTTS_BAD_TARGET', `target ${JSON.stringify(expr)} needs a key and a value separated by ${JSON.stringify(delimiter)}`);
  }
  // The longest value part is the one every shorter reading is a suffix of.
  const pattern = expr.slice(at + delimiter.length);
  if (syntax === 'glob') globToRegExp(pattern.toLowerCase());
  else valueRegExp(pattern);
}

/** The value at `path`, entering a list through the first dict in it holding the key, else by index. */
function traverse(data: unknown, path: string[]): unknown {
  let node = data;
  for (const key of path) {
    if (Array.isArray(node)) {
      const holder = node.find((member) => isDict(member) && Object.hasOwn(member, key)) as Dict | undefined;
      const index = /^[+-]?\d+$/.test(key) ? Number(key) : NaN; // Python's int(), negative indexes included
      if (holder) node = holder[key];
      else if (index >= -node.length && index < node.length) node = node.at(index);
      else return undefined;
    } else if (isDict(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

function dictMatch(dict: Dict, pattern: string, delimiter: string, syntax: ValueSyntax): boolean {
  // `*:value` also tries every value of the dict, and the keys (not values) of dicts below, as Salt does.
  const anyKey = pattern.startsWith(`*${delimiter}`);
  const rest = anyKey ? pattern.slice(1 + delimiter.length) : pattern;
  // A bare `*`, or the name of a key, matches when that key exists.
  if (rest === '*' || Object.hasOwn(dict, rest) || subdictMatch(dict, rest, delimiter, syntax)) return true;
  if (!anyKey) return false;
  return Object.values(dict).some((value) => {
    if (isDict(value)) return dictMatch(value, rest, delimiter, syntax);
    if (Array.isArray(value)) return value.some((member) => valueMatch(member, rest, syntax));
    return valueMatch(value, rest, syntax);
  });
}

/** A scalar against the value pattern. Salt would compare a nested dict or list by its Python repr; here they never match. */
function valueMatch(value: unknown, pattern: string, syntax: ValueSyntax): boolean {
  if (typeof value === 'object' && value !== null) return false;
  const text = (value === null ? 'None' : String(value)).toLowerCase(); // Python's str(None)
  return syntax === 'glob' ? globMatch(pattern.toLowerCase(), text) : valueRegExp(pattern).test(text);
}

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
