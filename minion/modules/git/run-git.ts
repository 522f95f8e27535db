// Runs the git binary in a working copy, as the minion's user or another (`user`),
// without prompting for credentials; a failure raises Salt's "Command '...' failed" error.
import { runTool } from '../../platform/run-tool.js';
import { asUser, resolveRunas, userEnv } from '../cmd/run-as.js';
import { splitShellWords } from '../cmd/shell-words.js';
import { CommandExecutionError } from '../command-error.js';
import { pyStr } from '../../../shared/output/py-str.js';

export interface GitResult {
  retcode: number;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  cwd?: string | null;
  user?: unknown;
  /** Return a failed result instead of raising. */
  ignoreRetcode?: boolean;
}

/** Extra options given as a string (split like a shell would) or a list. */
export function optionWords(opts: unknown): string[] {
  if (opts == null || opts === '') return [];
  return Array.isArray(opts) ? opts.map(pyStr) : splitShellWords(pyStr(opts));
}

export async function runGit(args: string[], options: GitOptions = {}): Promise<GitResult> {
  const user = await resolveRunas(options.user);
  const argv = ['git', ...args];
  const env = { ...process.env, ...(user ? userEnv(user) : {}), GIT_TERMINAL_PROMPT: '0' };
  const outcome = await runTool(user ? await asUser(user, argv) : argv, { cwd: options.cwd ?? undefined, env, limit: 64 * 1024 * 1024 }, 'Debian package git');
  const result = { retcode: outcome.retcode, stdout: outcome.stdout.text().trimEnd(), stderr: outcome.stderr.text().trimEnd() };
  if (result.retcode !== 0 && !options.ignoreRetcode) {
    throw new CommandExecutionError(`Command '${argv.join(' ')}' failed: ${result.stderr || result.stdout || `exit code ${result.retcode}`}`);
  }
  return result;
}
