// The return every file state starts from and the way each one fails, as Salt's file
// states build them: result True and no changes until something says otherwise.
import type { StateReturn } from '../../../shared/state/types.js';

/** A fresh return for the state on `name`. */
export function startReturn(name: string): StateReturn {
  return { name, result: true, comment: '', changes: {} };
}

/** Marks the return failed with the comment (Salt's _error). */
export function failed(ret: StateReturn, comment: string): StateReturn {
  ret.result = false;
  ret.comment = comment;
  return ret;
}

/** The message of anything thrown, for a state's comment. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
