// Users and groups named by file states: Salt's check that they exist, the names behind
// numeric ids, and the owner a state uses when none is given (the minion's own user).
import { userInfo } from 'node:os';
import { findGroup, findUser } from '../../platform/users.js';

/** Salt's _check_user: '' when both exist, else "User x is not available Group y is not available". */
export async function checkUserGroup(user: string | number | null, group: string | number | null): Promise<string> {
  let err = '';
  if (user !== null && !(await findUser(user))) err += `User ${user} is not available `;
  if (group !== null && !(await findGroup(group))) err += `Group ${group} is not available`;
  return err;
}

/** The user name for a name or uid (the uid itself when it has no name). */
export async function userName(user: string | number): Promise<string | number> {
  return typeof user === 'number' ? ((await findUser(user))?.name ?? user) : user;
}

/** The group name for a name or gid (the gid itself when it has no name). */
export async function groupName(group: string | number): Promise<string | number> {
  return typeof group === 'number' ? ((await findGroup(group))?.name ?? group) : group;
}

/** Salt's defaults for states that always own what they make (symlink, copy): the
 * minion's user (opts.user) and that user's primary group. */
export async function defaultOwner(opts: Record<string, unknown>, user: string | number | null, group: string | number | null): Promise<{ user: string | number; group: string | number }> {
  const owner = user ?? (typeof opts.user === 'string' ? opts.user : userInfo().username);
  if (group !== null) return { user: owner, group };
  const gid = (await findUser(owner))?.gid ?? 0;
  return { user: owner, group: (await findGroup(gid))?.name ?? gid };
}

/** Uid and gid for chown (-1 leaves one as it is); null when a name is unknown. */
export async function ownerIds(user: string | number | null, group: string | number | null): Promise<{ uid: number; gid: number } | null> {
  const uid = user === null ? -1 : (await findUser(user))?.uid;
  const gid = group === null ? -1 : (await findGroup(group))?.gid;
  return uid === undefined || gid === undefined ? null : { uid, gid };
}
