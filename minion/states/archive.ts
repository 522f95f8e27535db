// archive: unpack a tar or zip archive into a directory unless its contents are already
// there (Salt's archive.extracted), through the archive execution module.
import { existsSync, lstatSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { guessFormat, type ArchiveMembers } from '../modules/archive/members.js';
import { pyStr } from '../../shared/output/py-str.js';
import { errorText, fail, optionalText, startReturn, truthy, unsupportedArgs } from '../../shared/state/state-return.js';

/** How many extracted files the return lists: all, 100 for trim_output: True, or the number given. */
function trimmed(files: string[], trim: unknown): string[] {
  if (trim === true) return files.slice(0, 100);
  if (typeof trim === 'number' && trim > 0) return files.slice(0, trim);
  return files;
}

/** The archive's paths that are missing under the destination. */
function missingPaths(dest: string, members: ArchiveMembers): string[] {
  const present = (p: string) => existsSync(path.join(dest, p)) || (lstatSync(path.join(dest, p), { throwIfNoEntry: false }) !== undefined);
  return [...members.dirs, ...members.files, ...members.links].filter((p) => !present(p));
}

function singleTopLevel(members: ArchiveMembers): boolean {
  return members.top_level_dirs.length === 1 && !members.top_level_files.length && !members.top_level_links.length;
}

async function extracted(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const name = args.name;
  const ret = startReturn(name);
  if (!path.isAbsolute(name)) return fail(ret, `${name} is not an absolute path`);
  const unsupported = unsupportedArgs(args, ['user', 'group', 'clean', 'clean_parent', 'overwrite', 'source_hash'], 'archive.extracted');
  if (unsupported) return fail(ret, unsupported);
  const source = optionalText(args.source);
  if (source === null) return fail(ret, 'The "source" argument is required');
  const ifMissing = optionalText(args.if_missing);
  if (ifMissing !== null && existsSync(ifMissing)) return Object.assign(ret, { comment: `Path ${ifMissing} exists` });
  const format = optionalText(args.archive_format) ?? guessFormat(source.replace(/\?.*$/, ''));
  if (format !== 'tar' && format !== 'zip') {
    return fail(ret, `Could not guess archive_format from the value of the 'source' argument. Please set this archive_format to one of the following: tar, zip`);
  }
  try {
    const cached = await ctx.cacheFile(source, ctx.saltenv);
    if (cached === null) return fail(ret, `Unable to cache ${source}: no such file`);
    const members = (await ctx.call('archive.list', [cached], { archive_format: format, verbose: true })) as ArchiveMembers;
    if ((args.enforce_toplevel == null || truthy(args.enforce_toplevel)) && !singleTopLevel(members)) {
      return fail(ret, `Archive does not have a single top-level directory. To allow this archive to be extracted, set "enforce_toplevel" to False. To avoid a "${format}-bomb" it may also be advisable to set a top-level directory by adding it to the "name" value (for example, setting "name" to ${path.join(name, 'some_dir')} instead of ${name}).`);
    }
    if (!missingPaths(name, members).length) return Object.assign(ret, { comment: `${source} is already extracted to ${name}` });
    if (ctx.test) return Object.assign(ret, { result: null, comment: `Archive ${source} would be extracted to ${name}` });
    const createdDest = !existsSync(name);
    await mkdir(name, { recursive: true });
    if (format === 'zip') await ctx.call('archive.unzip', [cached, name]);
    // Extra tar options go first; -xf takes the archive as its value.
    else await ctx.call('archive.tar', [[...(args.options == null ? [] : [pyStr(args.options)]), '-xf'].join(' '), cached], { dest: name });
    const left = missingPaths(name, members);
    if (left.length) return fail(ret, `Extraction of ${source} into ${name} left these paths missing: ${left.join(', ')}`);
    if (createdDest) ret.changes.directories_created = [name];
    ret.changes.extracted_files = trimmed([...members.dirs, ...members.files, ...members.links], args.trim_output);
    ret.comment = `${source} extracted to ${name}`;
    return ret;
  } catch (err) {
    return fail(ret, errorText(err));
  }
}

export const archiveStates: StateModule = {
  name: 'archive',
  doc: 'Unpack tar and zip archives into directories.',
  functions: {
    extracted: {
      doc: 'Unpack `source` (salt:// or a local path; archive_format tar or zip, guessed from the name) into the directory `name` unless all its files are there; enforce_toplevel (default True) wants a single top-level directory; if_missing skips when that path exists; options are extra tar options; trim_output limits extracted_files (True: 100).',
      run: extracted,
    },
  },
};
