// cmd.script: copies a script from the minion's disk to a private temporary file, makes
// it executable and runs it with its arguments. salt:// sources need the file server.
import { chmod, chown, copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pyStr } from '../../platform/py-str.js';
import { splitShellWords } from './shell-words.js';
import type { BoundArgs, ExecContext } from '../types.js';
import { prepareCommand, pythonShellDefault } from './command.js';
import { resolveRunas } from './run-as.js';
import { runCommand, type CommandResult } from './run-command.js';
import { CommandExecutionError } from '../command-error.js';

/** run_all's shape, or Salt's cache_error shape when the script cannot be had. */
export type ScriptResult = CommandResult & { cache_error?: true };

/** Runs the script at args.source with args.args, returning run_all's shape. */
export async function runScript(ctx: ExecContext, args: BoundArgs): Promise<ScriptResult> {
  const source = scriptSource(args.source);
  if (!(await stat(source).then((s) => s.isFile(), () => false))) {
    ctx.setRetcode(1);
    return { pid: 0, retcode: 1, stdout: '', stderr: '', cache_error: true };
  }
  const user = await resolveRunas(args.runas);
  const dir = await mkdtemp(path.join(tmpdir(), 'salt-ts-script-'));
  try {
    const script = path.join(dir, `script${path.extname(source)}`);
    await copyFile(source, script);
    await chmod(script, 0o500);
    if (user) {
      await chown(dir, user.uid, -1);
      await chown(script, user.uid, -1);
    }
    const words = scriptArgs(args.args);
    // As in Salt: a script with arguments runs directly; without, through the shell by default.
    const command = await prepareCommand({ ...args, cmd: [script, ...words] }, pythonShellDefault(args.python_shell) && !words.length);
    return await runCommand(ctx, command, { mergeStderr: false, rstrip: true, ignoreRetcode: args.ignore_retcode === true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function scriptSource(source: unknown): string {
  const text = pyStr(source);
  if (text.startsWith('salt://')) {
    throw new CommandExecutionError(`cmd.script cannot fetch ${text}: the salt:// file server is not available in salt-ts yet; give an absolute path on the minion`);
  }
  if (!path.isAbsolute(text)) {
    throw new CommandExecutionError(`The script source must be an absolute path on the minion, got '${text}'`);
  }
  return text;
}

// A string of arguments is split like a shell would ('a "b c"' is two words); a list is taken as it is.
function scriptArgs(args: unknown): string[] {
  if (args == null || args === '') return [];
  return Array.isArray(args) ? args.map(pyStr) : splitShellWords(pyStr(args));
}
