// Binds a call's positional and keyword arguments to a Python-style parameter list.
import { typeError } from './failure.js';
import { hasOwn } from './values.js';

/** Returns one slot per parameter (undefined where not given); `required` leading ones must be given. */
export function bind(
  what: string,
  params: readonly string[],
  required: number,
  args: unknown[],
  kwargs: Record<string, unknown>,
): unknown[] {
  if (args.length > params.length) {
    throw typeError(`${what} takes at most ${params.length} argument${params.length === 1 ? '' : 's'} (${args.length} given)`);
  }
  const slots: unknown[] = params.map((_, i) => args[i]);
  for (const key of Object.keys(kwargs)) {
    const index = params.indexOf(key);
    if (index < 0) throw typeError(`${what} got an unexpected keyword argument '${key}'`);
    if (index < args.length) throw typeError(`${what} got multiple values for argument '${key}'`);
    slots[index] = kwargs[key];
  }
  for (let i = 0; i < required; i++) {
    if (slots[i] === undefined && !(i < args.length) && !hasOwn(kwargs, params[i])) {
      throw typeError(`${what} missing required argument '${params[i]}'`);
    }
  }
  return slots;
}
