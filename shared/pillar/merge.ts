// How pillar data merges (Salt's salt.utils.dictupdate.merge): SLS results over the
// pillar compiled so far, and a command-line `pillar=` override over the compiled pillar.
// Nothing is modified: merged dicts are new objects, untouched subtrees are shared.
import { isDict } from '../state/compile/high.js';
import type { PillarMergeStrategy } from './types.js';

type Data = Record<string, unknown>;

/** `over` merged over `base` with `strategy`:
 * - smart, recurse: dicts merge key by key at every depth; any other value (a list too,
 *   unless `mergeLists`) replaces the one below it. Salt's smart is recurse unless the
 *   renderer is yamlex, which salt-ts does not have.
 * - overwrite: a top-level key of `over` replaces the whole value of `base`.
 * - none: recurse without mergeLists (Salt's none reads fewer top files; the merge is recurse).
 * With `mergeLists`, a list over a list appends the items the lower list lacks. */
export function mergePillar(base: Data, over: Data, strategy: PillarMergeStrategy, mergeLists: boolean): Data {
  switch (strategy) {
    case 'overwrite': {
      const result = { ...base };
      for (const [key, value] of Object.entries(over)) setKey(result, key, value);
      return result;
    }
    case 'none':
      return mergeRecursive(base, over, false);
    default:
      return mergeRecursive(base, over, mergeLists);
  }
}

function mergeRecursive(base: Data, over: Data, mergeLists: boolean): Data {
  const result = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = Object.hasOwn(base, key) ? base[key] : undefined;
    if (isDict(below) && isDict(value)) setKey(result, key, mergeRecursive(below, value, mergeLists));
    else if (mergeLists && Array.isArray(below) && Array.isArray(value)) {
      setKey(result, key, [...below, ...value.filter((item) => !below.some((kept) => sameData(kept, item)))]);
    } else setKey(result, key, value);
  }
  return result;
}

/** A key such as `__proto__` from a YAML file is data here, never the object's prototype. */
function setKey(target: Data, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Python's `==` on plain data: deep, with dict key order ignored. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameData(a[key], b[key]));
  }
  return false;
}
