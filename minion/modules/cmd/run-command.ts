// Runs a prepared command the way Salt's cmd functions report it: output decoded and
// stripped, cut at cmd_output_limit with a note, a timeout said in the output, and the
// job's retcode set from the command's (unless ignore_retcode).
import type { CappedOutput } from '../../platform/capped-output.js';
import { runProcess } from '../../platform/run-process.js';
import type { ExecContext } from '../types.js';
import type { PreparedCommand } from './command.js';
import { CommandExecutionError } from '../command-error.js';

/** Salt's run_all shape. */
export interface CommandResult {
  pid: number;
  retcode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** stderr goes into stdout (cmd.run, cmd.shell); stderr is then ''. */
  mergeStderr: boolean;
  /** Strip trailing whitespace from the output, as Salt's rstrip=True. */
  rstrip: boolean;
  ignoreRetcode: boolean;
}

/** Runs the command to its end (or its timeout) and returns run_all's shape. */
export async function runCommand(ctx: ExecContext, command: PreparedCommand, options: RunOptions): Promise<CommandResult> {
  let outcome;
  try {
    outcome = await runProcess(command.argv, {
      cwd: command.cwd,
      env: command.env,
      stdin: command.stdin,
      timeout: command.timeout,
      limit: ctx.opts.cmd_output_limit,
      mergeStderr: options.mergeStderr,
    });
  } catch (err) {
    throw new CommandExecutionError(`Unable to run command '${command.display}', reason: ${(err as Error).message}`);
  }
  const stdout = render(outcome.stdout, options.rstrip);
  const result: CommandResult = outcome.timedOut
    ? { pid: outcome.pid, retcode: 1, stdout: timedOut(stdout, command), stderr: '' }
    : { pid: outcome.pid, retcode: outcome.retcode, stdout, stderr: options.mergeStderr ? '' : render(outcome.stderr, options.rstrip) };
  ctx.setRetcode(options.ignoreRetcode ? 0 : result.retcode);
  return result;
}

function render(output: CappedOutput, rstrip: boolean): string {
  const text = output.text();
  return (rstrip ? text.trimEnd() : text) + output.note();
}

// Salt's timeout message, after whatever the command printed before it was killed.
function timedOut(stdout: string, command: PreparedCommand): string {
  const message = `${command.display} : Timed out after ${command.timeout} seconds (process group killed)`;
  return stdout ? `${stdout}\n${message}` : message;
}
