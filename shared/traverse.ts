// Salt's traverse_dict_and_list: follows `a:b:c` through nested mappings and lists.
import { isRecord } from './output/sorted-keys.js';

/** The value at the delimited key path, or `fallback` when any step is missing. */
export function traverse(data: unknown, key: string, fallback: unknown, delimiter: string): unknown {
  let node = data;
  for (const part of key.split(delimiter)) {
    if (Array.isArray(node)) {
      if (/^[-+]?\d+$/.test(part.trim())) {
        // A numeric step indexes the list, negative from the end as in Python.
        const index = Number(part);
        const at = index < 0 ? node.length + index : index;
        if (at < 0 || at >= node.length) return fallback;
        node = node[at];
      } else {
        // Otherwise it names a key of a mapping inside the list.
        const holder = node.find((item) => isRecord(item) && Object.hasOwn(item, part));
        if (holder === undefined) return fallback;
        node = (holder as Record<string, unknown>)[part];
      }
    } else if (isRecord(node) && Object.hasOwn(node, part)) {
      node = node[part];
    } else {
      return fallback;
    }
  }
  return node;
}
