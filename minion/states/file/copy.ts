// file.copy: a local file or directory copied to `name` unless something is there already
// (force replaces it), owned by user:group with the source's mode unless mode is given.
import { cp, lstat, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { fileHash } from '../../modules/file/hash.js';
import { makeDirs } from '../../modules/file/mkdir.js';
import { expandUser } from '../../modules/file/paths.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { modeArg, ownerArg } from './args.js';
import { checkUserGroup, defaultOwner } from './owner.js';
import { checkPerms, currentMeta } from './perms.js';
import { errorText, fail } from '../../../shared/state/state-return.js';
import { fileStateFunction } from './state-function.js';
import { walk } from './tree.js';

export const copy = fileStateFunction(
  'copy',
  'Copy the local file or directory source to name unless name exists (force: replace it); makedirs creates the parent; preserve keeps the source\'s owner and mode, else user, group (default the minion\'s user) and mode (default the source\'s); subdir copies into an existing directory.',
  async (ctx, args, name, ret) => {
    const source = await expandUser(pyStr(args.source ?? ''));
    ret.comment = `Copied "${source}" to "${name}"`;
    if (!(await lstat(source).then(() => true, () => false))) return fail(ret, `Source file "${source}" is not present`);
    const dest = args.subdir === true && (await stat(name).then((st) => st.isDirectory(), () => false)) ? path.join(name, path.basename(source)) : name;
    ret.name = dest;
    try {
      return await copyInto(ctx, args, source, dest, ret);
    } catch (err) {
      return fail(ret, `Failed to copy "${source}" to "${dest}": ${errorText(err)}`);
    }
  },
  { absolute: true },
);

async function copyInto(ctx: StateContext, args: StateArgs, source: string, name: string, ret: StateReturn): Promise<StateReturn> {
  const preserve = args.preserve === true;
  const src = (await currentMeta(source, true))!;
  const owner = preserve ? { user: src.user, group: src.group } : await defaultOwner(ctx.opts, ownerArg(args.user ?? args.owner), ownerArg(args.group));
  if (!preserve) {
    const badOwner = await checkUserGroup(owner.user, owner.group);
    if (badOwner) return fail(ret, badOwner);
  }
  const mode = preserve || args.mode == null ? src.mode : modeArg(args.mode, 'mode', name)!;
  const force = args.force === true;
  let changed = true;
  if (await lstat(name).then(() => true, () => false)) {
    // Salt copies again under force even when the files are the same, and says so.
    if (force && (await stat(name)).isFile() && (await stat(source)).isFile() && (await fileHash(name, 'sha256')) === (await fileHash(source, 'sha256'))) {
      ret.comment += ' - files are identical but force flag is set';
    }
    changed = force;
  }
  if (ctx.test) {
    ret.result = changed ? null : true;
    ret.comment = changed ? `File "${source}" is set to be copied to "${name}"` : `The target file "${name}" exists and will not be overwritten`;
    return ret;
  }
  if (!changed) {
    ret.comment = `The target file "${name}" exists and will not be overwritten`;
    return ret;
  }
  if (force) await rm(name, { recursive: true, force: true });
  const parent = path.dirname(name);
  if (!(await stat(parent).then((st) => st.isDirectory(), () => false))) {
    if (args.makedirs !== true) return fail(ret, `The target directory ${parent} is not present`);
    await makeDirs(parent, owner.user, owner.group, mode);
  }
  await cp(source, name, { recursive: true, force: true, verbatimSymlinks: true, preserveTimestamps: preserve });
  ret.changes = { [name]: source };
  if (!preserve) {
    const want = { user: owner.user, group: owner.group, mode };
    await checkPerms(false, name, ret, want, true);
    if ((await stat(name)).isDirectory()) {
      for (const { root, dirs, files } of await walk(name)) {
        for (const entry of [...dirs, ...files]) await checkPerms(false, path.join(root, entry), ret, { ...want, mode: null }, false);
      }
    }
  }
  return ret;
}
