// High data: the rendered SLS files merged into one mapping of state IDs, shaped as
// Salt's state.show_sls prints it, and the small helpers every compiler step shares.
import { isRecord as isDict } from '../../output/sorted-keys.js';

/** One ID declaration: per state module a list of single-key argument dicts, the bare
 * function name and `{order: N}`, then `__sls__` / `__env__` naming where it came from. */
export interface IdBody {
  __sls__: string;
  __env__: string;
  [stateOrMeta: string]: unknown;
}

/** ID -> IdBody, plus the raw `__extend__` (a list of `{ID: body}`) and `__exclude__` keys. */
export type HighData = Record<string, unknown>;

export { isDict };

export function firstKey(dict: Record<string, unknown>): string | undefined {
  for (const key in dict) return key;
  return undefined;
}

/** The ID declarations of high data, leaving out `__extend__`, `__exclude__` and non-dicts. */
export function idBodies(high: HighData): Array<[string, IdBody]> {
  return Object.entries(high).filter((entry): entry is [string, IdBody] => !entry[0].startsWith('__') && isDict(entry[1]));
}

/** The state modules declared in an ID (its keys that do not start with `__`). */
export function stateKeys(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter((key) => !key.startsWith('__'));
}

/** The single-key argument dicts of one state declaration (a missing or malformed one has none). */
export function argDicts(list: unknown): Array<Record<string, unknown>> {
  return Array.isArray(list) ? list.filter((arg): arg is Record<string, unknown> => isDict(arg) && Object.keys(arg).length === 1) : [];
}

