// file.directory: a directory with the owner, group and mode asked for, optionally the same
// for everything in it (recurse) and nothing in it that no file state manages (clean).
import { lstat, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { makeDirs } from '../../modules/file/mkdir.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { modeArg, ownerArg } from './args.js';
import { truthy } from '../../../shared/state/python-values.js';
import { checkUserGroup } from './owner.js';
import { checkPerms, currentMeta, metaChanges, type Wanted } from './perms.js';
import { fail } from '../../../shared/state/state-return.js';
import { fileStateFunction } from './state-function.js';
import { cleanDir, included, keepSet, requiredPaths, walk, type WalkStep } from './tree.js';

const RECURSE_TYPES = ['user', 'group', 'mode', 'ignore_files', 'ignore_dirs', 'silent'];

export const directory = fileStateFunction(
  'directory',
  'Ensure a directory exists with user, group and dir_mode (or mode); makedirs creates parents; recurse: [user, group, mode, ignore_files, ignore_dirs, silent] applies them below (files get file_mode); clean removes what no required file state manages (exclude_pat keeps matches); max_depth; force/backupname for a file in the way.',
  ensure,
  { takesRequire: true, normalize: (name) => (name.length > 1 ? name.replace(/\/+$/, '') : name) },
);

async function ensure(ctx: StateContext, args: StateArgs, name: string, ret: StateReturn): Promise<StateReturn> {
  const clean = args.clean === true;
  const maxDepth = args.max_depth == null ? null : Number(args.max_depth);
  if (maxDepth !== null && clean) return fail(ret, 'Cannot specify both max_depth and clean');
  const user = ownerArg(args.user ?? args.owner);
  const group = ownerArg(args.group);
  const dirMode = modeArg(truthy(args.dir_mode) ? args.dir_mode : args.mode, 'dir_mode', name);
  const fileMode = truthy(args.file_mode) ? modeArg(args.file_mode, 'file_mode', name) : dirMode;
  const follow = args.follow_symlinks === true;
  const badOwner = await checkUserGroup(user, group);
  if (badOwner && !ctx.test) return fail(ret, badOwner);
  if (!path.isAbsolute(name)) return fail(ret, `Specified file ${name} is not an absolute path`);
  const recurse = recurseSet(args.recurse);
  if (typeof recurse === 'string') return fail(ret, recurse);

  const inWay = await replaceInWay(ctx.test, args, name, ret);
  if (inWay) return inWay;
  const keep = keepSet(name, requiredPaths(args.require));
  const predicted = await predict(name, { user, group, mode: dirMode }, fileMode, recurse, clean ? keep : null, args.exclude_pat, maxDepth, follow);
  Object.assign(ret.changes, predicted.changes);
  if (ctx.test || !Object.keys(ret.changes).length) {
    ret.result = predicted.result;
    ret.comment = predicted.comment;
    return ret;
  }
  // The run reports what it did, not the prediction.
  ret.changes = 'forced' in ret.changes ? { forced: ret.changes.forced } : {};
  if (!(await isDir(name))) {
    if (!(await isDir(path.dirname(name)))) {
      if (args.makedirs !== true) return fail(ret, `No directory to create ${name} in`);
    }
    await makeDirs(name, user, group, dirMode);
    ret.changes = { [name]: { directory: 'new' } };
    ret.comment = `Directory ${name} updated`;
    return ret;
  }

  if (args.children_only !== true) await checkPerms(false, name, ret, { user, group, mode: dirMode }, follow);
  const steps = recurse.size || clean ? await walk(name, maxDepth) : [];
  if (recurse.size) {
    if (recurse.has('user') && user === null) return fail(ret, 'user not specified, but configured as a target for recursive ownership management');
    if (recurse.has('group') && group === null) return fail(ret, 'group not specified, but configured as a target for recursive ownership management');
    const below = belowWanted(recurse, { user, group, mode: dirMode }, fileMode);
    for (const { root, dirs, files } of steps) {
      if (!recurse.has('ignore_files')) for (const f of files) await checkPerms(false, path.join(root, f), ret, below.files, follow);
      if (!recurse.has('ignore_dirs')) for (const d of dirs) await checkPerms(false, path.join(root, d), ret, below.dirs, follow);
    }
    if (recurse.has('silent')) ret.changes = { recursion: 'Changes silenced' };
  }
  if (clean) {
    const removed = await cleanDir(name, keep, args.exclude_pat, false);
    if (removed.length) {
      ret.changes.removed = removed;
      ret.comment = `Files cleaned from directory ${name}`;
    }
  }
  if (!ret.comment && Object.keys(ret.changes).length) ret.comment = args.children_only === true ? `Directory ${name}/* updated` : `Directory ${name} updated`;
  else if (!Object.keys(ret.changes).length && ret.result) ret.comment = [`Directory ${name} is in the correct state`, ret.comment].filter(Boolean).join('\n');
  return ret;
}

const isDir = (p: string) => stat(p).then((st) => st.isDirectory(), () => false);

// A file (or, with force or allow_symlink: False, a link) where the directory should be.
async function replaceInWay(test: boolean, args: StateArgs, name: string, ret: StateReturn): Promise<StateReturn | null> {
  const own = await lstat(name).catch(() => null);
  const force = args.force === true;
  const isLink = own?.isSymbolicLink() ?? false;
  const isFile = await stat(name).then((st) => st.isFile(), () => false);
  if (!(isFile || (isLink && (args.allow_symlink === false || force)))) return null;
  if (args.backupname != null) {
    const backup = pyStr(args.backupname);
    if (await lstat(backup).then(() => true, () => false)) {
      if (!force) return fail(ret, `File exists where the backup target ${backup} should go`);
      await rm(backup, { recursive: true });
    }
    await rename(name, backup);
  } else if (force) {
    const what = isFile && !isLink ? 'File' : 'Symlink';
    if (!test) await rm(name, { recursive: true });
    ret.changes.forced = `${what} ${test ? 'would be' : 'was'} forcibly replaced`;
  } else if (isLink) return fail(ret, `Specified location ${name} exists and is a symlink`);
  else return fail(ret, `Specified location ${name} exists and is a file`);
  return null;
}

// Salt's _get_recurse_set: the set, or the error text.
function recurseSet(recurse: unknown): Set<string> | string {
  if (!truthy(recurse)) return new Set();
  if (!Array.isArray(recurse)) return '"recurse" must be formed as a list of strings';
  const set = new Set(recurse.map(pyStr));
  if ([...set].some((item) => !RECURSE_TYPES.includes(item))) return `Types for "recurse" limited to ${RECURSE_TYPES.map((t) => `"${t}"`).join(', ')}.`;
  if (set.has('ignore_files') && set.has('ignore_dirs')) return 'Must not specify "recurse" options "ignore_files" and "ignore_dirs" at the same time.';
  return set;
}

// What recurse applies below the directory: only the kinds it lists.
function belowWanted(recurse: Set<string>, want: Wanted, fileMode: string | null): { files: Wanted; dirs: Wanted } {
  const user = recurse.has('user') ? want.user : null;
  const group = recurse.has('group') ? want.group : null;
  const mode = recurse.has('mode');
  return { files: { user, group, mode: mode ? fileMode : null }, dirs: { user, group, mode: mode ? want.mode : null } };
}

// Salt's _check_directory: the changes per path, and the test=True comment.
async function predict(name: string, want: Wanted, fileMode: string | null, recurse: Set<string>, keep: Set<string> | null, excludePat: unknown, maxDepth: number | null, follow: boolean): Promise<{ result: boolean | null; comment: string; changes: Record<string, Record<string, unknown>> }> {
  const changes: Record<string, Record<string, unknown>> = {};
  const exists = await isDir(name);
  const steps: WalkStep[] = exists && (recurse.size || keep) ? await walk(name, maxDepth) : [];
  const note = async (p: string, w: Wanted) => {
    const cur = await currentMeta(p, follow);
    const change = cur ? metaChanges(cur, w, follow) : { directory: 'new' };
    if (Object.keys(change).length) changes[p] = change;
  };
  if (recurse.size) {
    const below = belowWanted(recurse, want, fileMode);
    for (const { root, dirs, files } of steps) {
      if (!recurse.has('ignore_files')) for (const f of files) await note(path.join(root, f), below.files);
      if (!recurse.has('ignore_dirs')) for (const d of dirs) await note(path.join(root, d), below.dirs);
    }
  }
  if (exists) await note(name, want);
  if (keep) {
    for (const { root, dirs, files } of steps) {
      for (const entry of [...files, ...dirs]) {
        const full = path.join(root, entry);
        if (!keep.has(full) && included(path.relative(name, full), null, excludePat)) changes[full] = { removed: 'Removed due to clean' };
      }
    }
  }
  if (!exists) changes[name] = { directory: 'new' };
  if (!Object.keys(changes).length) return { result: true, comment: `The directory ${name} is in the correct state`, changes };
  const lines = Object.entries(changes).flatMap(([p, change]) => Object.entries(change).map(([key, value]) => `${p}: ${key} - ${pyStr(value)}\n`));
  return { result: null, comment: `The following files will be changed:\n${lines.join('')}`, changes };
}
