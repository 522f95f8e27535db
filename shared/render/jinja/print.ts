// Python's str() and repr() of template values, so {{ value }} prints what Salt prints:
// True, None, 2.0, ['a', 'b'], {'k': 'v'}.
import { floatRepr } from '../../output/pyrepr.js';
import { defined } from './failure.js';
import { PyFloat, Tuple, Undefined, Namespace, TemplateModule, isDict } from './values.js';
import { SafeString } from './nunjucks.js';

export { floatRepr };

export function intRepr(value: number): string {
  return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
}

export function numberRepr(value: number | PyFloat): string {
  if (value instanceof PyFloat) return floatRepr(value.value);
  return Number.isInteger(value) ? intRepr(value) : floatRepr(value);
}

function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '\\') out += '\\\\';
    else if (char === quote) out += `\\${quote}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}

function itemsRepr(items: unknown[]): string {
  return items.map(repr).join(', ');
}

function dictRepr(dict: object): string {
  return `{${Object.entries(dict)
    .map(([key, value]) => `${stringRepr(key)}: ${repr(value)}`)
    .join(', ')}}`;
}

export function repr(value: unknown): string {
  if (typeof value === 'string') return stringRepr(value);
  if (value instanceof SafeString) return stringRepr(String(value));
  if (value instanceof Tuple) return value.length === 1 ? `(${repr(value[0])},)` : `(${itemsRepr(value)})`;
  if (Array.isArray(value)) return `[${itemsRepr(value)}]`;
  return str(value);
}

/** Python's str(): what {{ value }} prints. */
export function str(value: unknown): string {
  const known = defined(value);
  if (typeof known === 'string') return known;
  if (known === null || known === undefined) return 'None';
  if (typeof known === 'boolean') return known ? 'True' : 'False';
  if (typeof known === 'number' || known instanceof PyFloat) return numberRepr(known);
  if (known instanceof SafeString) return String(known);
  if (Array.isArray(known)) return repr(known);
  if (isDict(known)) return dictRepr(known);
  if (known instanceof Namespace) return `<Namespace ${dictRepr(known)}>`;
  if (known instanceof TemplateModule) return `<TemplateModule ${dictRepr(known)}>`;
  if (typeof known === 'function') return `<function ${known.name || 'anonymous'}>`;
  if (known instanceof Undefined) return '';
  return dictRepr(known);
}
