// Running a command as another user (runas). The user comes from the passwd database;
// setpriv (util-linux) switches uid, gid and the user's supplementary groups before it
// execs the command, which Node's spawn cannot do (it drops supplementary groups).
import { pyStr } from '../../../shared/output/py-str.js';
import { findUser, type UserEntry } from '../../platform/users.js';
import { which } from '../../platform/which.js';
import { CommandExecutionError } from '../command-error.js';

/** The runas user, or null to run as the minion's own user. */
export async function resolveRunas(runas: unknown): Promise<UserEntry | null> {
  if (runas == null || runas === '') return null;
  const name = pyStr(runas);
  const user = await findUser(name);
  if (!user) throw new CommandExecutionError(`User '${name}' is not available`);
  return user;
}

/** The argument vector that runs argv as the user, with the user's groups. */
export async function asUser(user: UserEntry, argv: string[]): Promise<string[]> {
  if (user.uid === process.getuid?.()) return argv; // already that user: nothing to switch
  const setpriv = await which('setpriv');
  if (!setpriv) throw new CommandExecutionError('runas needs the setpriv command (util-linux), which is not installed on this minion');
  return [setpriv, `--reuid=${user.uid}`, `--regid=${user.gid}`, '--init-groups', '--', ...argv];
}

/** The variables that say who the user is, as a login sets them. */
export function userEnv(user: UserEntry): NodeJS.ProcessEnv {
  return { HOME: user.home, USER: user.name, LOGNAME: user.name };
}
