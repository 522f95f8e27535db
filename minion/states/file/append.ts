// file.append: each text (a string or a list of them) appended unless the file already
// holds it; whitespace between words does not count unless ignore_whitespace is False.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { appendLines } from '../../modules/file/append-lines.js';
import { isText } from '../../modules/file/is-text.js';
import { makeDirs } from '../../modules/file/mkdir.js';
import { compilePattern, MULTILINE } from '../../modules/file/python-regex.js';
import { unifiedDiffLines } from '../../modules/file/unified-diff.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { splitLines, stringList } from './args.js';
import { fail } from '../../../shared/state/state-return.js';
import { chooseSource, sourceContent } from './source.js';
import { fileStateFunction } from './state-function.js';
import { touch } from './touch.js';

export const append = fileStateFunction(
  'append',
  'Append text (a string or list of strings) to the file, each part only if the file does not already contain it; makedirs creates the parent, a missing file is created; source/sources with template (default jinja), defaults, context give the text instead.',
  appendText,
  { absolute: true },
);

async function appendText(ctx: StateContext, args: StateArgs, name: string, ret: StateReturn): Promise<StateReturn> {
  if (args.makedirs === true) {
    if (ctx.test) {
      ret.comment = `Directory ${path.dirname(name)} is set to be updated`;
      ret.result = null;
    } else await makeDirs(path.dirname(name), null, null, null);
  }
  if (!(await stat(name).then(() => true, () => false))) {
    const touched = await touch.run(ctx, { name, makedirs: args.makedirs });
    if (ctx.test || touched.result === false) return touched;
  }
  const chunks = await texts(ctx, args, name);
  if (chunks === null) return fail(ret, 'No text found to append. Nothing appended');

  const data = await readFile(name);
  const body = data.toString('utf8');
  const toAppend: string[] = [];
  for (const chunk of chunks) {
    const pattern = args.ignore_whitespace === false ? chunk : whitespaceSplitRegex(chunk);
    if (body.search(compilePattern(pattern, MULTILINE)) >= 0) continue;
    toAppend.push(...splitLines(chunk));
  }
  const before = splitLines(body);
  const after = [...before, ...toAppend];
  const diff = !toAppend.length ? '' : isText(data) ? unifiedDiffLines(before, after).join('\n') : 'Replace binary file';
  if (ctx.test) {
    if (diff) {
      ret.result = null;
      ret.comment = `File ${name} is set to be updated`;
      ret.changes.diff = diff;
    } else ret.comment = `File ${name} is in correct state`;
    return ret;
  }
  if (toAppend.length) {
    await appendLines(name, toAppend);
    ret.comment = `Appended ${toAppend.length} lines`;
    ret.changes.diff = diff;
  } else ret.comment = `File ${name} is in correct state`;
  return ret;
}

// The texts to append: `text`, or the rendered content of source/sources.
async function texts(ctx: StateContext, args: StateArgs, name: string): Promise<string[] | null> {
  const sources = args.source != null ? [args.source] : Array.isArray(args.sources) ? args.sources : [];
  if (!sources.length) return args.text == null ? null : stringList(args.text);
  const template = args.template == null ? 'jinja' : pyStr(args.template);
  const vars = { ...(args.defaults as Record<string, unknown> | undefined), ...(args.context as Record<string, unknown> | undefined) };
  const out: string[] = [];
  for (const source of sources) {
    const choice = await chooseSource(ctx, source, null);
    out.push((await sourceContent(ctx, name, choice, null, { template, vars })).toString('utf8'));
  }
  return out;
}

// Salt's build_whitespace_split_regex: the chunk's words as a whole line, any whitespace between.
function whitespaceSplitRegex(chunk: string): string {
  const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return `^${splitLines(chunk).map((line) => `(?:[\\s]+)?${line.split(/\s+/).filter(Boolean).map(escape).join('(?:[\\s]+)')}`).join('')}$`;
}

