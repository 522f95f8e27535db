// What differs between an existing user and the wanted one (Salt's user._changes),
// keyed as Salt keys it: uid, gid, groups, home, homeDoesNotExist, shell, fullname, passwd.
import { existsSync, statSync } from 'node:fs';
import type { StateContext } from '../../../shared/state/types.js';
import type { WantedUser } from './wanted.js';

export interface UserInfo {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
  fullname: string;
  groups: string[];
}

async function groupName(ctx: StateContext, gid: number): Promise<string | null> {
  const groups = (await ctx.call('group.getent')) as { name: string; gid: number }[];
  return groups.find((g) => g.gid === gid)?.name ?? null;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The changes needed, {} when none; null when the user does not exist. */
export async function userChanges(ctx: StateContext, wanted: WantedUser): Promise<Record<string, unknown> | null> {
  const current = (await ctx.call('user.info', [wanted.name])) as UserInfo | Record<string, never>;
  if (!('uid' in current)) return null;
  const change: Record<string, unknown> = {};
  if (wanted.uid !== null && current.uid !== wanted.uid) change.uid = wanted.uid;
  if (wanted.gid !== null && current.gid !== wanted.gid) change.gid = wanted.gid;
  if (wanted.groups !== null) {
    // The primary groups (wanted and current) are not supplementary memberships to compare.
    const primary = [await groupName(ctx, wanted.gid ?? current.gid), await groupName(ctx, current.gid)];
    const have = current.groups.filter((g) => !primary.includes(g));
    const want = [...new Set([...wanted.groups, ...(wanted.removeGroups ? [] : have)])].filter((g) => !primary.includes(g)).sort();
    if (!sameSet(have, want)) change.groups = want;
  }
  if (wanted.home !== null && current.home !== wanted.home) change.home = wanted.home;
  const home = wanted.home ?? current.home;
  if (wanted.createhome && home && !(existsSync(home) && statSync(home).isDirectory())) change.homeDoesNotExist = home;
  if (wanted.shell !== null && current.shell !== wanted.shell) change.shell = wanted.shell;
  if (wanted.password !== null) {
    const hash = ((await ctx.call('shadow.info', [wanted.name])) as { passwd: string }).passwd;
    // Without enforce_password, only an account that has no password yet gets one.
    const unset = hash === '!' || hash === '*' || hash === '!*' || hash === '';
    if (hash !== wanted.password && (wanted.enforcePassword || unset)) change.passwd = wanted.password;
  }
  // GECOS fields come last, as in Salt.
  if (wanted.fullname !== null && current.fullname !== wanted.fullname) change.fullname = wanted.fullname;
  return change;
}
