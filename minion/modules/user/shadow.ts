// shadow: the users' password hashes and ageing fields in /etc/shadow (Salt's shadow
// module), which user.present uses for its `password` argument.
import { pyStr } from '../../../shared/output/py-str.js';
import { runSystemCommand } from '../../platform/run-process.js';
import { CommandExecutionError } from '../command-error.js';
import type { ExecModule } from '../types.js';
import { runAccountTool } from './usermod.js';

export interface ShadowInfo {
  name: string;
  passwd: string;
  lstchg: string;
  min: string;
  max: string;
  warn: string;
  inact: string;
  expire: string;
}

const EMPTY: ShadowInfo = { name: '', passwd: '', lstchg: '', min: '', max: '', warn: '', inact: '', expire: '' };

/** The user's shadow entry; the empty entry when there is none. */
export async function shadowInfo(name: string): Promise<ShadowInfo> {
  const result = await runSystemCommand(['getent', 'shadow', name]);
  if (result.retcode === 2) return { ...EMPTY };
  if (result.retcode !== 0) throw new CommandExecutionError(`getent shadow ${name} failed: ${result.stderr.trim()}`);
  const [user = '', passwd = '', lstchg = '', min = '', max = '', warn = '', inact = '', expire = ''] = result.stdout.split('\n')[0]!.split(':');
  return { name: user, passwd, lstchg, min, max, warn, inact, expire };
}

export const shadowModule: ExecModule = {
  name: 'shadow',
  doc: 'Read and set users\' password hashes in /etc/shadow.',
  functions: {
    info: {
      doc: 'Return the user\'s shadow fields (name, passwd, lstchg, min, max, warn, inact, expire); empty fields when there is no such user.',
      params: [{ name: 'name' }],
      run: (_ctx, a) => shadowInfo(pyStr(a.name)),
    },
    set_password: {
      doc: 'Set the user\'s password to an already hashed value (as `mkpasswd -m sha-512` prints it); return True when the hash is in place.',
      params: [{ name: 'name' }, { name: 'password' }],
      run: async (_ctx, a) => {
        const name = pyStr(a.name);
        const hash = pyStr(a.password);
        await runAccountTool(['usermod', '-p', hash, name], `Setting the password of user '${name}'`);
        return (await shadowInfo(name)).passwd === hash;
      },
    },
    default_hash: { doc: 'Return the hash a user without a password has (\'!\').', run: () => '!' },
  },
};
