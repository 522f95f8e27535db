// file.managed's `contents`, `contents_pillar` and `contents_grains`: the text the file
// must hold, each line ended by a newline (the last one kept off by contents_newline: False).
import type { StateContext } from '../../../shared/state/types.js';
import { traverse } from '../../../shared/traverse.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { splitLines, stringList } from './args.js';
import { truthy } from '../../../shared/state/python-values.js';
import { SourceError } from './source.js';

const MISSING = Symbol('missing');

/** The managed text from whichever contents argument is given; null when none is. */
export function managedContents(ctx: StateContext, args: Record<string, unknown>): string | null {
  const delimiter = args.contents_delimiter == null ? ':' : pyStr(args.contents_delimiter);
  let value: unknown;
  if (args.contents_pillar != null) value = lookUp(ctx.pillar, args.contents_pillar, delimiter, 'Pillar');
  else if (args.contents_grains != null) value = lookUp(ctx.grains, args.contents_grains, delimiter, 'Grain');
  else if (args.contents != null) value = args.contents;
  else return null;
  if (args.allow_empty === false && !truthy(value)) {
    const what = args.contents_pillar != null ? `contents_pillar ${pyStr(args.contents_pillar)}` : args.contents_grains != null ? `contents_grains ${pyStr(args.contents_grains)}` : "'contents'";
    throw new SourceError(`${what} value would result in empty contents. Set allow_empty to True to allow the managed file to be empty.`);
  }
  let text = '';
  for (const part of stringList(value)) for (const line of splitLines(part)) text += `${line}\n`;
  return args.contents_newline === false ? text.replace(/\n$/, '').replace(/\r$/, '') : text;
}

// A list of keys is looked up one by one and joined by newlines, as Salt does.
function lookUp(data: Record<string, unknown>, keys: unknown, delimiter: string, kind: string): unknown {
  const found = stringList(keys).map((key) => {
    const value = traverse(data, key, MISSING, delimiter);
    if (value === MISSING) throw new SourceError(`${kind} ${key} does not exist`);
    return Array.isArray(keys) ? pyStr(value) : value;
  });
  return Array.isArray(keys) ? found.join('\n') : found[0];
}

