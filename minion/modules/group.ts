// group: manage local groups with groupadd, groupmod, groupdel and gpasswd (Salt's groupadd module).
import { pyStr } from '../../shared/output/py-str.js';
import { CommandExecutionError } from './command-error.js';
import { allGroups, groupNamed, type GroupEntry } from './user/getent.js';
import { nameList } from './user/name-list.js';
import { accountToolSucceeds, runAccountTool } from './user/usermod.js';
import type { ExecModule } from './types.js';

const NAME = { name: 'name' };

/** The group, raising Salt's error when there is none. */
async function existing(name: string): Promise<GroupEntry> {
  const group = await groupNamed(name);
  if (!group) throw new CommandExecutionError(`Group '${name}' does not exist`);
  return group;
}

export const groupModule: ExecModule = {
  name: 'group',
  doc: 'Manage local groups with groupadd, groupmod, groupdel and gpasswd.',
  functions: {
    info: {
      doc: 'Return the group\'s {name, passwd, gid, members}; {} when there is no such group.',
      params: [NAME],
      run: async (_ctx, a) => (await groupNamed(pyStr(a.name))) ?? {},
    },
    getent: {
      doc: 'Return the info of every group.',
      params: [{ name: 'refresh', default: false }],
      run: () => allGroups(),
    },
    add: {
      doc: 'Add a group (gid, system=True for a system group, non_unique=True to allow a duplicate gid); return True, or raise with groupadd\'s message.',
      params: [NAME, { name: 'gid', default: null }, { name: 'system', default: false }, { name: 'non_unique', default: false }],
      run: async (_ctx, a) => {
        const name = pyStr(a.name);
        const argv = ['groupadd'];
        if (a.gid != null && a.gid !== '') argv.push('-g', pyStr(a.gid), ...(a.non_unique === true ? ['-o'] : []));
        if (a.system === true) argv.push('-r');
        await runAccountTool([...argv, name], `Adding group '${name}'`);
        return true;
      },
    },
    delete: {
      doc: 'Delete the group; return True, or raise with groupdel\'s message.',
      params: [NAME],
      run: async (_ctx, a) => {
        const name = pyStr(a.name);
        await runAccountTool(['groupdel', name], `Deleting group '${name}'`);
        return true;
      },
    },
    chgid: {
      doc: 'Change the group\'s gid; return True when it has it.',
      params: [NAME, { name: 'gid' }, { name: 'non_unique', default: false }],
      run: async (_ctx, a) => {
        const name = pyStr(a.name);
        const gid = Number(a.gid);
        if ((await existing(name)).gid === gid) return true;
        await accountToolSucceeds(['groupmod', '-g', String(gid), ...(a.non_unique === true ? ['-o'] : []), name]);
        return (await existing(name)).gid === gid;
      },
    },
    adduser: {
      doc: 'Add the user to the group; return True on success.',
      params: [NAME, { name: 'username' }],
      run: (_ctx, a) => accountToolSucceeds(['gpasswd', '-a', pyStr(a.username), pyStr(a.name)]),
    },
    deluser: {
      doc: 'Remove the user from the group; True when it is not a member afterwards.',
      params: [NAME, { name: 'username' }],
      run: async (_ctx, a) => {
        const name = pyStr(a.name);
        const user = pyStr(a.username);
        if (!(await existing(name)).members.includes(user)) return true;
        return accountToolSucceeds(['gpasswd', '-d', user, name]);
      },
    },
    members: {
      doc: 'Replace the group\'s members with members_list (a list or comma-separated names); return True on success.',
      params: [NAME, { name: 'members_list' }],
      run: async (_ctx, a) => {
        const name = pyStr(a.name);
        await existing(name);
        return accountToolSucceeds(['gpasswd', '-M', nameList(a.members_list).join(','), name]);
      },
    },
  },
};
