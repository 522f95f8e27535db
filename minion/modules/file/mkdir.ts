// file.mkdir: creates a directory and its missing parents, giving each one the user, group
// and mode asked for, as Salt's makedirs_perms does.
import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pyStr } from '../../../shared/output/py-str.js';
import { findGroup, findUser } from '../../platform/users.js';
import { CommandExecutionError } from '../command-error.js';

/** Creates `dir` (absolute) and its missing parents; an existing directory is left as it is. */
export async function makeDirs(dir: string, user: unknown, group: unknown, mode: unknown): Promise<void> {
  const uid = user == null ? -1 : await ownerId(user, 'User', async (key) => (await findUser(key))?.uid);
  const gid = group == null ? -1 : await ownerId(group, 'Group', async (key) => (await findGroup(key))?.gid);
  const bits = mode == null ? null : octalMode(mode);
  const missing: string[] = [];
  for (let d = path.normalize(dir); !(await stat(d).then(() => true, () => false)); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    // Another state or minion may create the same parent meanwhile.
    await mkdir(d).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    if (bits !== null) await chmod(d, bits);
    if (uid !== -1 || gid !== -1) await chown(d, uid, gid);
  }
}

// A name, or an id given as a number.
async function ownerId(value: unknown, kind: string, find: (key: string | number) => Promise<number | undefined>): Promise<number> {
  const id = await find(typeof value === 'number' ? value : pyStr(value));
  if (id === undefined) throw new CommandExecutionError(`${kind} ${pyStr(value)} is not available`);
  return id;
}

// Salt reads the mode's digits as octal whether it is given as 755, '0755' or '0o755'.
function octalMode(mode: unknown): number {
  const digits = pyStr(mode).replace(/^0o/i, '');
  if (!/^[0-7]{1,4}$/.test(digits)) throw new CommandExecutionError(`Invalid mode ${pyStr(mode)}: expected octal digits such as 0755`);
  return parseInt(digits, 8);
}
