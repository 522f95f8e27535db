// Python regular expressions (re) for file.replace and file.search: Salt's flags argument,
// the Python-only pattern syntax turned into JavaScript's ((?P<name>), (?P=name), \A, \Z,
// a leading (?i)), and Python's replacement templates (\1, \g<1>, \g<name>, \n).
import { pyStr } from '../../../shared/output/py-str.js';
import { CommandExecutionError } from '../command-error.js';

/** Python's re flag values, by the names Salt accepts. */
const FLAG_BITS: Record<string, number> = {
  NOFLAG: 0, TEMPLATE: 1, T: 1, IGNORECASE: 2, I: 2, LOCALE: 4, L: 4, MULTILINE: 8, M: 8,
  DOTALL: 16, S: 16, UNICODE: 32, U: 32, VERBOSE: 64, X: 64, DEBUG: 128, ASCII: 256, A: 256,
};
export const MULTILINE = FLAG_BITS.MULTILINE!;
const IGNORECASE = FLAG_BITS.IGNORECASE!;
const DOTALL = FLAG_BITS.DOTALL!;
const VERBOSE = FLAG_BITS.VERBOSE!;

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/** A replacement template: literal text, group numbers and group names. */
export type Template = (string | number | { name: string })[];

const bad = (message: string) => new CommandExecutionError(message);

/** The flag bits of Salt's flags argument: an int, a flag name, or a list of flag names. */
export function flagBits(flags: unknown): number {
  if (typeof flags === 'number' && Number.isInteger(flags)) return flags;
  const names = typeof flags === 'string' ? [flags] : Array.isArray(flags) ? flags : null;
  if (!names) throw bad(`Invalid re flags: "${pyStr(flags)}", must be given either as a single flag string, a list of strings, or as an integer`);
  return names.reduce((bits: number, name: unknown) => {
    const bit = FLAG_BITS[pyStr(name).toUpperCase()];
    if (bit === undefined) throw bad(`Invalid re flag given: ${pyStr(name)}`);
    return bits | bit;
  }, 0);
}

/** Compiles a Python pattern with the flag bits into a global JavaScript RegExp. */
export function compilePattern(pattern: string, bits: number): RegExp {
  const lead = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  const inline = lead?.[1] ?? '';
  if (bits & VERBOSE || inline.includes('x')) throw bad('The VERBOSE regular expression flag is not supported');
  let flags = 'g';
  if (bits & IGNORECASE || inline.includes('i')) flags += 'i';
  if (bits & MULTILINE || inline.includes('m')) flags += 'm';
  if (bits & DOTALL || inline.includes('s')) flags += 's';
  try {
    return new RegExp(translate(pattern.slice(lead?.[0].length ?? 0)), flags);
  } catch (err) {
    throw bad(`Invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}

// Rewrites what Python writes differently; everything else is the same in both dialects.
function translate(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[++i] ?? '';
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'Z') out += '(?![\\s\\S])';
      else out += ch + next;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      if (pattern[i + 1] === '^') out += pattern[++i];
      // Python reads a ] first in a class as a member; JavaScript would end the class.
      if (pattern[i + 1] === ']') out += `\\${pattern[++i]}`;
    } else if (pattern.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (pattern.startsWith('(?P=', i) && pattern.indexOf(')', i) > 0) {
      const end = pattern.indexOf(')', i);
      out += `\\k<${pattern.slice(i + 4, end)}>`;
      i = end;
    } else out += ch;
  }
  return out;
}

/** Parses a Python replacement template; with `literal` (backslash_literal) it is plain text. */
export function parseTemplate(template: string, literal: boolean): Template {
  if (literal) return [template];
  const parts: Template = [];
  let text = '';
  const flush = (part: number | { name: string }) => {
    parts.push(text, part);
    text = '';
  };
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    const next = template[i + 1];
    if (ch !== '\\') text += ch;
    else if (next === undefined) throw bad('bad escape (end of pattern) in the replacement');
    else if (next === 'g') {
      const group = /^<([^>]+)>/.exec(template.slice(i + 2));
      if (!group) throw bad('missing group name in \\g<...> in the replacement');
      flush(/^\d+$/.test(group[1]!) ? Number(group[1]) : { name: group[1]! });
      i += 1 + group[0].length;
    } else if (/[1-9]/.test(next)) {
      const digits = /^\d{1,2}/.exec(template.slice(i + 1))![0];
      flush(Number(digits));
      i += digits.length;
    } else if (next === '0') {
      const octal = /^0[0-7]{0,2}/.exec(template.slice(i + 1))![0];
      text += String.fromCharCode(parseInt(octal, 8));
      i += octal.length;
    } else if (ESCAPES[next] !== undefined) {
      text += ESCAPES[next];
      i++;
    } else if (/[A-Za-z]/.test(next)) throw bad(`bad escape \\${next} in the replacement`);
    else {
      text += ch + next; // Python keeps an unknown escape of punctuation as it is
      i++;
    }
  }
  parts.push(text);
  return parts;
}

/** Replaces up to `count` matches (0: all) by the template; returns the text and how many were replaced. */
export function substitute(regex: RegExp, template: Template, text: string, count: number): { text: string; replaced: number } {
  let replaced = 0;
  const result = text.replace(regex, (...args: unknown[]) => {
    const match = args[0] as string;
    if (count > 0 && replaced >= count) return match;
    replaced++;
    const named = typeof args[args.length - 1] === 'object' ? (args[args.length - 1] as Record<string, string | undefined>) : {};
    const groups = args.slice(0, typeof args[args.length - 1] === 'object' ? -3 : -2) as (string | undefined)[];
    return template.map((part) => expand(part, groups, named)).join('');
  });
  return { text: result, replaced };
}

function expand(part: Template[number], groups: (string | undefined)[], named: Record<string, string | undefined>): string {
  if (typeof part === 'string') return part;
  if (typeof part === 'number') {
    if (part >= groups.length) throw bad(`invalid group reference ${part} in the replacement`);
    return groups[part] ?? '';
  }
  if (!(part.name in named)) throw bad(`unknown group name '${part.name}' in the replacement`);
  return named[part.name] ?? '';
}
