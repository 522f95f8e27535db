// file.symlink: a symbolic link at `name` pointing at `target`, owned by user:group; what
// is in its way is replaced with force, or renamed with backupname.
import { lchown, lstat, readlink, rename, rm, stat, symlink as makeLink } from 'node:fs/promises';
import path from 'node:path';
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { makeDirs } from '../../modules/file/mkdir.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { modeArg, ownerArg } from './args.js';
import { checkUserGroup, defaultOwner, groupName, ownerIds, userName } from './owner.js';
import { currentMeta } from './perms.js';
import { errorText, fail } from '../../../shared/state/state-return.js';
import { fileStateFunction } from './state-function.js';

export const symlink = fileStateFunction(
  'symlink',
  'Create a symbolic link to target, owned by user:group; force replaces what is in the way, backupname renames it; makedirs creates the parent (mode sets its mode).',
  link,
);

async function link(ctx: StateContext, args: StateArgs, name: string, ret: StateReturn): Promise<StateReturn> {
  const target = pyStr(args.target ?? '');
  const force = args.force === true;
  const mode = modeArg(args.mode, 'mode', name);
  const owner = await defaultOwner(ctx.opts, ownerArg(args.user ?? args.owner), ownerArg(args.group));
  const user = await userName(owner.user);
  const group = await groupName(owner.group);
  const problems: string[] = [];
  if (await checkUserGroup(user, null)) problems.push(`User ${user} does not exist`);
  if (await checkUserGroup(null, group)) problems.push(`Group ${group} does not exist`);
  if (!path.isAbsolute(name)) problems.push(`Specified file ${name} is not an absolute path`);
  if (problems.length) return fail(ret, problems.join('. ') + (problems.length > 1 ? '.' : ''));

  const own = await lstat(name).catch(() => null);
  const ownedRight = async () => {
    const cur = await currentMeta(name, false);
    return cur !== null && cur.user === user && cur.group === group;
  };
  const parent = path.dirname(name);
  const parentMissing = !(await stat(parent).then((st) => st.isDirectory(), () => false));

  if (ctx.test) {
    if (!own) {
      ret.changes.new = name;
      ret.result = null;
      ret.comment = `Symlink ${name} to ${target} is set for creation`;
    } else if (own.isSymbolicLink()) {
      if ((await readlink(name)) !== target) {
        ret.changes.change = name;
        ret.result = null;
        ret.comment = `Link ${name} target is set to be changed to ${target}`;
      } else if (!(await ownedRight())) {
        const cur = (await currentMeta(name, false))!;
        ret.changes.ownership = `${cur.user}:${cur.group}`;
        ret.result = null;
        ret.comment = `The symlink ${name} is present, but the ownership of the symlink would be changed from ${cur.user}:${cur.group} to ${user}:${group}`;
      } else ret.comment = `The symlink ${name} is present`;
    } else if (force) {
      ret.result = null;
      ret.comment = `The file or directory ${name} is set for removal to make way for a new symlink targeting ${target}`;
    } else return fail(ret, `File or directory exists where the symlink ${name} should be. Did you mean to use force?`);
    if (parentMissing) ret.comment += args.makedirs === true ? `\n${parent} will be created` : `\nDirectory ${parent} for symlink is not present`;
    return ret;
  }

  if (parentMissing) {
    if (args.makedirs !== true) return fail(ret, `Directory ${parent} for symlink is not present`);
    await makeDirs(parent, user, group, mode);
  }
  if (own?.isSymbolicLink()) {
    if (path.normalize(await readlink(name)) === path.normalize(target)) {
      if (await ownedRight()) ret.comment = `Symlink ${name} is present and owned by ${user}:${group}`;
      else if (await setOwner(name, user, group, ownedRight)) {
        ret.comment = `Set ownership of symlink ${name} to ${user}:${group}`;
        ret.changes.ownership = `${user}:${group}`;
      } else return fail(ret, `Failed to set ownership of symlink ${name} to ${user}:${group}`);
      return ret;
    }
    await rm(name);
  } else if (own) {
    const backupname = args.backupname == null ? null : pyStr(args.backupname);
    if (backupname !== null) {
      const backup = path.isAbsolute(backupname) ? backupname : backupname === path.basename(backupname) ? path.join(path.dirname(path.normalize(name)), backupname) : null;
      if (backup === null) return fail(ret, `Backupname must be an absolute path or a file name: ${backupname}`);
      if (await lstat(backup).then(() => true, () => false)) {
        if (!force) return fail(ret, `Symlink & backup dest exists and Force not set. ${name} -> ${target} - backup: ${backup}`);
        await rm(backup, { recursive: true });
      }
      await rename(name, backup);
    } else if (force) await rm(name, { recursive: true });
    else return fail(ret, `${own.isFile() ? 'File' : own.isDirectory() ? 'Directory' : 'File system entry'} exists where the symlink ${name} should be`);
  }
  try {
    await makeLink(target, name);
  } catch (err) {
    return fail(ret, `Unable to create new symlink ${name} -> ${target}: ${errorText(err)}`);
  }
  ret.comment = `Created new symlink ${name} -> ${target}`;
  ret.changes.new = name;
  if (!(await ownedRight()) && !(await setOwner(name, user, group, ownedRight))) {
    ret.result = false;
    ret.comment += `, but was unable to set ownership to ${user}:${group}`;
  }
  return ret;
}

// lchown, then whether the link is owned as wanted.
async function setOwner(name: string, user: string | number, group: string | number, ownedRight: () => Promise<boolean>): Promise<boolean> {
  const ids = await ownerIds(user, group);
  if (ids) await lchown(name, ids.uid, ids.gid).catch(() => undefined);
  return ownedRight();
}
