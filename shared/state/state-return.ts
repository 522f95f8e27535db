// The return every state module (minion or orchestration) starts from, and reading its arguments the
// way Salt's states read them (Python truthiness, strings, lists).
import type { StateContext, StateReturn } from './types.js';
import { SaltTsError } from '../errors.js';
import { truthy as pyTruthy } from './python-values.js';
import { pyStr } from '../output/py-str.js';

/** A fresh return: result True, no changes, the comment given. */
export function startReturn(name: string, comment = ''): StateReturn {
  return { name, result: true, comment, changes: {} };
}

/** The return failed with the comment (Salt's _error). */
export function fail(ret: StateReturn, comment: string): StateReturn {
  return Object.assign(ret, { result: false, comment });
}

/** The message of anything thrown, for a comment; Salt's "Command '...' failed: " prefix kept. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Python's truth value (0, '', [], {}, None, False are false); 'True'/'yes' strings as a CLI gives them are true. */
export function truthy(value: unknown): boolean {
  if (typeof value === 'string') return value !== '' && !/^(false|no|off|0)$/i.test(value);
  return pyTruthy(value);
}

/** A text argument, or null when not given (None or ''). */
export function optionalText(value: unknown): string | null {
  return value == null || value === '' ? null : pyStr(value);
}

/** An argument that must be a list of names: one string is a list of one (or comma-separated when `commas`). */
export function nameList(value: unknown, commas = false): string[] {
  if (value == null || value === '') return [];
  if (Array.isArray(value)) return value.map(pyStr);
  const text = pyStr(value);
  return commas ? text.split(',').map((s) => s.trim()).filter(Boolean) : [text];
}

/** A wrong argument, named with the state's SLS, ID and function (Salt's SaltInvocationError). */
export function invalidArgument(ctx: StateContext, fun: string, message: string): SaltTsError {
  return new SaltTsError('SALTTS_BAD_ARGUMENT', `${ctx.sls ? `${ctx.sls}: ` : ''}state '${ctx.stateId}' (${fun}): ${message}`);
}

/** The comment refusing Salt arguments salt-ts does not implement (when any is given truthy), or null. */
export function unsupportedArgs(args: Record<string, unknown>, names: string[], fun: string): string | null {
  const given = names.filter((name) => truthy(args[name]));
  return given.length ? `${fun} in salt-ts does not support the argument${given.length > 1 ? 's' : ''} ${given.join(', ')}` : null;
}
