// user: manage local users with useradd, usermod and userdel (Salt's useradd module).
import { pyStr } from '../../shared/output/py-str.js';
import { CommandExecutionError } from './command-error.js';
import { allUsers, groupNamed, userNamed } from './user/getent.js';
import { groupsOf, splitGecos, userInfo, type UserInfo } from './user/info.js';
import { nameList } from './user/name-list.js';
import { accountToolSucceeds, runAccountTool } from './user/usermod.js';
import type { ExecFunction, ExecModule } from './types.js';

const text = (value: unknown): string => (value == null ? '' : pyStr(value));
const given = (value: unknown): boolean => value != null && value !== '';

/** The user's info, raising Salt's error when there is no such user. */
async function existing(name: string): Promise<UserInfo> {
  const entry = await userNamed(name);
  if (!entry) throw new CommandExecutionError(`User '${name}' does not exist`);
  return userInfo(entry);
}

/** A gid given as a number or a group name; null when no such group exists. */
async function gidOf(gid: unknown): Promise<number | null> {
  if (typeof gid === 'number' || /^\d+$/.test(text(gid))) return Number(gid);
  return (await groupNamed(text(gid)))?.gid ?? null;
}

/** A function that changes one attribute with usermod unless it already has the wanted value; True when it has it afterwards. */
function change(doc: string, param: string, current: (info: UserInfo) => unknown, flag: (value: unknown) => Promise<string[]> | string[], wanted: (value: unknown) => Promise<unknown> | unknown = (v) => v): ExecFunction {
  return {
    doc,
    params: [{ name: 'name' }, { name: param }],
    run: async (_ctx, a) => {
      const name = text(a.name);
      const target = await wanted(a[param]);
      if (current(await existing(name)) === target) return true;
      await accountToolSucceeds(['usermod', ...(await flag(a[param])), name]);
      return current(await existing(name)) === target;
    },
  };
}

/** GECOS with one field replaced, the others kept. */
function gecosWith(info: UserInfo, field: 'fullname', value: string): string {
  const fields = { ...splitGecos([info.fullname, info.roomnumber, info.workphone, info.homephone, info.other].join(',')), [field]: value };
  return [fields.fullname, fields.roomnumber, fields.workphone, fields.homephone, fields.other].join(',').replace(/,+$/, '');
}

async function addUser(a: Record<string, unknown>): Promise<boolean> {
  const name = text(a.name);
  const argv = ['useradd'];
  if (given(a.uid)) argv.push('-u', text(a.uid));
  if (given(a.gid)) argv.push('-g', text(a.gid));
  else if (a.usergroup === true) argv.push('-U');
  else if (a.usergroup === false) argv.push('-N');
  // useradd refuses to create a user whose same-named group exists unless told to use it, as Salt does.
  else if (await groupNamed(name)) argv.push('-g', name);
  const groups = nameList(a.groups);
  if (groups.length) argv.push('-G', groups.join(','));
  if (given(a.home)) argv.push('-d', text(a.home));
  argv.push(a.createhome === false ? '-M' : '-m');
  if (given(a.shell)) argv.push('-s', text(a.shell));
  if (a.unique === false) argv.push('-o');
  if (a.system === true) argv.push('-r');
  if (a.nologinit === true) argv.push('-l');
  const gecos = [a.fullname, a.roomnumber, a.workphone, a.homephone, a.other].map(text).join(',').replace(/,+$/, '');
  if (gecos) argv.push('-c', gecos);
  await runAccountTool([...argv, name], `Adding user '${name}'`);
  return true;
}

export const userModule: ExecModule = {
  name: 'user',
  doc: 'Manage local users with useradd, usermod and userdel.',
  functions: {
    info: {
      doc: 'Return the user\'s passwd fields, GECOS fields and groups; {} when there is no such user.',
      params: [{ name: 'name' }],
      run: async (_ctx, a) => {
        const entry = await userNamed(text(a.name));
        return entry ? userInfo(entry) : {};
      },
    },
    getent: {
      doc: 'Return the info of every user.',
      params: [{ name: 'refresh', default: false }],
      run: async () => Promise.all((await allUsers()).map(userInfo)),
    },
    list_users: { doc: 'Return the sorted names of all users.', run: async () => (await allUsers()).map((u) => u.name).sort() },
    list_groups: {
      doc: 'Return the sorted names of the groups the user is in, its primary group included.',
      params: [{ name: 'name' }],
      run: async (_ctx, a) => {
        const entry = await userNamed(text(a.name));
        return entry ? groupsOf(entry) : [];
      },
    },
    add: {
      doc: 'Add a user (uid, gid, groups, home, shell, unique, system, fullname, roomnumber, workphone, homephone, other, createhome, nologinit, usergroup); return True, or raise with useradd\'s message.',
      params: [
        { name: 'name' }, { name: 'uid', default: null }, { name: 'gid', default: null }, { name: 'groups', default: null },
        { name: 'home', default: null }, { name: 'shell', default: null }, { name: 'unique', default: true }, { name: 'system', default: false },
        { name: 'fullname', default: '' }, { name: 'roomnumber', default: '' }, { name: 'workphone', default: '' }, { name: 'homephone', default: '' },
        { name: 'other', default: '' }, { name: 'createhome', default: true }, { name: 'nologinit', default: false }, { name: 'usergroup', default: null },
      ],
      run: (_ctx, a) => addUser(a),
    },
    delete: {
      doc: 'Delete a user; remove=True also removes its home and mail spool, force=True even while logged in. Return True, or raise with userdel\'s message.',
      params: [{ name: 'name' }, { name: 'remove', default: false }, { name: 'force', default: false }],
      run: async (_ctx, a) => {
        const name = text(a.name);
        await runAccountTool(['userdel', ...(a.remove === true ? ['-r'] : []), ...(a.force === true ? ['-f'] : []), name], `Deleting user '${name}'`);
        return true;
      },
    },
    chuid: change('Change the user\'s uid; return True when it has it.', 'uid', (i) => i.uid, (v) => ['-u', text(v)], (v) => Number(v)),
    chgid: change('Change the user\'s primary group (a gid or a group name); return True when it has it.', 'gid', (i) => i.gid, (v) => ['-g', text(v)], gidOf),
    chshell: change('Change the user\'s login shell; return True when it has it.', 'shell', (i) => i.shell, (v) => ['-s', text(v)]),
    chhome: {
      doc: 'Change the user\'s home directory; persist=True moves the old home\'s contents there. Return True when it has it.',
      params: [{ name: 'name' }, { name: 'home' }, { name: 'persist', default: false }],
      run: async (_ctx, a) => {
        const name = text(a.name);
        const home = text(a.home);
        if ((await existing(name)).home === home) return true;
        await accountToolSucceeds(['usermod', '-d', home, ...(a.persist === true ? ['-m'] : []), name]);
        return (await existing(name)).home === home;
      },
    },
    chgroups: {
      doc: 'Set the user\'s supplementary groups (a list or comma-separated names); append=True adds them to the current ones. Return True on success.',
      params: [{ name: 'name' }, { name: 'groups' }, { name: 'append', default: false }],
      run: async (_ctx, a) => {
        const name = text(a.name);
        const groups = nameList(a.groups);
        const current = (await existing(name)).groups;
        const same = a.append === true ? groups.every((g) => current.includes(g)) : new Set(current).size === new Set(groups).size && groups.every((g) => current.includes(g));
        if (same) return true;
        return accountToolSucceeds(['usermod', ...(a.append === true ? ['-a'] : []), '-G', groups.join(','), name]);
      },
    },
    chfullname: {
      doc: 'Change the user\'s full name (the first GECOS field); return True when it has it.',
      params: [{ name: 'name' }, { name: 'fullname' }],
      run: async (_ctx, a) => {
        const name = text(a.name);
        const fullname = text(a.fullname);
        const info = await existing(name);
        if (info.fullname === fullname) return true;
        await accountToolSucceeds(['usermod', '-c', gecosWith(info, 'fullname', fullname), name]);
        return (await existing(name)).fullname === fullname;
      },
    },
  },
};
