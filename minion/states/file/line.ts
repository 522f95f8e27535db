// file.line: one line of a file ensured, replaced, deleted or inserted (see line-edit.ts),
// the file first created with user, group and file_mode when `create` is set.
import { copyFile, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { splitLinesKeepEnds, unifiedDiff } from '../../modules/file/unified-diff.js';
import { optionalString } from './args.js';
import { readLines } from './diff.js';
import { editLines, type LineEdit } from './line-edit.js';
import { managed } from './managed.js';
import { errorText, fail } from '../../../shared/state/state-return.js';
import { fileStateFunction } from './state-function.js';

const MODES = ['ensure', 'replace', 'delete', 'insert'];

export const line = fileStateFunction(
  'line',
  'Edit one line: mode ensure (add content before/after a line if missing), replace (the line matching match), delete (lines matching match), insert (at location start/end, or before/after); indent keeps the neighbour\'s indentation; create makes the file (user, group, file_mode); backup keeps a dated copy; show_changes.',
  editFile,
  { onError: (err, name, ret) => fail(ret, `${name}: ${errorText(err)}`) },
);

async function editFile(ctx: StateContext, args: StateArgs, name: string, ret: StateReturn): Promise<StateReturn> {
  if (args.create === true) await managed.run(ctx, { name, create: true, user: args.user, group: args.group, mode: args.file_mode, replace: false });
  if (!path.isAbsolute(name)) return fail(ret, `Specified file ${name} is not an absolute path`);
  if (!(await stat(name).then(() => true, () => false))) return fail(ret, `${name}: file not found`);
  const mode = optionalString(args.mode)?.toLowerCase() ?? null;
  if (mode === null) return fail(ret, 'Mode was not defined. How to process the file?');
  if (!MODES.includes(mode)) return fail(ret, `Unknown mode: "${mode}"`);
  if (mode !== 'delete' && args.content == null) return fail(ret, "Content can only be empty if mode is ['delete']");

  const file = await realpath(name);
  const original = await readFile(file, 'utf8');
  const edit: LineEdit = {
    content: optionalString(args.content),
    match: optionalString(args.match),
    mode: mode as LineEdit['mode'],
    location: optionalString(args.location),
    before: optionalString(args.before),
    after: optionalString(args.after),
    indent: args.indent !== false,
  };
  const body = editLines(readLines(original), edit);
  const edited = body.join('');
  if (edited === original) {
    ret.comment = 'No changes needed to be made';
    return ret;
  }
  if (!ctx.test) {
    if (args.backup === true) await copyFile(file, `${file}.${dateStamp(new Date())}`);
    await writeFile(file, edited);
  }
  ret.changes.diff = args.show_changes === false ? true : unifiedDiff(splitLinesKeepEnds(original), body);
  ret.result = ctx.test ? null : true;
  ret.comment = ctx.test ? 'Changes would be made' : 'Changes were made';
  return ret;
}

// Salt's backup suffix for file.line: local time as %Y-%m-%d-%H-%M-%S.
function dateStamp(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}-${two(d.getHours())}-${two(d.getMinutes())}-${two(d.getSeconds())}`;
}
