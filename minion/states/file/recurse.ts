// file.recurse: a directory of the file server (salt://dir) copied below `name`, each file
// managed as file.managed manages it (template, file_mode, user, group), each directory as
// file.directory (dir_mode), and with clean, nothing else left below `name`.
import { lstat, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { makeDirs } from '../../modules/file/mkdir.js';
import { modeArg, ownerArg, stringList } from './args.js';
import { directory } from './directory.js';
import { managed } from './managed.js';
import { checkUserGroup } from './owner.js';
import { fail } from '../../../shared/state/state-return.js';
import { fileStateFunction } from './state-function.js';
import { splitSaltUrl } from './source.js';
import { cleanDir, included, keepSet, requiredPaths } from './tree.js';

export const recurse = fileStateFunction(
  'recurse',
  'Copy the file server directory source (salt://dir, or a list: the first that exists) to name: files managed with user, group, file_mode, template, context, defaults, replace, backup; directories with dir_mode; include_empty, include_pat, exclude_pat, maxdepth; clean removes everything else.',
  copyTree,
  // Salt's file.recurse has no empty-name check: an empty name fails as not absolute.
  { takesRequire: true, missingName: null },
);

interface Tree {
  /** Destination path -> salt:// URL. */
  files: Map<string, string>;
  dirs: Set<string>;
}

async function copyTree(ctx: StateContext, args: StateArgs, name: string, ret: StateReturn): Promise<StateReturn> {
  if (args.mode != null) return fail(ret, "'mode' is not allowed in 'file.recurse'. Please use 'file_mode' and 'dir_mode'.");
  const dirMode = modeArg(args.dir_mode, 'dir_mode', name);
  const fileMode = modeArg(args.file_mode, 'file_mode', name);
  const user = ownerArg(args.user ?? args.owner);
  const group = ownerArg(args.group);
  const badOwner = await checkUserGroup(user, group);
  if (badOwner) return fail(ret, badOwner);
  if (!path.isAbsolute(name)) return fail(ret, `Specified file ${name} is not an absolute path`);
  const sources = stringList(args.source).map((s) => s.replace(/\/+$/, ''));
  const invalid = sources.find((s) => !s.startsWith('salt://'));
  if (invalid !== undefined) return fail(ret, `Invalid source '${invalid}' (must be a salt:// URI)`);

  let tree: Tree | null = null;
  let where = { dir: '', saltenv: ctx.saltenv };
  for (const source of sources) {
    const { url, saltenv } = splitSaltUrl(source, ctx.saltenv);
    where = { dir: url.slice('salt://'.length), saltenv };
    tree = await listTree(ctx, where.dir, saltenv, name, args);
    if (tree) break;
  }
  if (!tree) {
    if (sources.length > 1) return fail(ret, 'Recurse failed: none of the specified sources were found');
    return fail(ret, `The directory '${where.dir}' does not exist on the salt fileserver in saltenv '${where.saltenv}'`);
  }
  if (!(await stat(name).then((st) => st.isDirectory(), () => false))) {
    if (await lstat(name).then(() => true, () => false)) return fail(ret, `The path ${name} exists and is not a directory`);
    if (!ctx.test) await makeDirs(name, user, group, dirMode);
  }

  const comments = new Map<string, string[]>();
  const merge = (p: string, sub: StateReturn) => {
    if (sub.result === false || ret.result === true) ret.result = sub.result;
    if (sub.result !== true && sub.comment) comments.set(p, [...(comments.get(p) ?? []), sub.comment]);
    if (Object.keys(sub.changes).length) ret.changes[p] = sub.changes;
  };
  const clean = args.clean === true;
  for (const dir of [...tree.dirs].sort()) {
    if (clean && (await lstat(dir).then((st) => !st.isDirectory(), () => false))) {
      if (ctx.test) {
        merge(dir, { name, result: null, comment: `Replacing ${dir} with a directory`, changes: {} });
        continue;
      }
      await rm(dir, { force: true });
      merge(dir, { name, result: true, comment: '', changes: { diff: 'Replaced file with a directory' } });
    }
    merge(dir, await directory.run(ctx, { name: dir, user, group, dir_mode: dirMode, makedirs: true }));
  }
  for (const [dest, url] of [...tree.files].sort()) {
    if (clean && args.replace !== false && (await stat(dest).then((st) => st.isDirectory(), () => false))) {
      if (ctx.test) {
        merge(dest, { name, result: null, comment: `Replacing directory ${dest} with a file`, changes: {} });
        continue;
      }
      await rm(dest, { recursive: true });
      merge(dest, { name, result: true, comment: '', changes: { diff: 'Replaced directory with a new file' } });
    }
    merge(dest, await managed.run(ctx, { name: dest, source: url, user, group, mode: fileMode, template: args.template, context: args.context, defaults: args.defaults, makedirs: true, replace: args.replace, backup: args.backup, show_changes: args.show_changes }));
  }
  if (clean) {
    const keep = keepSet(name, [...tree.files.keys(), ...tree.dirs, ...requiredPaths(args.require)]);
    const removed = await cleanDir(name, keep, args.exclude_pat, ctx.test);
    if (removed.length) {
      if (ctx.test) {
        if (ret.result) ret.result = null;
        comments.set('removed', removed);
      } else ret.changes.removed = removed;
    }
  }
  ret.comment = [...comments].map(([key, lines]) => `\n#### ${key} ####\n${lines.join('\n')}`).join('\n').trim();
  if (!ret.comment) ret.comment = `Recursively updated ${name}`;
  if (!Object.keys(ret.changes).length && ret.result) ret.comment = `The directory ${name} is in the correct state`;
  return ret;
}

// The files (and, with include_empty, directories) under salt://dir, placed below `name`;
// null when the file server has nothing there.
async function listTree(ctx: StateContext, dir: string, saltenv: string, name: string, args: StateArgs): Promise<Tree | null> {
  const listed = await ctx.listFiles(`${dir}/`, saltenv);
  if (!listed.length) return null;
  const maxDepth = args.maxdepth == null ? null : Number(args.maxdepth);
  const tree: Tree = { files: new Map(), dirs: new Set() };
  for (const entry of listed) {
    // Entries are paths from the root of the file server, or relative to the prefix.
    const rel = entry.startsWith(`${dir}/`) ? entry.slice(dir.length + 1) : entry;
    const isDir = rel.endsWith('/');
    const clean = rel.replace(/\/+$/, '');
    if (!clean || clean.split('/').includes('..')) continue;
    if (maxDepth !== null && clean.split('/').length - 1 > maxDepth) continue;
    if (!included(clean, args.include_pat ?? null, args.exclude_pat ?? null)) continue;
    const dest = path.join(name, clean);
    if (isDir) {
      if (args.include_empty === true) tree.dirs.add(dest);
      continue;
    }
    tree.files.set(dest, `salt://${dir}/${clean}${saltenv === ctx.saltenv ? '' : `?saltenv=${saltenv}`}`);
    tree.dirs.add(path.dirname(dest));
  }
  return tree;
}
