// Runs a system tool whose output a module parses: in the C locale, as Salt's cmd
// functions run commands, and with a missing binary reported by name.
import { runProcess, type ProcessOptions, type ProcessOutcome } from './run-process.js';
import { CommandExecutionError } from '../modules/command-error.js';

/** Runs the tool; `install` says where the binary comes from when it is missing. */
export async function runTool(argv: readonly string[], options: ProcessOptions, install: string): Promise<ProcessOutcome> {
  try {
    return await runProcess(argv, { ...options, locale: 'C' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CommandExecutionError(`The '${argv[0]}' command is not available on this minion (${install})`);
    }
    throw err;
  }
}
