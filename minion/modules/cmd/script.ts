// cmd.script: copies a script from the minion's disk to a private temporary file, makes
// it executable and runs it with its arguments. A salt:// source is fetched from the file
// server (cached) first.
import { chmod, chown, copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pyStr } from '../../../shared/output/py-str.js';
import { splitShellWords } from './shell-words.js';
import type { BoundArgs, ExecContext } from '../types.js';
import { prepareCommand, pythonShellDefault } from './command.js';
import { resolveRunas } from './run-as.js';
import { runCommand, type CommandResult } from './run-command.js';
import { CommandExecutionError } from '../command-error.js';
import { askFiles } from '../cp/ask.js';
import { isSaltUrl } from '../../../shared/fileserver/salt-url.js';

/** run_all's shape, or Salt's cache_error shape when the script cannot be had. */
export type ScriptResult = CommandResult & { cache_error?: true };

/** Runs the script at args.source with args.args, returning run_all's shape. */
export async function runScript(ctx: ExecContext, args: BoundArgs): Promise<ScriptResult> {
  const source = await scriptSource(ctx, args.source, args.saltenv == null ? 'base' : pyStr(args.saltenv));
  if (!source) {
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

/** The script as a local file, or null when it cannot be had. */
async function scriptSource(ctx: ExecContext, source: unknown, saltenv: string): Promise<string | null> {
  const text = pyStr(source);
  if (isSaltUrl(text)) return askFiles(ctx, { op: 'cache_file', url: text, saltenv });
  if (!path.isAbsolute(text)) {
    throw new CommandExecutionError(`The script source must be an absolute path or a salt:// URL, got '${text}'`);
  }
  return (await stat(text).then((s) => s.isFile(), () => false)) ? text : null;
}

// A string of arguments is split like a shell would ('a "b c"' is two words); a list is taken as it is.
function scriptArgs(args: unknown): string[] {
  if (args == null || args === '') return [];
  return Array.isArray(args) ? args.map(pyStr) : splitShellWords(pyStr(args));
}
