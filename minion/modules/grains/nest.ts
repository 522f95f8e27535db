// Salt's way (grains.set) of writing a nested key such as `apps:web:port`: the new
// value is folded into each parent in turn, up to the top-level grain to store.
import { isRecord } from '../../../shared/output/sorted-keys.js';
import type { Grains } from '../../grains/core.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { traverse } from '../../../shared/traverse.js';

export type Nested = { ok: true; key: string; value: unknown } | { ok: false; comment: string };

export interface NestOptions {
  delimiter: string;
  /** Replace a parent that is neither a mapping nor a list. */
  force: boolean;
  /** A null value removes the key from its parent mapping instead of storing null. */
  destructive: boolean;
}

/** The top-level grain and its whole new value once `key` is set to `value`. */
export function nestValue(grains: Grains, key: string, value: unknown, options: NestOptions): Nested {
  const { delimiter, force, destructive } = options;
  let childKey = key;
  let childValue = value;
  for (let cut = childKey.lastIndexOf(delimiter); cut !== -1; cut = childKey.lastIndexOf(delimiter)) {
    const parentKey = childKey.slice(0, cut);
    const leaf = childKey.slice(cut + delimiter.length);
    // A copy: the job's grains change only once the grains file is written.
    let parent = structuredClone(traverse(grains, parentKey, {}, delimiter));
    if (isRecord(parent)) {
      if (childValue === null && destructive) delete parent[leaf];
      else parent[leaf] = childValue;
    } else if (Array.isArray(parent)) {
      setInList(parent, leaf, childValue);
    } else if (parent === leaf || force) {
      parent = { [leaf]: childValue };
    } else {
      return {
        ok: false,
        comment: `The key '${parentKey}' value is '${pyStr(parent)}', which is different from the provided key '${leaf}'. Use 'force=True' to overwrite.`,
      };
    }
    childKey = parentKey;
    childValue = parent;
  }
  return { ok: true, key: childKey, value: childValue };
}

/** In a list parent, `leaf` is an item to turn into {leaf: value} or a key of a mapping item; else {leaf: value} is added. */
function setInList(list: unknown[], leaf: string, value: unknown): void {
  let found = false;
  list.forEach((item, i) => {
    if (item === leaf) {
      list[i] = { [leaf]: value };
      found = true;
    } else if (isRecord(item) && Object.hasOwn(item, leaf)) {
      item[leaf] = value;
      found = true;
    }
  });
  if (!found) list.push({ [leaf]: value });
}
