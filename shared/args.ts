// Command-line function arguments the way Salt reads them: `key=value` is a
// keyword argument, everything else positional, values typed as YAML.
import { parseYaml } from './yaml.js';
import { SaltTsError } from './errors.js';

export interface ParsedArgs {
  arg: unknown[];
  kwarg: Record<string, unknown>;
}

const KWARG = /^([^\d\W][\w.-]*)=(?!=)(.*)$/su;

export function parseCliArgs(words: string[]): ParsedArgs {
  const parsed: ParsedArgs = { arg: [], kwarg: {} };
  for (const word of words) {
    const kw = KWARG.exec(word);
    if (kw) parsed.kwarg[kw[1]!] = yamlifyArg(kw[2]!);
    else parsed.arg.push(yamlifyArg(word));
  }
  return parsed;
}

/** Types one argument as YAML, but keeps the text whenever YAML would lose or
 * reshape it (a plain string, `a: b` that is not a `{...}` mapping, a comment). */
export function yamlifyArg(text: string): unknown {
  if (text.trim() === '' || /^[_-]+$/.test(text.trim())) return text;
  if (text === 'None') return null; // Python's null, which YAML itself does not know
  let value: unknown;
  try {
    value = parseYaml(text, 'argument');
  } catch {
    return text;
  }
  if (value === null) return /^(~|null|NULL|Null)$/.test(text.trim()) ? null : text;
  if (typeof value === 'string') return text;
  if (Array.isArray(value) && !text.trimStart().startsWith('[')) return text;
  if (typeof value === 'object' && !Array.isArray(value) && !text.trimStart().startsWith('{')) return text;
  if (text.includes('#') && typeof value !== 'object') return text;
  // A number JavaScript cannot hold exactly (a 20-digit jid) stays the text it was.
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) return text;
  return value;
}

export interface ParsedCall {
  fun: string | string[];
  arg: unknown[];
  kwarg: Record<string, unknown> | Record<string, unknown>[];
}

/** The function part of a salt-ts command line. `test.ping,test.echo` runs several
 * functions (Salt's compound command): their argument words are split on the
 * separator (default `,`), either standing alone (`a , b`) or inside words (`a,b`). */
export function parseFunctionCall(fun: string, words: string[], separator = ','): ParsedCall {
  if (!fun.includes(',')) return { fun, ...parseCliArgs(words) };
  const funs = fun.split(',');
  const groups: string[][] = [[]];
  if (words.filter((w) => w === separator).length === funs.length - 1) {
    for (const word of words) word === separator ? groups.push([]) : groups.at(-1)!.push(word);
  } else {
    for (const word of words) {
      word.split(separator).forEach((part, i) => {
        if (i > 0) groups.push([]);
        if (part) groups.at(-1)!.push(part);
      });
    }
  }
  if (groups.length < funs.length) throw new SaltTsError('SALTTS_BAD_ARGUMENT', 'Cannot execute compound command without defining all arguments.');
  if (groups.length > funs.length) throw new SaltTsError('SALTTS_BAD_ARGUMENT', 'Cannot execute compound command with more arguments than commands.');
  const parsed = groups.map(parseCliArgs);
  return { fun: funs, arg: parsed.map((p) => p.arg), kwarg: parsed.map((p) => p.kwarg) };
}
