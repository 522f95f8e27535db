// YAML as PyYAML's safe_dump writes it (Salt's `yaml`, `yaml_encode`, `yaml_dquote`
// filters): sorted keys, flow or block style, plain scalars where they read back as
// the same string, quoted otherwise. Long flow lines are not wrapped (PyYAML wraps at 80).
import { parseYaml } from '../../yaml.js';
import { TemplateFailure, defined } from './failure.js';
import { floatRepr, intRepr } from './print.js';
import { PyFloat, isDict, typeName } from './values.js';
import { SafeString } from './nunjucks.js';

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r',
  '\x1b': 'e', '"': '"', '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P',
};

function printable(code: number, allowUnicode: boolean): boolean {
  if (code >= 0x20 && code <= 0x7e) return true;
  return allowUnicode && code >= 0xa0 && code !== 0xfeff && !(code >= 0xd800 && code <= 0xdfff) && code !== 0x2028 && code !== 0x2029;
}

export function doubleQuoted(text: string, allowUnicode: boolean): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (ESCAPES[char] !== undefined) out += `\\${ESCAPES[char]}`;
    else if (printable(code, allowUnicode)) out += char;
    else if (code <= 0xff) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
  }
  return `${out}"`;
}

export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function readsBackAs(text: string): boolean {
  try {
    return parseYaml(text, 'yaml filter') === text;
  } catch {
    return false;
  }
}

/** PyYAML quotes what its own resolvers would read as a timestamp, a merge key or a value key
 * (Salt's loader keeps timestamps as strings, but the output should match PyYAML's). */
const PYYAML_SPECIAL = /^(?:\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d.*)?|=|<<)$/;

function plainAllowed(text: string, flow: boolean, allowUnicode: boolean): boolean {
  if (text === '' || /^\s|\s$/.test(text) || PYYAML_SPECIAL.test(text)) return false;
  // '-', '?' and ':' start a plain scalar when a non-space follows (in flow, only '-').
  if (/^[,[\]{}#&*!|>'"%@`]|^[-?:](\s|$)/.test(text) || (flow && /^[?:]/.test(text)) || /: |:$| #/.test(text)) return false;
  if (flow && /[,[\]{}]/.test(text)) return false;
  for (const char of text) if (!printable(char.codePointAt(0) as number, allowUnicode)) return false;
  return readsBackAs(text);
}

export function scalar(value: unknown, flow: boolean, allowUnicode: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || value instanceof PyFloat) {
    const n = Number(value);
    if (Number.isNaN(n)) return '.nan';
    if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
    if (typeof value === 'number' && Number.isInteger(n)) return intRepr(n);
    const text = floatRepr(n);
    return text.includes('.') || !text.includes('e') ? text : text.replace('e', '.0e');
  }
  const text = String(value);
  if (plainAllowed(text, flow, allowUnicode)) return text;
  const special = Array.from(text).some((char) => !printable(char.codePointAt(0) as number, allowUnicode));
  return special ? doubleQuoted(text, allowUnicode) : singleQuoted(text);
}

function isScalar(value: unknown): boolean {
  return !Array.isArray(value) && !isDict(value);
}

function checked(value: unknown): unknown {
  const known = defined(value);
  if (known instanceof SafeString) return String(known);
  if (isScalar(known) && known !== null && known !== undefined && !['string', 'number', 'boolean'].includes(typeof known) && !(known instanceof PyFloat)) {
    throw new TemplateFailure(`RepresenterError: cannot represent an object of type ${typeName(known)}`);
  }
  return known;
}

function flowNode(value: unknown, allowUnicode: boolean): string {
  const known = checked(value);
  if (Array.isArray(known)) return `[${known.map((item) => flowNode(item, allowUnicode)).join(', ')}]`;
  if (isDict(known)) {
    return `{${Object.keys(known)
      .sort()
      .map((key) => `${scalar(key, true, allowUnicode)}: ${flowNode(known[key], allowUnicode)}`)
      .join(', ')}}`;
  }
  return scalar(known, true, allowUnicode);
}

function emptyOrScalar(value: unknown, allowUnicode: boolean): string | undefined {
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (isDict(value) && Object.keys(value).length === 0) return '{}';
  return isScalar(value) ? scalar(value, false, allowUnicode) : undefined;
}

/** Block lines for a collection at `indent`; sequences inside mappings are not indented. */
function blockLines(value: unknown, indent: string, allowUnicode: boolean): string[] {
  const known = checked(value);
  const lines: string[] = [];
  if (Array.isArray(known)) {
    for (const item of known) {
      const inline = emptyOrScalar(checked(item), allowUnicode);
      if (inline !== undefined) {
        lines.push(`${indent}- ${inline}`);
        continue;
      }
      const nested = blockLines(item, `${indent}  `, allowUnicode);
      lines.push(`${indent}- ${nested[0].slice(indent.length + 2)}`, ...nested.slice(1));
    }
    return lines;
  }
  const dict = known as Record<string, unknown>;
  for (const key of Object.keys(dict).sort()) {
    const head = `${indent}${scalar(key, false, allowUnicode)}:`;
    const item = checked(dict[key]);
    const inline = emptyOrScalar(item, allowUnicode);
    if (inline !== undefined) lines.push(`${head} ${inline}`);
    else lines.push(head, ...blockLines(item, Array.isArray(item) ? indent : `${indent}  `, allowUnicode));
  }
  return lines;
}

/** safe_dump(value, default_flow_style=flow) with Salt's strip of the trailing newline and '...'. */
export function dumpYamlLikePyYaml(value: unknown, flow: boolean, allowUnicode = false): string {
  const known = checked(value);
  const inline = emptyOrScalar(known, allowUnicode);
  if (inline !== undefined) return inline;
  return flow ? flowNode(known, allowUnicode) : blockLines(known, '', allowUnicode).join('\n');
}
