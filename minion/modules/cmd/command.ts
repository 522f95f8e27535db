// Turns cmd function arguments into what to run: the argument vector (through the shell,
// or split into words like a shell would but run without one), the directory, the
// environment, stdin and the user, with Salt's defaults and Salt's errors.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { isRecord } from '../../../shared/output/sorted-keys.js';
import { pyStr } from '../../../shared/output/py-str.js';
import type { UserEntry } from '../../platform/users.js';
import { isExecutableFile } from '../../platform/which.js';
import type { BoundArgs } from '../types.js';
import { CommandExecutionError } from '../command-error.js';
import { asUser, resolveRunas, userEnv } from './run-as.js';
import { quoteShellWord, splitShellWords } from './shell-words.js';

export interface PreparedCommand {
  argv: string[];
  /** The command as it was given, for messages. */
  display: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: string | null;
  timeout: number | null;
}

/** Prepares args.cmd (a string or a list of words) to run, through `shell` when pythonShell. */
export async function prepareCommand(args: BoundArgs, pythonShell: boolean): Promise<PreparedCommand> {
  const user = await resolveRunas(args.runas);
  const argv = await commandVector(args.cmd, pythonShell, pyStr(args.shell));
  return {
    argv: user ? await asUser(user, argv) : argv,
    display: Array.isArray(args.cmd) ? args.cmd.map(pyStr).join(' ') : pyStr(args.cmd),
    cwd: await commandCwd(args.cwd, user),
    env: commandEnv(args.env, user),
    stdin: args.stdin == null ? null : stdinText(pyStr(args.stdin), args.stdin_raw_newlines === true),
    timeout: commandTimeout(args.timeout),
  };
}

/** Salt's python_shell default for a job's own call: True, so shell syntax works from the CLI. */
export function pythonShellDefault(value: unknown): boolean {
  return value == null ? true : Boolean(value);
}

async function commandVector(cmd: unknown, pythonShell: boolean, shell: string): Promise<string[]> {
  const words = Array.isArray(cmd) ? cmd.map(pyStr) : null;
  if (pythonShell) {
    if (!(await isExecutableFile(shell))) throw new CommandExecutionError(`The shell ${shell} is not available`);
    return [shell, '-c', words ? words.map(quoteShellWord).join(' ') : pyStr(cmd)];
  }
  const argv = words ?? splitShellWords(pyStr(cmd));
  if (!argv.length) throw new CommandExecutionError('No command given');
  return argv;
}

// Salt's default is the user's home directory, or / when that cannot be read.
async function commandCwd(cwd: unknown, user: UserEntry | null): Promise<string> {
  if (cwd == null || cwd === '') {
    const home = user ? user.home : homedir();
    return (await access(home, constants.R_OK).then(() => true, () => false)) ? home : '/';
  }
  const dir = pyStr(cwd);
  const isDir = path.isAbsolute(dir) && (await stat(dir).then((s) => s.isDirectory(), () => false));
  if (!isDir) throw new CommandExecutionError(`Specified cwd '${dir}' either not absolute or does not exist`);
  return dir;
}

// The minion's environment, then the caller's variables, then who the runas user is.
function commandEnv(env: unknown, user: UserEntry | null): NodeJS.ProcessEnv {
  if (env != null && !isRecord(env)) {
    throw new CommandExecutionError(`env must be a dict of variables, such as env='{"FOO": "bar"}', not ${pyStr(env)}`);
  }
  const extra = Object.entries(env ?? {}).map(([name, value]) => [name, value == null ? '' : pyStr(value)]);
  return { ...process.env, ...Object.fromEntries(extra), ...(user ? userEnv(user) : {}) };
}

// A `\n` typed on the command line stands for a newline, unless stdin_raw_newlines.
function stdinText(text: string, raw: boolean): string {
  return raw ? text : text.replaceAll('\\n', '\n');
}

function commandTimeout(timeout: unknown): number | null {
  if (timeout == null || timeout === 0) return null;
  if (typeof timeout !== 'number' || !(timeout > 0)) {
    throw new CommandExecutionError(`Error: timeout ${pyStr(timeout)} must be a positive number of seconds`);
  }
  return timeout;
}
