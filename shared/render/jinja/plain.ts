// Template values back to plain data (numbers, strings, arrays, objects) for code outside
// the template: execution functions, serializers' callers.
import { defined } from './failure.js';
import { PyFloat, defineKey, isDict, Namespace } from './values.js';
import { SafeString } from './nunjucks.js';

export function plain(value: unknown): unknown {
  const known = defined(value);
  if (known instanceof PyFloat) return known.value;
  if (known instanceof SafeString) return String(known);
  if (Array.isArray(known)) return known.map(plain);
  if (isDict(known) || known instanceof Namespace) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(known)) defineKey(out, key, plain((known as Record<string, unknown>)[key]));
    return out;
  }
  return known;
}
