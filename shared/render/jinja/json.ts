// Python's json.dumps as Salt's `json` filter and Jinja's `tojson` call it: ", " and
// ": " separators, ASCII-only output, floats written as floats.
import { TemplateFailure, defined } from './failure.js';
import { floatRepr, intRepr } from './print.js';
import { PyFloat, isDict, typeName } from './values.js';
import { SafeString } from './nunjucks.js';

interface JsonOptions {
  sortKeys: boolean;
  indent?: number;
  /** Jinja's htmlsafe_json_dumps: <, >, & and ' as \u escapes. */
  htmlSafe?: boolean;
}

function quote(text: string, htmlSafe: boolean): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const code = text.charCodeAt(i);
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e || (htmlSafe && '<>&\''.includes(char))) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function number(value: number, float: boolean): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return float || !Number.isInteger(value) ? floatRepr(value) : intRepr(value);
}

export function jsonDumps(value: unknown, options: JsonOptions): string {
  const { sortKeys, indent, htmlSafe = false } = options;
  const write = (item: unknown, depth: number): string => {
    const known = defined(item);
    if (known === null || known === undefined) return 'null';
    if (typeof known === 'boolean') return known ? 'true' : 'false';
    if (typeof known === 'number') return number(known, false);
    if (known instanceof PyFloat) return number(known.value, true);
    if (typeof known === 'string' || known instanceof SafeString) return quote(String(known), htmlSafe);
    const open = indent === undefined ? '' : `\n${' '.repeat(indent * (depth + 1))}`;
    const close = indent === undefined ? '' : `\n${' '.repeat(indent * depth)}`;
    const separator = indent === undefined ? ', ' : `,${open}`;
    if (Array.isArray(known)) {
      if (known.length === 0) return '[]';
      return `[${open}${known.map((element) => write(element, depth + 1)).join(separator)}${close}]`;
    }
    if (isDict(known)) {
      const keys = Object.keys(known);
      if (keys.length === 0) return '{}';
      if (sortKeys) keys.sort();
      return `{${open}${keys.map((key) => `${quote(key, htmlSafe)}: ${write(known[key], depth + 1)}`).join(separator)}${close}}`;
    }
    throw new TemplateFailure(`TypeError: Object of type ${typeName(known)} is not JSON serializable`);
  };
  return write(value, 0);
}
