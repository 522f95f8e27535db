// The account databases as getent reads them (files, then LDAP or sssd): users from
// passwd, groups from group, each line split into its fields.
import { runSystemCommand } from '../../platform/run-process.js';
import { CommandExecutionError } from '../command-error.js';

export interface PasswdEntry {
  name: string;
  passwd: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  passwd: string;
  gid: number;
  members: string[];
}

/** The lines getent prints for the database (one key, or every entry); none when the key is unknown. */
async function getent(database: 'passwd' | 'group', key?: string): Promise<string[]> {
  const result = await runSystemCommand(['getent', database, ...(key === undefined ? [] : [key])]);
  // Exit code 2: the key is not in the database.
  if (result.retcode === 2) return [];
  if (result.retcode !== 0) throw new CommandExecutionError(`getent ${database} failed: ${result.stderr.trim() || `exit code ${result.retcode}`}`);
  return result.stdout.split('\n').filter(Boolean);
}

function passwdEntry(line: string): PasswdEntry {
  const [name = '', passwd = '', uid = '', gid = '', gecos = '', home = '', shell = ''] = line.split(':');
  return { name, passwd, uid: Number(uid), gid: Number(gid), gecos, home, shell };
}

function groupEntry(line: string): GroupEntry {
  const [name = '', passwd = '', gid = '', members = ''] = line.split(':');
  return { name, passwd, gid: Number(gid), members: members.split(',').filter(Boolean) };
}

/** Every user, in database order. */
export async function allUsers(): Promise<PasswdEntry[]> {
  return (await getent('passwd')).map(passwdEntry);
}

/** The user with this name (not a uid: a numeric name stays a name), or null. */
export async function userNamed(name: string): Promise<PasswdEntry | null> {
  return (await getent('passwd', name)).map(passwdEntry).find((u) => u.name === name) ?? null;
}

/** Every group, in database order. */
export async function allGroups(): Promise<GroupEntry[]> {
  return (await getent('group')).map(groupEntry);
}

/** The group with this name, or this gid when given a number; null when there is none. */
export async function groupNamed(nameOrGid: string | number): Promise<GroupEntry | null> {
  const matches = (g: GroupEntry) => (typeof nameOrGid === 'number' ? g.gid === nameOrGid : g.name === nameOrGid);
  return (await getent('group', String(nameOrGid))).map(groupEntry).find(matches) ?? null;
}
