// Running the shadow-utils tools (useradd, usermod, userdel, groupadd, ...): a failure
// raises with the tool's own message, naming the account it was about.
import { runSystemCommand } from '../../platform/run-process.js';
import { CommandExecutionError } from '../command-error.js';

/** Runs the tool; raises `<what> failed: <stderr>` when it exits non-zero. */
export async function runAccountTool(argv: string[], what: string): Promise<void> {
  const result = await runSystemCommand(argv);
  if (result.retcode !== 0) {
    throw new CommandExecutionError(`${what} failed (${argv.join(' ')}): ${(result.stderr || result.stdout).trim() || `exit code ${result.retcode}`}`);
  }
}

/** Whether the tool exits 0 (for Salt's functions that answer True or False). */
export async function accountToolSucceeds(argv: string[]): Promise<boolean> {
  return (await runSystemCommand(argv)).retcode === 0;
}
