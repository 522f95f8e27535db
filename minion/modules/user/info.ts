// user.info's shape, as Salt's useradd module returns it: the passwd fields, the GECOS
// fields split out, and the names of every group the user is in (its primary group too).
import { allGroups, type PasswdEntry } from './getent.js';

export interface UserInfo {
  name: string;
  passwd: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
  fullname: string;
  roomnumber: string;
  workphone: string;
  homephone: string;
  other: string;
  groups: string[];
}

/** GECOS is fullname,roomnumber,workphone,homephone,other (other may hold more commas). */
export function splitGecos(gecos: string): Pick<UserInfo, 'fullname' | 'roomnumber' | 'workphone' | 'homephone' | 'other'> {
  const [fullname = '', roomnumber = '', workphone = '', homephone = '', ...other] = gecos.split(',');
  return { fullname, roomnumber, workphone, homephone, other: other.join(',') };
}

/** The sorted names of the groups the user belongs to, its primary group included (getgrouplist). */
export async function groupsOf(user: Pick<PasswdEntry, 'name' | 'gid'>): Promise<string[]> {
  const names = (await allGroups()).filter((g) => g.gid === user.gid || g.members.includes(user.name)).map((g) => g.name);
  return [...new Set(names)].sort();
}

export async function userInfo(entry: PasswdEntry): Promise<UserInfo> {
  const { name, passwd, uid, gid, home, shell } = entry;
  return { name, passwd, uid, gid, home, shell, ...splitGecos(entry.gecos), groups: await groupsOf(entry) };
}
