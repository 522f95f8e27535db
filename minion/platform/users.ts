// Users and groups looked up as getpwnam/getgrnam see them: /etc/passwd and /etc/group
// first, then `getent` for accounts from other sources (LDAP, sssd).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

export interface UserEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
}

const run = promisify(execFile);

/** The user with this name, or this uid when given a number; null when there is none. */
export async function findUser(nameOrId: string | number): Promise<UserEntry | null> {
  const fields = await findEntry('/etc/passwd', 'passwd', nameOrId);
  return fields && { name: fields[0]!, uid: Number(fields[2]), gid: Number(fields[3]), home: fields[5] ?? '/' };
}

/** The group with this name, or this gid when given a number; null when there is none. */
export async function findGroup(nameOrId: string | number): Promise<GroupEntry | null> {
  const fields = await findEntry('/etc/group', 'group', nameOrId);
  return fields && { name: fields[0]!, gid: Number(fields[2]) };
}

/** The colon-separated fields of the entry whose name (field 0) or id (field 2) matches. */
async function findEntry(file: string, database: string, key: string | number): Promise<string[] | null> {
  const matches = (fields: string[]) => (typeof key === 'number' ? fields[2] === String(key) : fields[0] === key);
  const text = await readFile(file, 'utf8').catch(() => '');
  const local = text.split('\n').map((line) => line.split(':')).find(matches);
  if (local) return local;
  try {
    const { stdout } = await run('getent', [database, String(key)]);
    const fields = stdout.split('\n')[0]!.split(':');
    return matches(fields) ? fields : null;
  } catch {
    return null; // not found (getent exits 2), or no getent at all
  }
}
