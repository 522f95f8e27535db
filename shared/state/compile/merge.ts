// Merging one SLS's high data into another's: IDs must be unique across every SLS of
// a run (the same body twice is not a conflict); extend and exclude lists add up.
import { isDeepStrictEqual } from 'node:util';
import { isDict, type HighData } from './high.js';

function appendList(into: HighData, from: HighData, key: '__extend__' | '__exclude__'): void {
  if (!(key in from)) return;
  const list = (into[key] ??= []) as unknown[];
  list.push(...(from[key] as unknown[]));
  delete from[key];
}

export function mergeIncluded(into: HighData, from: HighData, errors: string[]): void {
  appendList(into, from, '__extend__');
  appendList(into, from, '__exclude__');
  for (const [id, body] of Object.entries(from)) {
    const existing = into[id];
    if (existing === undefined || isDeepStrictEqual(existing, body)) continue;
    const where = (value: unknown): string => (isDict(value) ? `${String(value.__env__)}:${String(value.__sls__)}` : '?');
    errors.push(
      'Detected conflicting IDs, SLS IDs need to be globally unique.\n' +
        `    The conflicting ID is '${id}' and is found in SLS '${where(existing)}' and SLS '${where(body)}'`,
    );
  }
  Object.assign(into, from);
}

/** The same `extend` seen twice (an SLS reached by two paths) is kept once. */
export function dedupeExtends(high: HighData): void {
  if (!Array.isArray(high.__extend__)) return;
  const pairs: Array<[string, unknown]> = [];
  for (const ext of high.__extend__ as unknown[]) {
    if (!isDict(ext)) continue;
    for (const pair of Object.entries(ext)) {
      if (!pairs.some((seen) => isDeepStrictEqual(seen, pair))) pairs.push(pair);
    }
  }
  high.__extend__ = pairs.map(([id, body]) => ({ [id]: body }));
}
