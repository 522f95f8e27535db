// Salt's check_perms for file states: compares a path's owner, group and mode with the
// ones asked for, changes them (or, under test=True, only reports them) and records each
// change in the state's return as user, group and mode.
import { chmod, chown, lchown, lstat, stat } from 'node:fs/promises';
import type { StateReturn } from '../../../shared/state/types.js';
import { fileStats } from '../../modules/file/stats.js';
import { groupName, ownerIds, userName } from './owner.js';

export interface Wanted {
  user: string | number | null;
  group: string | number | null;
  /** Four octal digits, e.g. '0644'. */
  mode: string | null;
}

/** The current owner, group and mode of a path, as Salt's stats names them. */
export interface Current {
  user: string | number;
  group: string | number;
  uid: number;
  gid: number;
  mode: string;
  type: string;
}

/** The path's owner, group and mode; null when it does not exist. */
export async function currentMeta(file: string, followSymlinks: boolean): Promise<Current | null> {
  const st = await fileStats(file, null, followSymlinks).catch(() => null);
  if (!st) return null;
  return { user: st.user as string | number, group: st.group as string | number, uid: st.uid as number, gid: st.gid as number, mode: st.mode as string, type: st.type as string };
}

/** What would change on an existing path (Salt's check_file_meta / _check_dir_meta). */
export function metaChanges(cur: Current, want: Wanted, followSymlinks: boolean): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (want.user !== null && want.user !== cur.user && want.user !== cur.uid) changes.user = want.user;
  if (want.group !== null && want.group !== cur.group && want.group !== cur.gid) changes.group = want.group;
  // Linux symlinks have no mode of their own: one not followed is left alone.
  if (want.mode !== null && want.mode !== cur.mode && (followSymlinks || cur.type !== 'link')) changes.mode = want.mode;
  return changes;
}

/**
 * Makes the path's owner, group and mode the wanted ones (under test=True only records
 * them), adding user/group/mode to ret.changes; failures set result False with a comment.
 * Returns the mode the path had before.
 */
export async function checkPerms(test: boolean, file: string, ret: StateReturn, want: Wanted, followSymlinks: boolean): Promise<string | null> {
  const cur = await currentMeta(file, followSymlinks);
  if (!cur) {
    ret.result = false;
    ret.comment = joinComments(ret.comment, [`Path not found: ${file}`]);
    return null;
  }
  const problems: string[] = [];
  const user = want.user === null ? null : await userName(want.user);
  const group = want.group === null ? null : await groupName(want.group);
  const changeUser = user !== null && user !== cur.user;
  const changeGroup = group !== null && group !== cur.group;
  const isLink = (await lstat(file)).isSymbolicLink();

  if ((changeUser || changeGroup) && !test) {
    const ids = await ownerIds(changeUser ? user : null, changeGroup ? group : null);
    if (!ids) ret.result = false;
    else {
      await (isLink && !followSymlinks ? lchown : chown)(file, ids.uid, ids.gid);
      // chown clears setuid/setgid bits: put the old mode back; a new one comes next.
      if (!(isLink && !followSymlinks)) await chmod(file, parseInt(cur.mode, 8));
    }
  }
  if (want.mode !== null && !(isLink && !followSymlinks) && want.mode !== cur.mode) {
    if (test) ret.changes.mode = want.mode;
    else {
      await chmod(file, parseInt(want.mode, 8));
      const now = ((await stat(file)).mode & 0o7777).toString(8).padStart(4, '0');
      if (now === want.mode) ret.changes.mode = want.mode;
      else {
        ret.result = false;
        problems.push(`Failed to change mode to ${want.mode}`);
      }
    }
  }
  const after = test ? cur : await currentMeta(file, followSymlinks);
  if (changeUser) {
    if (test || after?.user === user) ret.changes.user = user;
    else {
      ret.result = false;
      problems.push(`Failed to change user to ${user}`);
    }
  }
  if (changeGroup) {
    if (test || after?.group === group) ret.changes.group = group;
    else {
      ret.result = false;
      problems.push(`Failed to change group to ${group}`);
    }
  }
  ret.comment = joinComments(ret.comment, problems);
  if (test && Object.keys(ret.changes).length) ret.result = null;
  return cur.mode;
}

// Salt joins the comment the return had with the new ones by '; '.
function joinComments(comment: string, more: string[]): string {
  return [comment, ...more].filter(Boolean).join('; ');
}
